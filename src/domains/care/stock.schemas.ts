import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';

/** Error responses every care route may give (problem+json with field-level errors). */
export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
export const Created = Type.Object({ id: Type.String() });
/** A count of physical units (pieces, bottles, kits); never fractional. */
export const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const ITEM_KINDS = ['item', 'kit'] as const;
export const RECEIPT_SOURCES = ['purchase', 'donation'] as const;
export const MOVEMENT_KINDS = ['receipt', 'transfer_out', 'transfer_in', 'handover', 'return', 'correction'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

// ---- items and kits -----------------------------------------------------------------------------------------------

export const KitComponent = Type.Object(
  { itemId: Id, quantity: Quantity },
  { additionalProperties: false, description: 'one line of a kit’s bill of items' },
);

export const ItemBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    unit: Type.String({ minLength: 1, maxLength: 10, description: '个、瓶、条、份、套…' }),
    kind: StringEnum(ITEM_KINDS),
    components: Type.Optional(Type.Array(KitComponent, { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const Item = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  kind: StringEnum(ITEM_KINDS),
  components: Type.Optional(
    Type.Array(Type.Object({ itemId: Type.String(), itemName: Type.String(), quantity: Type.Integer() })),
  ),
});
export const ItemList = Type.Object({ items: Type.Array(Item) });

// ---- receipts -----------------------------------------------------------------------------------------------------

export const ReceiptBody = Type.Object(
  {
    unionId: Id,
    source: StringEnum(RECEIPT_SOURCES),
    fundingSource: Type.String({ minLength: 1, maxLength: 100, description: '经费来源, e.g. 教育基金会捐赠' }),
    supplier: Type.Optional(Type.String({ maxLength: 100 })),
    receivedOn: IsoDate,
    note: Type.Optional(Type.String({ maxLength: 500 })),
    lines: Type.Array(
      Type.Object(
        { itemId: Id, quantity: Quantity, batch: Type.Optional(Type.String({ maxLength: 50 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const Receipt = Type.Object({
  id: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  source: StringEnum(RECEIPT_SOURCES),
  fundingSource: Type.String(),
  supplier: Nullable(Type.String()),
  receivedOn: Type.String(),
  lines: Type.Array(
    Type.Object({
      itemId: Type.String(),
      itemName: Type.String(),
      quantity: Type.Integer(),
      batch: Nullable(Type.String()),
    }),
  ),
});
export const ReceiptList = Type.Object({ items: Type.Array(Receipt) });
export const ReceiptQuery = Type.Object({ unionId: Type.Optional(Id) }, { additionalProperties: false });

// ---- stock, thresholds, movements, corrections ---------------------------------------------------------------------

export const StockQuery = Type.Object(
  { unionId: Type.Optional(Id), lowOnly: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const StockRow = Type.Object({
  unionId: Type.String(),
  unionName: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  unit: Type.String(),
  quantity: Type.Integer(),
  lowStockThreshold: Nullable(Type.Integer()),
  low: Type.Boolean(),
});
export const StockList = Type.Object({ items: Type.Array(StockRow) });

export const ThresholdBody = Type.Object(
  { unionId: Id, itemId: Id, threshold: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })) },
  { additionalProperties: false },
);

export const MovementQuery = Type.Object(
  {
    unionId: Type.Optional(Id),
    itemId: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export const Movement = Type.Object({
  id: Type.String(),
  at: Type.String({ description: 'ISO timestamp' }),
  kind: StringEnum(MOVEMENT_KINDS),
  unionId: Type.String(),
  unionName: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  quantity: Type.Integer({ description: 'signed: + into the union’s stock, − out of it' }),
  batch: Nullable(Type.String()),
  ref: Nullable(Type.String({ description: 'e.g. receipt:<id>, handover:<id>, activity:<id>' })),
  correctsMovementId: Nullable(Type.String()),
  by: Nullable(Type.String({ description: 'display name of the account' })),
  note: Nullable(Type.String()),
});
export const MovementList = Type.Object({ items: Type.Array(Movement) });

export const CorrectionBody = Type.Object(
  {
    unionId: Id,
    itemId: Id,
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, not: { const: 0 } }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    correctsMovementId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  },
  { additionalProperties: false },
);
