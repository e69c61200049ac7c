import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../platform/schema.ts';
import { MAX_ITEMS } from './inspection.rules.ts';

export const ChecklistItemSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 40, description: 'stable key, e.g. open_as_posted' }),
    label: Type.String({ minLength: 1, maxLength: 100 }),
    weight: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const ChecklistBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    items: Type.Array(ChecklistItemSchema, { minItems: 1, maxItems: MAX_ITEMS }),
    passScore: Type.Integer({ minimum: 0, maximum: 100, description: 'score (0–100) needed to pass' }),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Checklist = Type.Object({
  id: Type.String(),
  name: Type.String(),
  items: Type.Array(ChecklistItemSchema),
  passScore: Type.Integer(),
  isDefault: Type.Boolean(),
});
export const ChecklistList = Type.Object({ items: Type.Array(Checklist) });

export const InspectionBody = Type.Object(
  {
    checklistId: Type.Optional(Type.String({ format: 'uuid', description: 'default: the default checklist' })),
    inspectedOn: Type.Optional(IsoDate),
    results: Type.Array(
      Type.Object(
        {
          key: Type.String({ minLength: 1, maxLength: 40 }),
          ok: Type.Boolean(),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_ITEMS * 2 },
    ),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    photoRefs: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 300, description: 'file reference from the file service' }), {
        maxItems: 20,
      }),
    ),
  },
  { additionalProperties: false },
);

export const InspectionCreated = Type.Object({
  id: Type.String(),
  score: Type.Integer(),
  passScore: Type.Integer(),
  passed: Type.Boolean(),
  healthScore: Type.Integer(),
});

export const Inspection = Type.Object({
  id: Type.String(),
  checklistId: Type.String(),
  checklistName: Type.String(),
  inspectedOn: Type.String(),
  inspector: Type.Object({ id: Type.String(), name: Type.String() }),
  score: Type.Integer(),
  passScore: Type.Integer(),
  passed: Type.Boolean(),
  results: Type.Array(Type.Object({ key: Type.String(), ok: Type.Boolean(), note: Type.Optional(Type.String()) })),
  notes: Nullable(Type.String()),
  photoRefs: Type.Array(Type.String()),
  createdAt: Type.String(),
});
export const InspectionHistory = Type.Object({ code: Type.String(), items: Type.Array(Inspection) });
