import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { findRegion } from '../unions/region.ts';
import { AMENITIES, AMENITY_LABELS, amenityMask, isAmenity, parseAmenities, splitList } from './amenity.ts';
import { recordDemand } from './coverage.demand.ts';
import { type Crs, fromWgs84, navigationLinks, round6, toWgs84 } from './geo.ts';
import { type IndexedStation, openNowAt } from './geo-index.ts';
import { JSON_CONTENT_TYPE, StationJsonCache } from './nearby-json.ts';
import { formatHours, isOpenAt, type OpeningHours } from './opening-hours.ts';
import { findPublicStation, listPhotos } from './station.repository.ts';
import {
  AlongRouteQuery,
  AlongRouteResponse,
  NearbyCompactResponse,
  NearbyQuery,
  NearbyResponse,
  PublicQuery,
  PublicStation,
  RefParams,
} from './station.schemas.ts';
import { resolveRef } from './station.service.ts';
import type { LastVerified } from './station.table.ts';
import { errorResponses, type StationPluginOptions, unknownAmenities } from './station-access.ts';
import { STATION_TYPES, type StationType } from './station-code.ts';
import { renderSign } from './station-sign.ts';

const WELCOME = {
  'zh-CN': '户外劳动者之家 欢迎您：快递员、外卖骑手、环卫工人、司机……所有户外劳动者都可以进站歇脚、喝水、充电、热饭。',
  en: 'Welcome to all outdoor workers: couriers, delivery riders, sanitation workers, drivers — come in to rest, drink, charge and heat your meal.',
} as const;

const MAX_PATH_POINTS = 500;

function filterMask(text: string | undefined, field: string): number {
  if (!text) return 0;
  const { amenities, unknown } = parseAmenities(splitList(text));
  if (unknown.length) throw unknownAmenities(field, unknown);
  return amenityMask(amenities);
}

function parsePath(text: string, crs: Crs): [number, number][] {
  const points = text.split(';').filter((p) => p.trim() !== '');
  const bad = (detail: { 'zh-CN': string; en: string }) =>
    Problem.validation([{ field: 'querystring.path', message: detail }]);
  if (points.length < 2 || points.length > MAX_PATH_POINTS) {
    throw bad({ 'zh-CN': `路线应有 2 至 ${MAX_PATH_POINTS} 个点`, en: `a route has 2 to ${MAX_PATH_POINTS} points` });
  }
  return points.map((p, i) => {
    const [x, y, extra] = p.split(',').map((v) => Number(v.trim()));
    if (extra !== undefined || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x!) > 180 || Math.abs(y!) > 90) {
      throw bad({ 'zh-CN': `第 ${i + 1} 个点应为“经度,纬度”`, en: `point ${i + 1} must be "lng,lat"` });
    }
    return toWgs84(x!, y!, crs);
  });
}

const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** One successful map answer in this many gets an access log line (every non-2xx answer does). */
export const MAP_ACCESS_LOG_SAMPLE = 100;

/** Sends JSON already written as bytes (nearby-json.ts): Fastify sends a Buffer as it is. */
const sendJson = (reply: FastifyReply, body: Buffer) => reply.type(JSON_CONTENT_TYPE).send(body);

/**
 * The public side of stations (no sign-in): nearest stations, stations along a route, a station's public page,
 * its printable sign, and the amenity vocabulary. Served from the in-memory index except page and sign.
 */
