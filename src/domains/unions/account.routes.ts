import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit.ts';
import { hashSessionToken, newSessionToken, requireActor, SESSION_COOKIE, tokenOf } from '../../platform/auth.ts';
import { Problem } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/password.ts';
import { permissionsOf } from '../../platform/permissions.ts';
import { matchTotpStep, newTotpSecret, totpUri } from '../../platform/totp.ts';
import {
  claimTotpStep,
  findAccountById,
  findAccountByPhone,
  LOCK_MINUTES,
  recordFailedLogin,
  recordSuccessfulLogin,
  setTotp,
} from './account.repository.ts';
import { LoginBody, ProblemSchema, UserSchema } from './account.schemas.ts';
import { normalisePhone } from './phone.ts';
import { createSession, MEMBER_SESSION_DAYS, revokeSession, STAFF_SESSION_HOURS } from './session.repository.ts';

type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountById>>>;

function userView(a: AccountRow) {
  return {
    id: a.id,
    phone: a.phone,
    displayName: a.displayName,
    role: a.role,
    union:
      a.unionId && a.unionCode && a.unionName && a.unionKind
        ? { id: a.unionId, code: a.unionCode, name: a.unionName, kind: a.unionKind }
        : null,
    memberId: a.memberId,
    totpEnabled: a.totpEnabled,
    permissions: [...permissionsOf(a.role)],
  };
}

// Verifying against a real hash when the phone is unknown keeps response times from revealing which phones exist.
let decoyHash: Promise<string> | undefined;

/** Sign-in, sign-out, the current user and TOTP enrolment. */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, cipher } = app.deps;

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: app.deps.config.signInsPerMinute ?? 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with phone and password (and TOTP when enabled)',
        body: LoginBody,
        response: {
          200: Type.Object({ token: Type.String(), user: UserSchema }),
          401: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const phone = normalisePhone(request.body.phone);
      const account = phone ? await findAccountByPhone(db, phone) : undefined;
      if (!account || account.disabledAt) {
        decoyHash ??= hashPassword('decoy-password-never-used');
        await verifyPassword(request.body.password, await decoyHash);
        throw new Problem(401, 'badCredentials');
      }
      if (account.lockedUntil && account.lockedUntil > now) {
        const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
        throw new Problem(429, 'locked', { params: { minutes } });
      }
      if (!(await verifyPassword(request.body.password, account.passwordHash))) {
        const lockedUntil = await recordFailedLogin(db, account.id, now);
        if (lockedUntil) {
          await recordAudit(db, {
            actor: null,
            action: 'account.lock',
            entity: 'account',
            entityId: account.id,
            requestId: request.id,
            ip: request.ip,
          });
          throw new Problem(429, 'locked', { params: { minutes: LOCK_MINUTES } });
        }
        throw new Problem(401, 'badCredentials');
      }
      if (account.totpEnabled && account.totpSecretEnc) {
        const code = request.body.totp?.trim();
        if (!code) {
          throw new Problem(401, 'totpRequired', {
            errors: [{ field: 'totp', message: 'totpRequired' }],
            extra: { totpRequired: true },
          });
        }
        const step = matchTotpStep(cipher.decrypt(account.totpSecretEnc), code, now.getTime());
        if (step === null || !(await claimTotpStep(db, account.id, step))) {
          await recordFailedLogin(db, account.id, now);
          throw new Problem(401, 'totpInvalid', {
            errors: [{ field: 'totp', message: 'totpInvalid' }],
            extra: { totpRequired: true },
          });
        }
      }
      await recordSuccessfulLogin(db, account.id);
      const { token, hash } = newSessionToken();
      const lifetimeMs = account.role === 'member' ? MEMBER_SESSION_DAYS * 86_400_000 : STAFF_SESSION_HOURS * 3_600_000;
      await createSession(db, {
        tokenHash: hash,
        accountId: account.id,
        expiresAt: new Date(now.getTime() + lifetimeMs),
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(lifetimeMs / 1000),
      });
      const user = await findAccountById(db, account.id);
      return { token, user: userView(user!) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Revoke the current session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token) await revokeSession(db, hashSessionToken(token), clock.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: Type.Object({ user: UserSchema }), 401: ProblemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const account = await findAccountById(db, actor.accountId);
      if (!account) throw new Problem(401, 'unauthorized');
      return { user: userView(account) };
    },
  );

  // For pages anyone may open (the station map): whether someone is signed in is an answer, not an error, so a
  // visitor's browser logs no failed request.
  app.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, or null without a valid session (never 401)',
        response: { 200: Type.Object({ user: Type.Union([UserSchema, Type.Null()]) }) },
      },
    },
    async (request) => {
      const account = request.actor ? await findAccountById(db, request.actor.accountId) : undefined;
      return { user: account ? userView(account) : null };
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: returns a new secret to add to an authenticator app',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const account = await findAccountById(db, actor.accountId);
      if (!account) throw new Problem(401, 'unauthorized');
      if (account.totpEnabled) throw new Problem(409, 'conflict');
      const secret = newTotpSecret();
      await setTotp(db, actor.accountId, cipher.encrypt(secret), false);
      return { secret, otpauthUrl: totpUri({ secret, account: account.phone, issuer: 'UnionCare' }) };
    },
  );

  app.post(
    '/auth/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Finish TOTP enrolment with a code from the authenticator app',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 8 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const account = await findAccountById(db, actor.accountId);
      if (!account?.totpSecretEnc || account.totpEnabled) throw new Problem(409, 'conflict');
      const step = matchTotpStep(cipher.decrypt(account.totpSecretEnc), request.body.code, clock.now().getTime());
      if (step === null || !(await claimTotpStep(db, actor.accountId, step))) {
        throw Problem.validation([{ field: 'body.code', message: 'totpInvalid' }]);
      }
      await setTotp(db, actor.accountId, account.totpSecretEnc, true);
      await recordAudit(db, { actor, action: 'account.totp.enable', entity: 'account', entityId: actor.accountId });
      return reply.code(204).send(null);
    },
  );
};
