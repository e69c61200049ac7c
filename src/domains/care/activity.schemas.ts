import { Type } from 'typebox';
import { IsoDate, Nullable, StringEnum } from '../../platform/schema.ts';
import { Id, Quantity } from './stock.schemas.ts';

export const ACTIVITY_KINDS = ['summer_relief', 'winter_warmth', 'festival_visit', 'health', 'other'] as const;

export const Place = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. 806路总站, or the station name' }),
    stationCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'from the station registry' })),
    lng: Type.Optional(Type.Number({ minimum: 73, maximum: 136, description: 'WGS-84' })),
    lat: Type.Optional(Type.Number({ minimum: 3, maximum: 54, description: 'WGS-84' })),
  },
  { additionalProperties: false },
);
export const Team = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    leader: Type.String({ minLength: 1, maxLength: 50 }),
    members: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const ActivityBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    kind: StringEnum(ACTIVITY_KINDS),
    unionId: Id,
    startsOn: IsoDate,
    endsOn: IsoDate,
    places: Type.Array(Place, { maxItems: 100 }),
    teams: Type.Array(Team, { maxItems: 30 }),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
/** PATCH: any of the fields except the union. */
export const ActivityPatch = Type.Object(
  {
    title: Type.Optional(ActivityBody.properties.title),
    kind: Type.Optional(ActivityBody.properties.kind),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    places: Type.Optional(ActivityBody.properties.places),
    teams: Type.Optional(ActivityBody.properties.teams),
    notes: Type.Optional(ActivityBody.properties.notes),
  },
  { additionalProperties: false },
);

export const PlaceView = Type.Object({
  name: Type.String(),
  stationCode: Nullable(Type.String()),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
});
export const ActivitySummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: StringEnum(ACTIVITY_KINDS),
  unionId: Type.String(),
  unionName: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  places: Type.Array(PlaceView),
  peopleReached: Type.Integer(),
  itemsHandedOut: Type.Integer(),
});
export const ActivityList = Type.Object({ items: Type.Array(ActivitySummary) });
export const ActivityQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), unionId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const Handout = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  unit: Type.String(),
  quantity: Type.Integer(),
  placeName: Type.String(),
  handedOn: Type.String(),
});
export const Reach = Type.Object({
  id: Type.String(),
  date: Type.String(),
  placeName: Type.String(),
  people: Type.Integer(),
});
export const Photo = Type.Object({
  id: Type.String(),
  caption: Nullable(Type.String()),
  contentType: Type.String(),
  url: Type.String({ description: 'GET it with the same credentials' }),
});
export const ActivityDetail = Type.Object({
  ...ActivitySummary.properties,
  teams: Type.Array(Type.Object({ name: Type.String(), leader: Type.String(), members: Type.Array(Type.String()) })),
  notes: Nullable(Type.String()),
  handouts: Type.Array(Handout),
  reach: Type.Array(Reach),
  photos: Type.Array(Photo),
});

export const HandoutBody = Type.Object(
  {
    itemId: Id,
    quantity: Quantity,
    placeName: Type.String({ minLength: 1, maxLength: 100, description: 'one of the activity’s places' }),
    handedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export const ReachBody = Type.Object(
  {
    date: IsoDate,
    placeName: Type.String({ minLength: 1, maxLength: 100 }),
    people: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export const PhotoParams = Type.Object({ id: Id, photoId: Id });

export const ActivityReport = Type.Object({
  activity: ActivitySummary,
  byItem: Type.Array(
    Type.Object({ itemId: Type.String(), itemName: Type.String(), unit: Type.String(), quantity: Type.Integer() }),
  ),
  byPlace: Type.Array(
    Type.Object({ placeName: Type.String(), peopleReached: Type.Integer(), itemsHandedOut: Type.Integer() }),
  ),
  peopleReached: Type.Integer(),
});
export const PeriodQuery = Type.Object(
  { from: IsoDate, to: IsoDate, unionId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const PeriodReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  activities: Type.Array(ActivitySummary),
  byItem: ActivityReport.properties.byItem,
  byUnion: Type.Array(
    Type.Object({
      unionId: Type.String(),
      unionName: Type.String(),
      activities: Type.Integer(),
      peopleReached: Type.Integer(),
      itemsHandedOut: Type.Integer(),
    }),
  ),
  peopleReached: Type.Integer(),
});
