import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../platform/schema.ts';
import { AMENITIES } from './amenity.ts';
import { CRS_LIST } from './geo.ts';
import { COMPACT_VERSION } from './nearby-compact.ts';
import { DAYS } from './opening-hours.ts';
import { MANAGEMENT_MODES, STATION_STATUSES } from './station.table.ts';
import { STATION_TYPE_LETTERS } from './station-code.ts';

export const Crs = StringEnum(CRS_LIST, {
  description: 'coordinate system of lng/lat: wgs84 (GPS), gcj02 (Amap, Tencent, WeChat), bd09 (Baidu)',
});
export const AmenityCode = StringEnum(AMENITIES);
export const StationStatusSchema = StringEnum(STATION_STATUSES);
export const ManagementModeSchema = StringEnum(MANAGEMENT_MODES);

/** A station id (UUID) or its code; codes are validated (check character) before any lookup. */
export const RefParams = Type.Object({
  ref: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'station id (UUID) or station code, e.g. 110105H00001F',
  }),
});

const Hhmm = Type.String({
  pattern: '^([01]\\d|2[0-4]):[0-5]\\d$',
  description: 'HH:MM; 24:00 only as a closing time',
});
const IntervalSchema = Type.Object({ open: Hhmm, close: Hhmm }, { additionalProperties: false });
const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ExceptionSchema = Type.Object(
  {
    from: DateSchema,
    to: DateSchema,
    intervals: Type.Array(IntervalSchema, { maxItems: 6, description: 'empty: closed' }),
    note: Type.Optional(Type.String({ maxLength: 20, pattern: '^[^\\s\\d,;:|、]*$' })),
  },
  { additionalProperties: false },
);
export const OpeningHoursSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('unknown') }, { additionalProperties: false }),
    Type.Object(
      { kind: Type.Literal('always'), exceptions: Type.Array(ExceptionSchema, { maxItems: 50 }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('weekly'),
        week: Type.Object(
          Object.fromEntries(DAYS.map((d) => [d, Type.Array(IntervalSchema, { maxItems: 6 })])) as Record<
            (typeof DAYS)[number],
            ReturnType<typeof Type.Array<typeof IntervalSchema>>
          >,
          { additionalProperties: false },
        ),
        exceptions: Type.Array(ExceptionSchema, { maxItems: 50 }),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'structured opening hours in Beijing time' },
);

const VerifiedStamp = Type.Object({ at: Type.String(), by: Nullable(Type.String()) });
export const LastVerifiedSchema = Type.Object({
  hours: Type.Optional(VerifiedStamp),
  amenities: Type.Optional(VerifiedStamp),
  location: Type.Optional(VerifiedStamp),
});

const editable = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  address: Type.String({ minLength: 2, maxLength: 200 }),
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  hostOrg: Nullable(Type.String({ maxLength: 100 })),
  managementMode: ManagementModeSchema,
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  // ±180 so that swapped coordinates get the precise "lng/lat swapped" answer rather than "out of range".
  lat: Type.Number({ minimum: -180, maximum: 180 }),
  crs: Crs,
  openingHours: OpeningHoursSchema,
  openingHoursText: Type.String({
    maxLength: 300,
    description: 'hours as people write them, e.g. "周一至周五 08:00-20:00"',
  }),
  amenities: Type.Array(AmenityCode, { maxItems: AMENITIES.length, uniqueItems: true }),
  phone: Nullable(Type.String({ maxLength: 30 })),
  externalId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  investmentFen: Nullable(Type.Integer({ minimum: 0, maximum: 1e13 })),
};

export const StationCreateBody = Type.Object(
  {
    name: editable.name,
    address: editable.address,
    regionCode: editable.regionCode,
    unionId: Type.Optional(Type.String({ format: 'uuid', description: 'union that runs it; default: yours' })),
    stationType: Type.Optional(
      StringEnum(STATION_TYPE_LETTERS, {
        description: 'H generic (default), U union-built, P partner, E employer, M mobile',
      }),
    ),
    hostOrg: Type.Optional(editable.hostOrg),
    managementMode: editable.managementMode,
    lng: editable.lng,
    lat: editable.lat,
    crs: Type.Optional(editable.crs),
    openingHours: Type.Optional(editable.openingHours),
    openingHoursText: Type.Optional(editable.openingHoursText),
    amenities: Type.Optional(editable.amenities),
    phone: Type.Optional(editable.phone),
    externalId: Type.Optional(editable.externalId),
    status: Type.Optional(StringEnum(['planned', 'active'] as const)),
    investmentFen: Type.Optional(editable.investmentFen),
  },
  { additionalProperties: false },
);

