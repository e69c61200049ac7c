import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import { aidRoutes } from './domains/aid/aid.routes.ts';
import { articlesRoutes } from './domains/articles/articles.routes.ts';
import { careRoutes } from './domains/care/care.routes.ts';
import { cockpitRoutes } from './domains/cockpit/cockpit.routes.ts';
import { hotlineRoutes } from './domains/hotline/hotline.routes.ts';
import { stationFeedbackRoutes } from './domains/stations/feedback.routes.ts';
import { stationRoutes } from './domains/stations/station.routes.ts';
import { surveysRoutes } from './domains/surveys/surveys.routes.ts';
import { accountRoutes } from './domains/unions/account.routes.ts';
import { memberRoutes } from './domains/unions/member.routes.ts';
import { memberImportRoutes } from './domains/unions/member-import.routes.ts';
import { findActorBySession } from './domains/unions/session.repository.ts';
import { unionRoutes } from './domains/unions/union.routes.ts';
import { registerAuthentication, requireSessionUnlessPublic } from './platform/auth.ts';
import type { Clock } from './platform/clock.ts';
import type { FieldCipher } from './platform/crypto.ts';
import { frameworkErrorAsProblem, registerErrorHandling } from './platform/errors.ts';
import { problemJsonResponses } from './platform/openapi.ts';
import { publicConfigRoutes } from './platform/public-config.routes.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';
import { registerWebApp } from './platform/web-app.ts';

/** What the app needs from the outside world; tests pass their own database, clock and key. */
export interface AppDeps {
  db: Database;
  /** Without `stationMaintenanceAt` (as in tests) the daily station maintenance does not start. */
  config: Pick<Config, 'dataDir' | 'logLevel' | 'trustProxy'> &
    Partial<Pick<Config, 'stationMaintenanceAt' | 'signInsPerMinute'>>;
  clock: Clock;
  cipher: FieldCipher;
  logger?: FastifyServerOptions['logger'];
  /** Settings for a dedicated LISTEN connection that keeps the station index in step across instances. */
  listenConnection?: pg.ClientConfig;
  /** Requests per minute per IP on the public station routes (default 600). */
  publicRateLimitPerMinute?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type App = FastifyInstance;

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Builds the service: platform plugins first, then each domain under /api/v1 (explicit, no autoload). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ?? {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorAsProblem,
    trustProxy: deps.config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('deps', deps);

  registerSecurityHeaders(app); // helmet's headers, computed once; and x-request-id
  registerErrorHandling(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    transformObject: problemJsonResponses,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'UnionCare API',
        version: '1',
        description: '职工服务平台 — mutual aid, outdoor-worker stations, surveys, care and the 12351 hotline.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'uc_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerAuthentication(app, (hash) => findActorBySession(deps.db, hash, deps.clock.now()));

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      requireSessionUnlessPublic(api);
      await api.register(accountRoutes);
      await api.register(unionRoutes);
      await api.register(memberRoutes);
      await api.register(memberImportRoutes);
      await api.register(stationRoutes);
      await api.register(stationFeedbackRoutes);
      await api.register(publicConfigRoutes);
      await api.register(aidRoutes);
      await api.register(hotlineRoutes);
      await api.register(articlesRoutes);
      await api.register(surveysRoutes);
      await api.register(careRoutes);
      await api.register(cockpitRoutes);
    },
    { prefix: '/api/v1' },
  );

  await registerWebApp(app, WEB_DIST);
  return app;
}
