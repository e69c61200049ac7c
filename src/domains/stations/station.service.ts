import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { findRegion } from '../unions/region.ts';
import { type Amenity, sortAmenities } from './amenity.ts';
import { type Crs, checkRegionContains, inChina, toWgs84 } from './geo.ts';
import { notifyStationsChanged, type StationIndexSync } from './geo-index.service.ts';
import { normaliseHours, type OpeningHours, validateHours } from './opening-hours.ts';
import { tryParseOpeningHours } from './opening-hours-parse.ts';
import {
  allocateSequences,
  findStationRef,
  insertStation,
  SequenceExhausted,
  setStationStatus,
  updateStationRow,
} from './station.repository.ts';
import type { LastVerified, ManagementMode, StationStatus, VerifiedField } from './station.table.ts';
import { generateStationCode, parseStationCode, STATION_CODE_PROBLEMS, type StationType } from './station-code.ts';
import { canTransition } from './station-status.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route's `:ref` as an id or a validated code; a mistyped code is a 400 saying what is wrong, not a 404. */
export function resolveRef(ref: string): { id: string } | { code: string } {
  if (UUID.test(ref)) return { id: ref.toLowerCase() };
  const parsed = parseStationCode(ref);
  if (!parsed.ok) throw Problem.validation([{ field: 'params.ref', message: STATION_CODE_PROBLEMS[parsed.reason] }]);
  return { code: parsed.code };
}

/** Region known, point in China (and not lng/lat swapped), and plausibly inside the region: field errors if not. */
export function placementErrors(regionCode: string, lng: number, lat: number, prefix = 'body'): FieldError[] {
  const region = findRegion(regionCode);
  if (!region) {
    return [
      {
        field: `${prefix}.regionCode`,
        message: {
          'zh-CN': `行政区划代码 ${regionCode} 不存在`,
          en: `${regionCode} is not a current GB/T 2260 region code`,
        },
      },
    ];
  }
  if (!inChina(lng, lat)) {
    const swapped = inChina(lat, lng);
    return [
      {
        field: `${prefix}.lng`,
        message: swapped
          ? { 'zh-CN': '经度和纬度似乎填反了', en: 'longitude and latitude look swapped' }
          : { 'zh-CN': '坐标不在中国境内', en: 'the coordinates are outside China' },
      },
    ];
  }
  const check = checkRegionContains(region, lng, lat);
  if (check.ok) return [];
  const far = check.labelDistanceKm === null ? '' : `（距${check.name}约 ${check.labelDistanceKm} 公里）`;
  const farEn = check.labelDistanceKm === null ? '' : ` (about ${check.labelDistanceKm} km from ${check.name})`;
  return [
    {
      field: `${prefix}.regionCode`,
      message: {
        'zh-CN': `坐标不在${region.fullName}所属的${check.level === 'prefecture' ? '地市' : '省份'}${check.name}范围内${far}`,
        en: `the point is not in ${check.name}, the ${check.level} of ${region.code}${farEn}`,
      },
    },
  ];
}

/** Hours from the structured object or from text as people write it; unknown when neither is given. */
export function resolveHours(
  body: { openingHours?: OpeningHours; openingHoursText?: string },
  prefix = 'body',
): { hours?: OpeningHours; errors: FieldError[] } {
  if (body.openingHoursText !== undefined) {
    const parsed = tryParseOpeningHours(body.openingHoursText);
    if (!parsed.ok) return { errors: [{ field: `${prefix}.openingHoursText`, message: parsed.error.messages }] };
    return { hours: parsed.hours, errors: [] };
  }
  if (body.openingHours === undefined) return { errors: [] };
  const issues = validateHours(body.openingHours, `${prefix}.openingHours`);
  if (issues.length) return { errors: issues.map((i) => ({ field: i.path, message: i.message })) };
  return { hours: normaliseHours(body.openingHours), errors: [] };
}

export function normalisePhone(phone: string | null | undefined): string | null | undefined | false {
  if (phone === null || phone === undefined) return phone;
  const p = phone.normalize('NFKC').replace(/[\s()（）]/g, '');
  if (p === '') return null;
  return /^\+?[\d-]{5,20}$/.test(p) ? p : false;
}

