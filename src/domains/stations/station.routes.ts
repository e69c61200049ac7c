import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../platform/auth.ts';
import { type FieldError, Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { inScope } from '../../platform/permissions.ts';
import { findRegion } from '../unions/region.ts';
import { findUnionById } from '../unions/union.repository.ts';
import { type Amenity, parseAmenities, splitList } from './amenity.ts';
import { toWgs84 } from './geo.ts';
import { StationIndexSync } from './geo-index.service.ts';
import { formatHours, type OpeningHours, UNKNOWN_HOURS } from './opening-hours.ts';
import { can, operatorMayChangeStatus } from './station.policy.ts';
import { findStationDetail, listStations } from './station.repository.ts';
import {
  RefParams,
  StationCreateBody,
  StationDetail,
  StationListQuery,
  StationPage,
  StationUpdateBody,
} from './station.schemas.ts';
import {
  createStation,
  normalisePhone,
  placementErrors,
  resolveHours,
  type StationPatch,
  updateStation,
} from './station.service.ts';
import type { LastVerified, VerifiedField } from './station.table.ts';
import { errorResponses, loadForActor, unknownAmenities, writeContext } from './station-access.ts';
import { stationImportRoutes } from './station-import.routes.ts';
import { stationOperationsRoutes } from './station-operations.routes.ts';
import { stationOpsRoutes } from './station-ops.routes.ts';
import { stationPackRoutes } from './station-pack.routes.ts';
import { stationPublicRoutes } from './station-public.routes.ts';
import { nextStatuses } from './station-status.ts';

const OPERATOR_FIELDS = new Set(['openingHours', 'openingHoursText', 'amenities', 'confirm']);

/**
 * The station domain: builds the nearest-station index from the database (and listens for other instances'
 * changes when given a connection), then registers the staff, public and import routes that share it.
 */
export const stationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const sync = new StationIndexSync(db, app.log);
  await sync.load();
  if (app.deps.listenConnection) await sync.listen(app.deps.listenConnection);
  app.addHook('onClose', () => sync.close());

  await app.register(stationPublicRoutes, { sync });
  await app.register(stationOpsRoutes, { sync });
  await app.register(stationImportRoutes, { sync });
  await app.register(stationOperationsRoutes, { sync });
  await app.register(stationPackRoutes);

  app.post(
    '/stations',
    {
      schema: {
        tags: ['stations'],
        summary: 'Register a station; its code is allocated here',
        body: StationCreateBody,
        response: { 201: Type.Object({ id: Type.String(), code: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'stations.write');
      const body = request.body;
      const unionId = body.unionId ?? actor.unionId;
      if (!unionId) throw Problem.validation([{ field: 'body.unionId', message: 'fieldRequired' }]);
      const union = await findUnionById(db, unionId);
      if (!union || !inScope(actor, union.path))
        throw Problem.validation([{ field: 'body.unionId', message: 'notFound' }]);
      const [lng, lat] = toWgs84(body.lng, body.lat, body.crs ?? 'wgs84');
      const errors: FieldError[] = placementErrors(body.regionCode, lng, lat);
      const hours = resolveHours(body);
      errors.push(...hours.errors);
      const phone = normalisePhone(body.phone);
      if (phone === false) errors.push({ field: 'body.phone', message: 'fieldType' });
      if (errors.length) throw Problem.validation(errors);
      const created = await createStation(
        db,
        {
          name: body.name.trim(),
          address: body.address.trim(),
          regionCode: body.regionCode,
          union: { id: union.id, path: union.path },
          stationType: body.stationType ?? 'H',
          hostOrg: body.hostOrg?.trim() || null,
          managementMode: body.managementMode,
          lng,
          lat,
          hours: hours.hours ?? UNKNOWN_HOURS,
          amenities: (body.amenities ?? []) as Amenity[],
          phone: phone || null,
          externalId: body.externalId?.trim() || null,
          status: body.status ?? 'planned',
          investmentFen: body.investmentFen ?? null,
        },
        writeContext(request, actor, sync),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/stations',
    {
      schema: {
        tags: ['stations'],
        summary: 'Stations in your union subtree (operators: the stations you run)',
        querystring: StationListQuery,
        response: { 200: StationPage, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'stations.read');
      const { unionId, amenity, page, pageSize, ...rest } = request.query;
      let unionPath: string | undefined;
      if (unionId) {
        const union = await findUnionById(db, unionId);
        if (!union || !inScope(actor, union.path)) throw Problem.notFound();
        unionPath = union.path;
      }
      let amenities: Amenity[] | undefined;
      if (amenity) {
        const parsed = parseAmenities(splitList(amenity));
        if (parsed.unknown.length) throw unknownAmenities('querystring.amenity', parsed.unknown);
        amenities = parsed.amenities;
      }
      const isOperator = actor.role === 'station_operator';
      const result = await listStations(db, {
        scopePath: isOperator ? null : actor.unionPath,
        operatorAccountId: isOperator ? actor.accountId : undefined,
        unionPath,
        amenities,
        page,
        pageSize,
        ...rest,
      });
      const lang = pickLang(request.headers['accept-language']);
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map(({ openingHours, updatedAt, ...s }) => ({
          ...s,
          openingHoursText: formatHours(openingHours as OpeningHours, lang),
          updatedAt: updatedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/stations/:ref',
    {
      schema: {
        tags: ['stations'],
        summary: 'One station with its status history, photos and operators',
        params: RefParams,
        response: { 200: StationDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      const s = (await findStationDetail(db, station.id))!;
      const lang = pickLang(request.headers['accept-language']);
      const update = can(actor, 'update', resource);
      const operate = can(actor, 'operate', resource);
      return {
        id: s.id,
        code: s.code,
        stationType: s.stationType,
        name: s.name,
        address: s.address,
        regionCode: s.regionCode,
        regionName: findRegion(s.regionCode)?.fullName ?? null,
        union: { id: s.unionId, code: s.unionCode, name: s.unionName },
        hostOrg: s.hostOrg,
        managementMode: s.managementMode,
        lng: s.lng,
        lat: s.lat,
        openingHours: s.openingHours as OpeningHours,
        openingHoursText: formatHours(s.openingHours as OpeningHours, lang),
        amenities: s.amenities,
        phone: s.phone,
        externalId: s.externalId,
        status: s.status,
        investmentFen: s.investmentFen === null ? null : Number(s.investmentFen),
        lastVerified: s.lastVerified as LastVerified,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        history: s.history.map((h) => ({ ...h, at: h.at.toISOString() })),
        photos: s.photos,
        operators: s.operators,
        allowed: {
          update,
          operate,
          nextStatuses: update
            ? [...nextStatuses(s.status)]
            : operate
              ? nextStatuses(s.status).filter((to) => operatorMayChangeStatus(s.status, to))
              : [],
        },
      };
    },
  );

  app.patch(
    '/stations/:ref',
    {
      schema: {
        tags: ['stations'],
        summary: 'Change a station (operators: hours and amenities only); stamps last-verified on key fields',
        params: RefParams,
        body: StationUpdateBody,
        response: { 200: Type.Object({ changed: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async (request) => {
      const { actor, station, resource } = await loadForActor(request, request.params.ref);
      const body = request.body;
      const full = can(actor, 'update', resource);
      if (!full) {
        const onlyOperatorFields = Object.keys(body).every((k) => OPERATOR_FIELDS.has(k));
        const confirmsLocation = body.confirm?.includes('location');
        if (!can(actor, 'operate', resource) || !onlyOperatorFields || confirmsLocation) throw Problem.forbidden();
      }
      const errors: FieldError[] = [];
      const hours = resolveHours(body);
      errors.push(...hours.errors);
      const phone = normalisePhone(body.phone);
      if (phone === false) errors.push({ field: 'body.phone', message: 'fieldType' });
      if (errors.length) throw Problem.validation(errors);
      const { openingHours: _h, openingHoursText: _t, phone: _p, confirm, amenities, ...rest } = body;
      const patch: StationPatch = {
        ...rest,
        ...(hours.hours ? { hours: hours.hours } : {}),
        ...(phone !== undefined && phone !== false ? { phone } : {}),
        ...(amenities ? { amenities: amenities as Amenity[] } : {}),
        ...(confirm ? { confirm: confirm as VerifiedField[] } : {}),
      };
      if (patch.name) patch.name = patch.name.trim();
      if (patch.address) patch.address = patch.address.trim();
      const changed = await updateStation(db, station.id, patch, writeContext(request, actor, sync));
      return { changed };
    },
  );
};
