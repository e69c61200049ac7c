import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { ProblemSchema } from '../unions/account.schemas.ts';
import { CLAIM_ACTIONS, CLAIM_STATUSES } from './claim-state.ts';
import { REASON_CODES } from './eligibility.ts';

export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

const Fen = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'amount in fen (分)' });
const Answers = Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), Type.String({ maxLength: 40 }), {
  description: 'answers to the coverage’s questions, by question code',
});
const Id = Type.String({ format: 'uuid' });

export const ClaimParams = Type.Object({ id: Id });
export const DocumentParams = Type.Object({ id: Id, docId: Id });

export const ReasonView = Type.Object({ code: StringEnum(REASON_CODES), message: Type.String() });
export const DocumentRequirementView = Type.Object({
  code: Type.String(),
  label: Type.String(),
  hint: Nullable(Type.String()),
});
export const Estimate = Nullable(
  Type.Object({
    amountFen: Nullable(Type.Integer()),
    bound: Nullable(Type.String()),
    limitedTo: Nullable(Type.Integer()),
  }),
);

export const PrecheckBody = Type.Object(
  {
    memberId: Type.Optional(Id),
    coverageCode: Type.String({ minLength: 1, maxLength: 40 }),
    incidentDate: IsoDate,
    answers: Answers,
    lossFen: Type.Optional(Fen),
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);

export const PrecheckResult = Type.Object({
  eligible: Type.Boolean(),
  reasons: Type.Array(ReasonView),
  documents: Type.Array(DocumentRequirementView),
  deadline: Nullable(IsoDate),
  estimate: Estimate,
  coverage: Type.Object({ code: Type.String(), name: Type.String() }),
  ruleEffectiveFrom: Nullable(IsoDate),
});

export const ClaimCreateBody = Type.Object(
  {
    memberId: Type.Optional(Id),
    coverageCode: Type.String({ minLength: 1, maxLength: 40 }),
    incidentDate: IsoDate,
    incidentAddress: Type.String({ minLength: 2, maxLength: 200 }),
    incidentRef: Type.Optional(Type.String({ minLength: 6, maxLength: 40, description: 'join an existing incident' })),
    description: Type.String({ maxLength: 2000, default: '' }),
    answers: Answers,
    claimedLossFen: Type.Optional(Fen),
    claimedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);

export const ClaimPatchBody = Type.Object(
  {
    incidentAddress: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    answers: Type.Optional(Answers),
    claimedLossFen: Type.Optional(Nullable(Fen)),
    claimedDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 3650 }))),
    diagnosis: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'sensitive: needs consent first' }),
    ),
  },
  { additionalProperties: false },
);

export const ConsentBody = Type.Object(
  {
    version: Type.String({ maxLength: 20 }),
    method: StringEnum(['online', 'paper'] as const, { description: 'paper: staff record a signed form' }),
  },
  { additionalProperties: false },
);

export const CheckBody = Type.Object(
  {
    outcome: StringEnum(['pass', 'return'] as const),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    missingDocuments: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 })),
    assessedLossFen: Type.Optional(Fen),
  },
  { additionalProperties: false },
);

/** What-if values for the checks: the benefit the approval would pay for the loss or days being typed. */
export const ChecksQuery = Type.Object(
  {
    assessedLossFen: Type.Optional(Fen),
    assessedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);

export const DecideBody = Type.Object(
  {
    decision: StringEnum(['approve', 'reject', 'return'] as const),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    missingDocuments: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 })),
    assessedLossFen: Type.Optional(Fen),
    assessedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);

/** What every view of a claim opens with (claimHead in claim-view.ts). */
const ClaimHead = {
  id: Type.String(),
  claimNo: Type.String(),
  status: StringEnum(CLAIM_STATUSES),
  statusChangedAt: Type.String({ format: 'date-time' }),
  coverage: Type.Object({ code: Type.String(), name: Type.String() }),
};

export const ClaimView = Type.Object({
  ...ClaimHead,
  scheme: Type.Object({ code: Type.String(), name: Type.String() }),
  member: Type.Object({ id: Type.String(), name: Type.String(), unionName: Type.String() }),
  incident: Type.Object({ ref: Type.String(), date: IsoDate, address: Type.String(), relatedClaims: Type.Integer() }),
  description: Type.String(),
  answers: Answers,
  claimedLossFen: Nullable(Type.Integer()),
  claimedDays: Nullable(Type.Integer()),
  assessedLossFen: Nullable(Type.Integer()),
  approvedAmountFen: Nullable(Type.Integer()),
  consent: Nullable(Type.Object({ at: Type.String({ format: 'date-time' }), version: Type.String() })),
  hasDiagnosis: Type.Boolean(),
  reasons: Type.Array(ReasonView),
  decisionReason: Nullable(Type.String()),
  missingDocuments: Type.Array(DocumentRequirementView),
  requiredDocuments: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), uploaded: Type.Boolean() })),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      fileName: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      uploadedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  deadline: Nullable(IsoDate),
  availableActions: Type.Array(StringEnum(CLAIM_ACTIONS)),
  secondReview: Nullable(
    Type.Object({
      required: Type.Boolean(),
      reason: Nullable(Type.String()),
      firstApprovedAt: Nullable(Type.String()),
    }),
  ),
  payout: Nullable(
    Type.Object({
      status: Type.String(),
      amountFen: Type.Integer(),
      failureReason: Nullable(Type.String()),
      paidOn: Nullable(IsoDate),
    }),
  ),
  events: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      action: Type.String(),
      fromStatus: Nullable(Type.String()),
      toStatus: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      actorRole: Nullable(Type.String()),
    }),
  ),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});

/** One line of a member's claim list; the hotline's caller-claims look-up extends it. */
export const MyClaimItem = Type.Object({
  ...ClaimHead,
  incidentDate: IsoDate,
  approvedAmountFen: Nullable(Type.Integer()),
  decisionReason: Nullable(Type.String()),
});

export const MyClaimList = Type.Object({ items: Type.Array(MyClaimItem) });

export const QueueQuery = Type.Object(
  {
    queue: Type.Optional(StringEnum(['check', 'decide', 'secondReview', 'payout'] as const)),
    status: Type.Optional(StringEnum(CLAIM_STATUSES)),
    coverage: Type.Optional(Type.String({ maxLength: 40 })),
    unionId: Type.Optional(Id),
    minAgeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'working days in this status' })),
    claimNo: Type.Optional(Type.String({ maxLength: 20 })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const QueuePage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      claimNo: Type.String(),
      status: StringEnum(CLAIM_STATUSES),
      coverage: Type.Object({ code: Type.String(), name: Type.String() }),
      memberName: Type.String(),
      unionName: Type.String(),
      incidentDate: IsoDate,
      submittedAt: Nullable(Type.String({ format: 'date-time' })),
      statusSince: Type.String({ format: 'date-time' }),
      ageWorkingDays: Type.Integer(),
      slaDays: Nullable(Type.Integer()),
      overdue: Type.Boolean(),
      claimedLossFen: Nullable(Type.Integer()),
      approvedAmountFen: Nullable(Type.Integer()),
      secondReview: Type.Object({ required: Type.Boolean(), firstApproved: Type.Boolean() }),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