export interface WriteContext {
  actor: Pick<Actor, 'accountId' | 'role'>;
  requestId?: string;
  ip?: string;
  sync: StationIndexSync;
}

export interface NewStationInput {
  name: string;
  address: string;
  regionCode: string;
  union: { id: string; path: string };
  stationType: StationType;
  hostOrg: string | null;
  managementMode: ManagementMode;
  lng: number;
  lat: number;
  hours: OpeningHours;
  amenities: Amenity[];
  phone: string | null;
  externalId: string | null;
  status: 'planned' | 'active';
  investmentFen: number | null;
}

function stamp(fields: readonly VerifiedField[], actorId: string | null, previous: LastVerified = {}): LastVerified {
  const at = new Date().toISOString();
  const next = { ...previous };
  for (const f of fields) next[f] = { at, by: actorId };
  return next;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

const EXTERNAL_ID_TAKEN: FieldError = {
  field: 'body.externalId',
  message: { 'zh-CN': '该外部编号已被其他站点使用', en: 'another station already has this external id' },
};

/** Creates a station with a freshly allocated code (atomic counter), its first status, an audit entry and a notice. */
export async function createStation(db: Kysely<DB>, input: NewStationInput, ctx: WriteContext) {
  const id = uuidv7();
  try {
    const code = await db.transaction().execute(async (trx) => {
      const sequence = await allocateSequences(trx, input.regionCode, input.stationType, 1);
      const code = generateStationCode({ regionCode: input.regionCode, type: input.stationType, sequence });
      await insertStation(
        trx,
        {
          id,
          code,
          stationType: input.stationType,
          name: input.name,
          address: input.address,
          regionCode: input.regionCode,
          unionId: input.union.id,
          unionPath: input.union.path,
          hostOrg: input.hostOrg,
          managementMode: input.managementMode,
          lng: input.lng,
          lat: input.lat,
          openingHours: input.hours,
          amenities: sortAmenities(input.amenities),
          phone: input.phone,
          externalId: input.externalId,
          status: input.status,
          investmentFen: input.investmentFen,
          lastVerified: stamp(['hours', 'amenities', 'location'], ctx.actor.accountId),
        },
        ctx.actor.accountId,
      );
      await recordAudit(trx, {
        actor: ctx.actor,
        action: 'station.create',
        entity: 'station',
        entityId: id,
        unionId: input.union.id,
        detail: { code },
        requestId: ctx.requestId,
        ip: ctx.ip,
      });
      await notifyStationsChanged(trx, ctx.sync.instanceId, [id]);
      return code;
    });
    await ctx.sync.refresh([id]);
    return { id, code };
  } catch (err) {
    if (isUniqueViolation(err, 'stations_external_id_key'))
      throw new Problem(409, 'conflict', { errors: [EXTERNAL_ID_TAKEN] });
    if (err instanceof SequenceExhausted) {
      throw new Problem(409, 'conflict', {
        errors: [
          {
            field: 'body.regionCode',
            message: { 'zh-CN': '该区划和类型的站点编码已用完', en: 'no station codes left for this region and type' },
          },
        ],
      });
    }
    throw err;
  }
}

export interface StationPatch {
  name?: string;
  address?: string;
  regionCode?: string;
  hostOrg?: string | null;
  managementMode?: ManagementMode;
  lng?: number;
  lat?: number;
  crs?: Crs;
  hours?: OpeningHours;
  amenities?: Amenity[];
  phone?: string | null;
  externalId?: string | null;
  investmentFen?: number | null;
  confirm?: VerifiedField[];
}

/**
 * Applies a patch under a row lock: location and region are checked together (either may change), key fields
 * that were set or confirmed get a fresh last-verified stamp. Returns the names of the changed fields.
 */
export async function updateStation(db: Kysely<DB>, stationId: string, patch: StationPatch, ctx: WriteContext) {
  try {
    const changed = await db.transaction().execute(async (trx) => {
      const current = await findStationRef(trx, { id: stationId }, true);
      if (!current) throw Problem.notFound();
      const { crs = 'wgs84', confirm = [], hours, ...rest } = patch;
      const row: Record<string, unknown> = { ...rest };
      if (hours) row.openingHours = hours;
      if (patch.lng !== undefined || patch.lat !== undefined) {
        if (patch.lng === undefined || patch.lat === undefined) {
          throw Problem.validation([
            { field: 'body.lat', message: { 'zh-CN': '经度和纬度须同时提供', en: 'give lng and lat together' } },
          ]);
        }
        [row.lng, row.lat] = toWgs84(patch.lng, patch.lat, crs);
      }
      if (row.lng !== undefined || patch.regionCode !== undefined) {
        const errors = placementErrors(
          patch.regionCode ?? current.regionCode,
          (row.lng as number | undefined) ?? current.lng,
          (row.lat as number | undefined) ?? current.lat,
        );
        if (errors.length) throw Problem.validation(errors);
      }
      if (patch.amenities) row.amenities = sortAmenities(patch.amenities);
      const verified = new Set<VerifiedField>(confirm);
      if (hours) verified.add('hours');
      if (patch.amenities) verified.add('amenities');
      if (row.lng !== undefined) verified.add('location');
      if (verified.size)
        row.lastVerified = stamp([...verified], ctx.actor.accountId, current.lastVerified as LastVerified);
      const fields = Object.keys(row).filter((k) => k !== 'lastVerified');
      if (!Object.keys(row).length) return fields;
      await updateStationRow(trx, stationId, row);
      await recordAudit(trx, {
        actor: ctx.actor,
        action: 'station.update',
        entity: 'station',
        entityId: stationId,
        unionId: current.unionId,
        detail: { fields, confirmed: confirm },
        requestId: ctx.requestId,
        ip: ctx.ip,
      });
      await notifyStationsChanged(trx, ctx.sync.instanceId, [stationId]);
      return fields;
    });
    await ctx.sync.refresh([stationId]);
    return changed;
  } catch (err) {
    if (isUniqueViolation(err, 'stations_external_id_key'))
      throw new Problem(409, 'conflict', { errors: [EXTERNAL_ID_TAKEN] });
    throw err;
  }
}

/**
 * Moves a station along its life cycle under a row lock, so two clerks changing the status at once cannot both
 * succeed from the same starting state. `allowed` is the caller's policy on top of the life cycle.
 */
export async function changeStationStatus(
  db: Kysely<DB>,
  stationId: string,
  change: { status: StationStatus; reason: string },
  ctx: WriteContext,
  allowed: (from: StationStatus, to: StationStatus) => boolean = () => true,
) {
  await db.transaction().execute((trx) => applyStationStatus(trx, stationId, change, ctx, allowed));
  await ctx.sync.refresh([stationId]);
}

/**
 * The body of changeStationStatus inside the caller's transaction, for writes that must land together with a
 * status change (an exit review decided "exit"). The caller refreshes `ctx.sync` after its commit.
 */
export async function applyStationStatus(
  trx: Transaction<DB>,
  stationId: string,
  change: { status: StationStatus; reason: string },
  ctx: WriteContext,
  allowed: (from: StationStatus, to: StationStatus) => boolean = () => true,
) {
  const current = await findStationRef(trx, { id: stationId }, true);
  if (!current) throw Problem.notFound();
  if (!canTransition(current.status, change.status)) {
    throw new Problem(409, 'conflict', {
      errors: [
        {
          field: 'body.status',
          message: {
            'zh-CN': `站点当前状态为 ${current.status}，不能改为 ${change.status}`,
            en: `a station that is ${current.status} cannot become ${change.status}`,
          },
        },
      ],
    });
  }
  if (!allowed(current.status, change.status)) throw Problem.forbidden();
  await setStationStatus(trx, stationId, { ...change, actorId: ctx.actor.accountId });
  await recordAudit(trx, {
    actor: ctx.actor,
    action: 'station.status',
    entity: 'station',
    entityId: stationId,
    unionId: current.unionId,
    reason: change.reason,
    detail: { from: current.status, to: change.status },
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
  await notifyStationsChanged(trx, ctx.sync.instanceId, [stationId]);
}