export const StationUpdateBody = Type.Object(
  {
    name: Type.Optional(editable.name),
    address: Type.Optional(editable.address),
    regionCode: Type.Optional(editable.regionCode),
    hostOrg: Type.Optional(editable.hostOrg),
    managementMode: Type.Optional(editable.managementMode),
    lng: Type.Optional(editable.lng),
    lat: Type.Optional(editable.lat),
    crs: Type.Optional(editable.crs),
    openingHours: Type.Optional(editable.openingHours),
    openingHoursText: Type.Optional(editable.openingHoursText),
    amenities: Type.Optional(editable.amenities),
    phone: Type.Optional(editable.phone),
    externalId: Type.Optional(editable.externalId),
    investmentFen: Type.Optional(editable.investmentFen),
    confirm: Type.Optional(
      Type.Array(StringEnum(['hours', 'amenities', 'location'] as const), {
        uniqueItems: true,
        description: 'fields checked on site and still right: stamps last-verified without a change',
      }),
    ),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  { status: StationStatusSchema, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

export const PhotoBody = Type.Object(
  { fileRef: Type.String({ minLength: 1, maxLength: 300 }), caption: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const StationListQuery = Type.Object(
  {
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: 'a province, city or district code' })),
    status: Type.Optional(StationStatusSchema),
    managementMode: Type.Optional(ManagementModeSchema),
    amenity: Type.Optional(Type.String({ maxLength: 300, description: 'comma-separated; stations having all' })),
    q: Type.Optional(Type.String({ maxLength: 50, description: 'name, address or code contains' })),
    unionId: Type.Optional(Type.String({ format: 'uuid' })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const StationListItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  unionId: Type.String(),
  unionName: Type.String(),
  managementMode: ManagementModeSchema,
  status: StationStatusSchema,
  lng: Type.Number(),
  lat: Type.Number(),
  amenities: Type.Array(Type.String()),
  openingHoursText: Type.String(),
  updatedAt: Type.String(),
});

export const StationPage = Type.Object({
  items: Type.Array(StationListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const StationDetail = Type.Object({
  id: Type.String(),
  code: Type.String(),
  stationType: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  union: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  hostOrg: Nullable(Type.String()),
  managementMode: ManagementModeSchema,
  lng: Type.Number(),
  lat: Type.Number(),
  openingHours: OpeningHoursSchema,
  openingHoursText: Type.String(),
  amenities: Type.Array(Type.String()),
  phone: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  status: StationStatusSchema,
  investmentFen: Nullable(Type.Integer()),
  lastVerified: LastVerifiedSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  history: Type.Array(
    Type.Object({
      status: StationStatusSchema,
      at: Type.String(),
      reason: Nullable(Type.String()),
      actorId: Nullable(Type.String()),
    }),
  ),
  photos: Type.Array(Type.Object({ id: Type.String(), fileRef: Type.String(), caption: Nullable(Type.String()) })),
  operators: Type.Array(Type.Object({ accountId: Type.String(), displayName: Type.String() })),
  /** What the caller may do here, so a console can show the right buttons. */
  allowed: Type.Object({
    update: Type.Boolean(),
    operate: Type.Boolean(),
    nextStatuses: Type.Array(StationStatusSchema),
  }),
});

// ---- public --------------------------------------------------------------------------------------------------

const Navigation = Type.Object({ amap: Type.String(), baidu: Type.String(), tencent: Type.String() });

export const NearbyQuery = Type.Object(
  {
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    crs: Type.Optional(Crs),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
    radiusM: Type.Optional(Type.Number({ minimum: 1, maximum: 200_000 })),
    openNow: Type.Optional(Type.Boolean({ description: 'true: only stations known to be open now (Beijing time)' })),
    amenities: Type.Optional(
      Type.String({ maxLength: 300, description: 'comma-separated names or aliases: water,charging' }),
    ),
    format: Type.Optional(
      StringEnum(['full', 'compact'] as const, {
        description: 'full (default): the answer of DESIGN.md; compact: rows of arrays (docs/nearby-compact.md)',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * true, false, or null when the hours are unknown. A type list rather than anyOf: fast-json-stringify serialises
 * anyOf by validating each branch at run time, which cost /nearby more than the search itself.
 */
const OpenNow = Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] });

export const NearbyItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  distanceM: Type.Number(),
  openNow: OpenNow,
  amenities: Type.Array(Type.String()),
  navigation: Navigation,
});

export const NearbyResponse = Type.Object({ items: Type.Array(NearbyItem) });

/** `format=compact` (nearby-compact.ts, docs/nearby-compact.md): one array per station, fields named once. */
export const NearbyCompactResponse = Type.Object({
  v: Type.Literal(COMPACT_VERSION),
  crs: Crs,
  fields: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Tuple([
      Type.String(),
      Type.String(),
      Type.Number(),
      Type.Number(),
      Type.Integer({ description: 'amenity bits: bit i is the i-th code of GET /stations/amenities' }),
      Type.Number(),
      Type.Unsafe<0 | 1 | null>({ type: ['integer', 'null'], enum: [0, 1, null] }),
    ]),
  ),
});

export const AlongRouteQuery = Type.Object(
  {
    path: Type.String({ minLength: 3, maxLength: 12_000, description: 'lng,lat;lng,lat;… (2 to 500 points)' }),
    crs: Type.Optional(Crs),
    maxDetourM: Type.Number({ minimum: 1, maximum: 5_000, default: 500 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    openNow: Type.Optional(Type.Boolean()),
    amenities: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const AlongRouteResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      ...NearbyItem.properties,
      alongM: Type.Number({ description: 'distance along the route to the point nearest the station' }),
    }),
  ),
});

export const PublicStation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  stationType: Type.String(),
  stationTypeName: Type.String(),
  hostOrg: Nullable(Type.String()),
  status: StationStatusSchema,
  lng: Type.Number(),
  lat: Type.Number(),
  crs: Crs,
  openNow: Nullable(Type.Boolean()),
  openingHours: OpeningHoursSchema,
  openingHoursText: Type.String(),
  amenities: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  phone: Nullable(Type.String({ description: 'the station’s own public phone' })),
  photos: Type.Array(Type.Object({ id: Type.String(), fileRef: Type.String(), caption: Nullable(Type.String()) })),
  welcome: Type.String(),
  lastVerifiedOn: Nullable(Type.String({ description: 'YYYY-MM-DD of the most recent on-site check' })),
  navigation: Navigation,
  signUrl: Type.String(),
});

export const PublicQuery = Type.Object({ crs: Type.Optional(Crs) }, { additionalProperties: false });