export const stationPublicRoutes: FastifyPluginAsyncTypebox<StationPluginOptions> = async (app, { sync }) => {
  const { db, clock } = app.deps;
  const rateLimit = { max: app.deps.publicRateLimitPerMinute ?? 600, timeWindow: '1 minute' };

  // The hot map routes write their JSON from cached per-station fragments (nearby-json.ts); the response schemas
  // stay declared for the OpenAPI document and the tests that check the answers against them.
  const json = new StationJsonCache();

  // The map routes answer thousands of requests a second: Fastify's two info lines per request cost them a fifth of
  // their throughput. They log at warn (5xx errors keep their full log line and request id) and write one access
  // line, with the request id, for every non-2xx answer (rate limiting, bad input) and one in a hundred others.
  let served = 0;
  const mapRoute = {
    logLevel: 'warn' as const,
    onResponse: (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      served++;
      if (reply.statusCode >= 300 || served % MAP_ACCESS_LOG_SAMPLE === 0) {
        app.log.info(
          {
            reqId: request.id,
            req: { method: request.method, url: request.url },
            res: { statusCode: reply.statusCode },
            responseTime: reply.elapsedTime,
            sampled: reply.statusCode >= 300 ? 1 : MAP_ACCESS_LOG_SAMPLE,
          },
          'request completed',
        );
      }
      done();
    },
  };

  app.get(
    '/stations/nearby',
    {
      ...mapRoute,
      config: { public: true, rateLimit },
      schema: {
        tags: ['stations'],
        summary: 'Nearest stations on the map (public): nearest first, by great-circle distance',
        querystring: NearbyQuery,
        // The compact form is opt-in (format=compact, nearby-compact.ts); the default is DESIGN.md's answer.
        response: { 200: Type.Union([NearbyResponse, NearbyCompactResponse]), 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const crs = q.crs ?? 'wgs84';
      const mask = filterMask(q.amenities, 'querystring.amenities');
      const now = clock.now();
      const [lng, lat] = toWgs84(q.lng, q.lat, crs);
      recordDemand(lng, lat, now); // where workers look for a station: feeds the suggested-sites analysis
      const filter =
        mask || q.openNow
          ? (s: IndexedStation) => (s.amenityMask & mask) === mask && (!q.openNow || openNowAt(s, now) === true)
          : undefined;
      const hits = sync.index.nearest(lng, lat, { limit: q.limit, maxDistanceM: q.radiusM, filter });
      const openNow = (s: IndexedStation) => openNowAt(s, now);
      return sendJson(
        reply,
        q.format === 'compact' ? json.compact(hits, crs, openNow) : json.answer(hits, crs, openNow),
      );
    },
  );

  app.get(
    '/stations/along-route',
    {
      ...mapRoute,
      config: { public: true, rateLimit },
      schema: {
        tags: ['stations'],
        summary: 'Stations within maxDetourM of a route, in order along it (public)',
        querystring: AlongRouteQuery,
        response: { 200: AlongRouteResponse, 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const crs = q.crs ?? 'wgs84';
      const path = parsePath(q.path, crs);
      const mask = filterMask(q.amenities, 'querystring.amenities');
      const now = clock.now();
      const hits = sync.index.alongRoute(path, {
        maxDistanceM: q.maxDetourM,
        limit: q.limit,
        filter: (s) => (s.amenityMask & mask) === mask && (!q.openNow || openNowAt(s, now) === true),
      });
      return sendJson(
        reply,
        json.answer(hits, crs, (s) => openNowAt(s, now)),
      );
    },
  );

  app.get(
    '/stations/amenities',
    {
      config: { public: true },
      schema: {
        tags: ['stations'],
        summary: 'The amenity vocabulary with labels (public)',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ code: Type.String(), 'zh-CN': Type.String(), en: Type.String() })),
          }),
        },
      },
    },
    async () => ({ items: AMENITIES.map((code) => ({ code, ...AMENITY_LABELS[code] })) }),
  );

  const findVisible = async (ref: string) => {
    const station = await findPublicStation(db, resolveRef(ref));
    // Planned stations are not public yet; exited ones keep their page (and code) with their status.
    if (!station || station.status === 'planned') throw Problem.notFound();
    return station;
  };

  app.get(
    '/stations/public/:ref',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['stations'],
        summary: "A station's public page data (no sign-in; no private fields)",
        params: RefParams,
        querystring: PublicQuery,
        response: { 200: PublicStation, ...errorResponses },
      },
    },
    async (request) => {
      const s = await findVisible(request.params.ref);
      const crs = request.query.crs ?? 'wgs84';
      const lang = pickLang(request.headers['accept-language']);
      const hours = s.openingHours as OpeningHours;
      const open = isOpenAt(hours, clock.now());
      const [lng, lat] = fromWgs84(s.lng, s.lat, crs);
      const stamps = Object.values((s.lastVerified ?? {}) as LastVerified).map((v) => v.at);
      const latest = stamps.sort().at(-1);
      return {
        code: s.code,
        name: s.name,
        address: s.address,
        regionCode: s.regionCode,
        regionName: findRegion(s.regionCode)?.fullName ?? null,
        stationType: s.stationType,
        stationTypeName: (STATION_TYPES[s.stationType as StationType] ?? STATION_TYPES.H)[lang],
        hostOrg: s.hostOrg,
        status: s.status,
        lng: round6(lng),
        lat: round6(lat),
        crs,
        openNow: s.status !== 'active' ? false : open === 'unknown' ? null : open,
        openingHours: hours,
        openingHoursText: formatHours(hours, lang),
        amenities: s.amenities.filter(isAmenity).map((code) => ({ code, label: AMENITY_LABELS[code][lang] })),
        phone: s.phone,
        photos: await listPhotos(db, s.id),
        welcome: WELCOME[lang],
        lastVerifiedOn: latest ? shanghaiDay(new Date(latest)) : null,
        navigation: navigationLinks(s.name, s.lng, s.lat),
        signUrl: `/api/v1/stations/${s.code}/sign.svg`,
      };
    },
  );

  app.get(
    '/stations/:ref/sign.svg',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['stations'],
        summary: 'The printable A4 sign (SVG) with name, code, hours, amenities and a QR code (public)',
        params: RefParams,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const station = await findPublicStation(db, resolveRef(request.params.ref));
      if (!station) throw Problem.notFound();
      const svg = await renderSign({
        code: station.code,
        stationType: station.stationType,
        name: station.name,
        address: station.address,
        phone: station.phone,
        hours: station.openingHours as OpeningHours,
        amenities: station.amenities,
        pageUrl: `${baseUrl(request)}/s/${station.code}`,
      });
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('content-disposition', `inline; filename="${station.code}.svg"`)
        .send(svg);
    },
  );
};
