import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { Id, Quantity } from './stock.schemas.ts';

export const RECIPIENT_KINDS = ['union', 'member'] as const;
export const CONFIRM_METHODS = ['signature', 'qr', 'representative'] as const;

const Signature = {
  signedName: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '签收人姓名' })),
  signatureSvg: Type.Optional(Type.String({ maxLength: 200_000, pattern: '^\\s*<svg[\\s>]', description: 'SVG text' })),
  signaturePng: Type.Optional(
    Type.String({ maxLength: 400_000, pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$', description: 'data URL' }),
  ),
};

export const DistributionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    fromUnionId: Id,
    itemId: Id,
    note: Type.Optional(Type.String({ maxLength: 500 })),
    lines: Type.Array(
      Type.Object(
        { toUnionId: Type.Optional(Id), toMemberId: Type.Optional(Id), planned: Quantity },
        { additionalProperties: false, description: 'exactly one of toUnionId (a child union) or toMemberId' },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);

export const Recipient = Type.Object({
  kind: StringEnum(RECIPIENT_KINDS),
  id: Type.String(),
  name: Type.String(),
  code: Nullable(Type.String({ description: 'union code for unions' })),
});

export const DistributionLine = Type.Object({
  id: Type.String(),
  recipient: Recipient,
  planned: Type.Integer(),
  delivered: Type.Integer(),
  confirmed: Type.Integer(),
  returned: Type.Integer(),
});

export const Handover = Type.Object({
  id: Type.String(),
  lineId: Type.String(),
  quantity: Type.Integer(),
  at: Type.String(),
  handedOverBy: Nullable(Type.String()),
  signedName: Nullable(Type.String()),
  hasSignature: Type.Boolean(),
  confirmedAt: Nullable(Type.String()),
  confirmMethod: Nullable(StringEnum(CONFIRM_METHODS)),
  confirmToken: Nullable(Type.String({ description: 'present while unconfirmed: encode it in the QR code' })),
});

export const DistributionSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  fromUnionId: Type.String(),
  fromUnionName: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  unit: Type.String(),
  createdAt: Type.String(),
  planned: Type.Integer(),
  delivered: Type.Integer(),
  confirmed: Type.Integer(),
  returned: Type.Integer(),
});
export const DistributionList = Type.Object({ items: Type.Array(DistributionSummary) });
export const DistributionDetail = Type.Object({
  ...DistributionSummary.properties,
  note: Nullable(Type.String()),
  lines: Type.Array(DistributionLine),
  handovers: Type.Array(Handover),
});
export const DistributionQuery = Type.Object({ unionId: Type.Optional(Id) }, { additionalProperties: false });

export const HandoverBody = Type.Object(
  {
    lineId: Id,
    quantity: Quantity,
    handedOverBy: Type.Optional(Type.String({ maxLength: 50 })),
    ...Signature,
  },
  { additionalProperties: false, description: 'with signedName the receiver signed on the spot (confirmed at once)' },
);
export const HandoverCreated = Type.Object({
  id: Type.String(),
  confirmToken: Nullable(Type.String({ description: 'single-use; null when already confirmed by signature' })),
  confirmed: Type.Boolean(),
});

export const StaffConfirmBody = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 10, maxLength: 100 })),
    signedName: Type.String({ minLength: 1, maxLength: 50 }),
    signatureSvg: Signature.signatureSvg,
    signaturePng: Signature.signaturePng,
  },
  { additionalProperties: false },
);
export const MemberConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 100 }) },
  { additionalProperties: false },
);
export const Confirmed = Type.Object({ id: Type.String(), confirmedAt: Type.String(), quantity: Type.Integer() });

export const MyHandover = Type.Object({
  id: Type.String(),
  distributionTitle: Type.String(),
  fromUnionName: Type.String(),
  itemName: Type.String(),
  unit: Type.String(),
  quantity: Type.Integer(),
  at: Type.String(),
  confirmedAt: Nullable(Type.String()),
});
export const MyHandoverList = Type.Object({ items: Type.Array(MyHandover) });

/** A QR confirmation token as minted (18 random bytes, base64url); the path of the link the member opens. */
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });
/** What a confirmation link hands over, shown before the member signs for it. */
export const HandoverToConfirm = Type.Object({
  id: Type.String(),
  distributionTitle: Type.String(),
  fromUnionName: Type.String({ description: 'the union handing over' }),
  itemName: Type.String(),
  unit: Type.String(),
  kind: StringEnum(['item', 'kit']),
  quantity: Type.Integer(),
  at: Type.String({ description: 'when it was handed over' }),
  components: Type.Array(
    Type.Object({ itemName: Type.String(), unit: Type.String(), quantity: Type.Integer({ description: 'per kit' }) }),
    { description: 'what one kit holds (empty for a plain item)' },
  ),
});

export const ReturnBody = Type.Object(
  { lineId: Id, quantity: Quantity, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

export const ReconciliationRow = Type.Object({
  lineId: Type.String(),
  recipient: Recipient,
  planned: Type.Integer(),
  delivered: Type.Integer(),
  confirmed: Type.Integer(),
  returned: Type.Integer(),
  outstanding: Type.Integer({ description: 'planned − (delivered − returned): still to hand over' }),
  unconfirmed: Type.Integer({ description: 'delivered − confirmed' }),
});
export const Reconciliation = Type.Object({
  distributionId: Type.String(),
  title: Type.String(),
  items: Type.Array(ReconciliationRow),
  totals: Type.Object({
    planned: Type.Integer(),
    delivered: Type.Integer(),
    confirmed: Type.Integer(),
    returned: Type.Integer(),
    outstanding: Type.Integer(),
    unconfirmed: Type.Integer(),
  }),
  balanced: Type.Boolean({ description: 'everything planned was delivered, confirmed and nothing is outstanding' }),
});
