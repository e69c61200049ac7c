import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { MyClaimItem, PrecheckResult } from '../aid/claim.schemas.ts';
import { CLAIM_STATUSES } from '../aid/claim-state.ts';
import { Id } from './kb.schemas.ts';

/** What a call is about (the operator picks one; reports group by it). */
export const TOPICS = [
  'mutual_aid', // 互助保障：保障范围、能否申领
  'claim_status', // 申报进度、到账
  'aid_card', // 会员互助服务卡
  'membership', // 入会、会籍、转会
  'rights', // 劳动权益、法律援助
  'stations', // 户外劳动者服务站点
  'care', // 普惠、关爱活动
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const OUTCOMES = ['answered', 'referred', 'claim_started', 'follow_up'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const CHANNELS = ['phone', 'chat'] as const;

const Phone = Type.String({ pattern: '^1\\d{10}$', description: 'mainland mobile number, 11 digits' });
const DateTime = Type.String({ format: 'date-time' });

export const CallerLookupBody = Type.Object(
  { phone: Phone, consultationId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** A caller as the operator may see them: masked, never a full ID or card number. */
export const CallerMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  union: Type.Object({ id: Type.String(), name: Type.String() }),
  memberStatus: StringEnum(['active', 'transferred', 'left'] as const),
  idNumberMasked: Type.String({ description: '110114********0021' }),
  card: Nullable(
    Type.Object({
      cardNoMasked: Type.String(),
      status: StringEnum(['active', 'suspended', 'cancelled'] as const),
      validFrom: IsoDate,
      validTo: IsoDate,
      /** Active and today within validFrom..validTo. */
      coversToday: Type.Boolean(),
    }),
  ),
});

export const CallerLookupResult = Type.Object({
  phoneMasked: Type.String(),
  /** null: no member with this phone in the operator's subtree. */
  member: Nullable(CallerMember),
  /** Earlier consultations from this number, newest first (at most 5). */
  previous: Type.Array(
    Type.Object({
      id: Type.String(),
      startedAt: DateTime,
      topic: Nullable(StringEnum(TOPICS)),
      outcome: Nullable(StringEnum(OUTCOMES)),
    }),
  ),
});

export const ConsultationCreateBody = Type.Object(
  {
    channel: StringEnum(CHANNELS),
    callerPhone: Phone,
    /** From the caller lookup; the caller's union then owns the consultation. */
    memberId: Type.Optional(Id),
    topic: Type.Optional(StringEnum(TOPICS)),
    question: Type.Optional(Type.String({ maxLength: 500, description: "the caller's question in a line" })),
  },
  { additionalProperties: false },
);

export const ConsultationPatchBody = Type.Object(
  {
    topic: Type.Optional(StringEnum(TOPICS)),
    question: Type.Optional(Type.String({ maxLength: 500 })),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    memberId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const LinkAnswerBody = Type.Object({ answerId: Id }, { additionalProperties: false });

export const ConsultationPrecheckBody = Type.Object(
  {
    coverageCode: Type.String({ minLength: 1, maxLength: 40 }),
    incidentDate: IsoDate,
    answers: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), Type.String({ maxLength: 40 })),
    lossFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export { PrecheckResult };

export const StartClaimBody = Type.Object(
  {
    coverageCode: Type.String({ minLength: 1, maxLength: 40 }),
    incidentDate: IsoDate,
    incidentAddress: Type.String({ minLength: 2, maxLength: 200 }),
    description: Type.String({ maxLength: 2000, default: '' }),
    answers: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), Type.String({ maxLength: 40 })),
    claimedLossFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false },
);

export const LinkClaimBody = Type.Object(
  { claimNo: Type.String({ minLength: 4, maxLength: 20 }) },
  { additionalProperties: false },
);

export const ClaimRef = Type.Object({
  id: Type.String(),
  claimNo: Type.String(),
  status: StringEnum(CLAIM_STATUSES),
  coverage: Type.Object({ code: Type.String(), name: Type.String() }),
  incidentDate: IsoDate,
  /** started: drafted during this consultation; looked_up: an existing claim the operator told the caller about. */
  relation: StringEnum(['started', 'looked_up'] as const),
});

/** The caller's claims as she sees them in her own list, plus when each was paid. */
export const CallerClaims = Type.Object({
  items: Type.Array(
    Type.Object({
      ...MyClaimItem.properties,
      /** When the payment reached her (the bank confirmed it); null until paid. */
      paidAt: Nullable(DateTime),
    }),
  ),
});

export const CloseBody = Type.Object(
  {
    outcome: StringEnum(OUTCOMES),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    /** Required when the outcome is follow_up. */
    followUp: Type.Optional(
      Type.Object(
        { dueAt: DateTime, note: Type.String({ minLength: 1, maxLength: 500 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const FollowUpBody = Type.Object(
  { dueAt: DateTime, note: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const FollowUpDoneBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const FollowUpView = Type.Object({
  id: Type.String(),
  consultationId: Type.String(),
  dueAt: DateTime,
  note: Type.String(),
  doneAt: Nullable(DateTime),
  doneNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  callerPhoneMasked: Type.String(),
  memberName: Nullable(Type.String()),
  topic: Nullable(StringEnum(TOPICS)),
});

export const FollowUpQuery = Type.Object(
  {
    state: Type.Optional(StringEnum(['open', 'overdue', 'done', 'all'] as const, { description: 'default open' })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);
export const FollowUpPage = Type.Object({
  items: Type.Array(FollowUpView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const SatisfactionBody = Type.Object(
  { score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const FeedbackLink = Type.Object({
  token: Type.String(),
  /** Page for the caller (sent by text message): /feedback/hotline/<token> */
  path: Type.String(),
  expiresAt: DateTime,
});

export const PublicFeedbackView = Type.Object({
  startedAt: DateTime,
  topic: Nullable(StringEnum(TOPICS)),
  /** True once a score was given (the link works once). */
  used: Type.Boolean(),
  expired: Type.Boolean(),
});

export const ConsultationView = Type.Object({
  id: Type.String(),
  channel: StringEnum(CHANNELS),
  callerPhone: Type.String({ description: 'full number: the operator may need to call back' }),
  member: Nullable(CallerMember),
  union: Type.Object({ id: Type.String(), name: Type.String() }),
  operator: Type.Object({ id: Type.String(), name: Type.String() }),
  topic: Nullable(StringEnum(TOPICS)),
  question: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  outcome: Nullable(StringEnum(OUTCOMES)),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  durationSeconds: Nullable(Type.Integer()),
  firstAnswerAt: Nullable(DateTime),
  /** Seconds from start to the first knowledge-base answer linked. */
  secondsToFirstAnswer: Nullable(Type.Integer()),
  answers: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), linkedAt: DateTime })),
  prechecks: Type.Array(
    Type.Object({
      at: DateTime,
      coverageCode: Type.String(),
      incidentDate: IsoDate,
      eligible: Type.Boolean(),
      deadline: Nullable(IsoDate),
    }),
  ),
  claims: Type.Array(ClaimRef),
  followUps: Type.Array(FollowUpView),
  satisfaction: Nullable(
    Type.Object({
      score: Type.Integer(),
      comment: Nullable(Type.String()),
      source: StringEnum(['caller', 'operator'] as const),
      at: DateTime,
    }),
  ),
  /** Present once closed and until the caller uses it (shown to the operator to send by SMS). */
  feedbackLink: Nullable(FeedbackLink),
});

export const ConsultationListQuery = Type.Object(
  {
    state: Type.Optional(StringEnum(['open', 'closed', 'all'] as const, { description: 'default all' })),
    topic: Type.Optional(StringEnum(TOPICS)),
    outcome: Type.Optional(StringEnum(OUTCOMES)),
    phone: Type.Optional(Phone),
    mine: Type.Optional(
      Type.Boolean({ description: 'only the consultations you took as the operator (your open call after a reload)' }),
    ),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const ConsultationPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      channel: StringEnum(CHANNELS),
      callerPhoneMasked: Type.String(),
      memberName: Nullable(Type.String()),
      unionName: Type.String(),
      topic: Nullable(StringEnum(TOPICS)),
      outcome: Nullable(StringEnum(OUTCOMES)),
      startedAt: DateTime,
      durationSeconds: Nullable(Type.Integer()),
      operatorName: Type.String(),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const ReportQuery = Type.Object(
  { from: IsoDate, to: IsoDate },
  { additionalProperties: false, description: 'inclusive Shanghai days' },
);

export const ConsultationReport = Type.Object({
  from: IsoDate,
  to: IsoDate,
  total: Type.Integer(),
  byTopic: Type.Array(Type.Object({ topic: Nullable(StringEnum(TOPICS)), count: Type.Integer() })),
  byUnion: Type.Array(Type.Object({ unionId: Type.String(), unionName: Type.String(), count: Type.Integer() })),
  /** ISO weeks in Asia/Shanghai, e.g. 2025-W47. */
  byWeek: Type.Array(Type.Object({ week: Type.String(), count: Type.Integer() })),
});

export const UnansweredReport = Type.Object({
  searches: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer(), lastAt: DateTime }), {
    description: 'searches that found nothing, grouped by normalised query, most frequent first',
  }),
  referred: Type.Array(
    Type.Object({
      id: Type.String(),
      startedAt: DateTime,
      topic: Nullable(StringEnum(TOPICS)),
      question: Nullable(Type.String()),
      unionName: Type.String(),
    }),
  ),
});

export const FirstAnswerReport = Type.Object({
  consultations: Type.Integer(),
  answered: Type.Integer({ description: 'with at least one knowledge-base answer linked' }),
  averageSeconds: Nullable(Type.Number()),
  medianSeconds: Nullable(Type.Number()),
  p90Seconds: Nullable(Type.Number()),
  byTopic: Type.Array(
    Type.Object({
      topic: Nullable(StringEnum(TOPICS)),
      answered: Type.Integer(),
      medianSeconds: Nullable(Type.Number()),
    }),
  ),
});

export const TopicList = Type.Object({
  topics: Type.Array(Type.Object({ code: StringEnum(TOPICS), label: Type.String() })),
  outcomes: Type.Array(Type.Object({ code: StringEnum(OUTCOMES), label: Type.String() })),
});
