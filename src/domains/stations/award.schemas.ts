import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';

export const CriterionSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 40 }),
    label: Type.String({ minLength: 1, maxLength: 40 }),
    weight: Type.Integer({ minimum: 1, maximum: 100 }),
    source: StringEnum(['jury', 'ratings'] as const, { description: 'jury scores, or the station’s star ratings' }),
  },
  { additionalProperties: false },
);

export const CampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    nominationFrom: IsoDate,
    nominationTo: IsoDate,
    votingFrom: IsoDate,
    votingTo: IsoDate,
    criteria: Type.Optional(Type.Array(CriterionSchema, { minItems: 1, maxItems: 10 })),
    publicWeight: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'share of the public vote, %' })),
  },
  { additionalProperties: false },
);

export const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  nominationFrom: Type.String(),
  nominationTo: Type.String(),
  votingFrom: Type.String(),
  votingTo: Type.String(),
  criteria: Type.Array(CriterionSchema),
  publicWeight: Type.Integer(),
  juryWeight: Type.Integer(),
  phase: StringEnum(['upcoming', 'nomination', 'between', 'voting', 'closed'] as const),
  published: Type.Boolean(),
});

export const CampaignParams = Type.Object({ campaignId: Type.String({ format: 'uuid' }) });

export const NominationBody = Type.Object(
  {
    station: Type.String({ minLength: 1, maxLength: 40, description: 'station id or code' }),
    statement: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const Nomination = Type.Object({
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  statement: Nullable(Type.String()),
});

export const JuryBody = Type.Object(
  { scores: Type.Record(Type.String(), Type.Number()) },
  { additionalProperties: false },
);

const RankedFields = {
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  rank: Type.Integer(),
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  total: Type.Number(),
  voteScore: Type.Number(),
  criteriaScore: Type.Number(),
  criteria: Type.Record(Type.String(), Type.Number()),
};

export const Results = Type.Object({
  campaign: Campaign,
  items: Type.Array(
    Type.Object({
      ...RankedFields,
      votes: Type.Integer({ description: 'valid (counted) votes' }),
      flaggedVotes: Type.Integer({ description: 'votes from flagged sources: kept, not counted' }),
      jurors: Type.Integer(),
    }),
  ),
});

export const Winners = Type.Object({
  campaign: Campaign,
  items: Type.Array(
    Type.Object({
      ...RankedFields,
      votes: Type.Integer(),
      status: StringEnum(['planned', 'active', 'suspended', 'exited'] as const, {
        description: 'today’s status: a winner that has since left the map is still listed',
      }),
      lng: Type.Number({ description: 'WGS-84' }),
      lat: Type.Number({ description: 'WGS-84' }),
      photos: Type.Array(Type.Object({ id: Type.String(), fileRef: Type.String(), caption: Nullable(Type.String()) })),
      navigation: Type.Object({ amap: Type.String(), baidu: Type.String(), tencent: Type.String() }),
    }),
  ),
});

export const VoteBody = Type.Object(
  { station: Type.String({ minLength: 1, maxLength: 40, description: 'station id or code' }) },
  { additionalProperties: false },
);
export const VoteHeaders = Type.Object({
  'x-device-id': Type.Optional(Type.String({ maxLength: 100, description: 'the app install id, for anti-fraud' })),
});
export const VoteResult = Type.Object({ id: Type.String(), voteDay: Type.String() });
