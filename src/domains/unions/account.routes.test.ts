import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { currentTotp } from '../../platform/totp.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

const clock = fixedClock('2026-11-29T02:00:00Z');
const t = await createTestApp({ clock });

const login = (phone: string, password: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password, ...extra } });

describe('sign-in', () => {
  test('phone + password returns a token, the user with permissions, and an httpOnly session cookie', async () => {
    const res = await login('138 0000 0005', DEMO_PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.role, 'city_staff');
    assert.equal(body.user.union.code, 'BJ');
    assert.ok(body.user.permissions.includes('members.reveal'));
    assert.ok(body.token.length >= 40);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /uc_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const stored = await t.db.selectFrom('sessions').select('tokenHash').execute();
    assert.ok(
      stored.every((s) => !s.tokenHash.toString('utf8').includes(body.token)),
      'token is stored only hashed',
    );
  });

  test('the cookie and the bearer token both identify the user', async () => {
    const res = await login('13800000001', DEMO_PASSWORD);
    const token = res.json().token as string;
    const byCookie = await t.app.inject({ url: '/api/v1/auth/me', cookies: { uc_session: token } });
    const byBearer = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(byCookie.json().user.displayName, '李静');
    assert.equal(byBearer.json().user.role, 'member');
  });

  test('a wrong password and an unknown phone get the same 401 in the caller’s language', async () => {
    const wrong = await login('13800000006', 'not-the-password');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { phone: '13999999999', password: 'whatever1' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().title, '手机号或密码不正确');
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().title, 'Wrong phone number or password');
    assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  test('five failed attempts lock the account, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await login('13800000002', `wrong-${i}`)).statusCode, 401);
    const fifth = await login('13800000002', 'wrong-5');
    assert.equal(fifth.statusCode, 429);
    const right = await login('13800000002', DEMO_PASSWORD);
    assert.equal(right.statusCode, 429);
    assert.match(right.json().detail, /锁定/);
    const locks = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'account.lock').execute();
    assert.equal(locks.length, 1);
    clock.set('2026-11-29T02:16:00Z');
    assert.equal((await login('13800000002', DEMO_PASSWORD)).statusCode, 200);
    clock.set('2026-11-29T02:00:00Z');
  });

  test('one IP gets 20 sign-in attempts a minute by default, then 429 in words; a deployment may set its own number', async () => {
    const attempts = async (app: TestApp, n: number) => {
      const codes: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: '13999999999', password: `guess-${i}` },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) assert.equal(res.json().title, '请求过于频繁，请稍后再试');
      }
      return codes;
    };
    const byDefault = await createTestApp({ demo: false });
    assert.deepEqual(await attempts(byDefault, 21), [...Array(20).fill(401), 429]);
    const strict = await createTestApp({ demo: false, signInsPerMinute: 3 });
    assert.deepEqual(await attempts(strict, 4), [401, 401, 401, 429]);
  });

  test('logout revokes the session for bearer use too', async () => {
    const token = (await login('13800000004', DEMO_PASSWORD)).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ url: '/api/v1/members', headers })).statusCode, 200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    assert.equal(out.statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/v1/members', headers })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/v1/auth/me', headers })).statusCode, 401);
  });

  test('an expired session is refused', async () => {
    const token = (await login('13800000003', DEMO_PASSWORD)).json().token as string;
    clock.set('2026-11-29T14:30:00Z'); // staff sessions last 12 hours
    const res = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401);
    clock.set('2026-11-29T02:00:00Z');
  });

  test('/auth/session answers 200 with the user, or null for a visitor, a revoked or an expired session', async () => {
    const session = (headers: Record<string, string> = {}) => t.app.inject({ url: '/api/v1/auth/session', headers });
    const visitor = await session();
    assert.equal(visitor.statusCode, 200);
    assert.deepEqual(visitor.json(), { user: null });
    assert.deepEqual((await session({ authorization: 'Bearer not-a-token' })).json(), { user: null });

    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.0.8', // sign-ins are rate-limited per address: this test's own
      payload: { phone: '13800000008', password: DEMO_PASSWORD },
    });
    const headers = { authorization: `Bearer ${signIn.json().token as string}` };
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers });
    const signedIn = await session(headers);
    assert.equal(signedIn.statusCode, 200);
    assert.deepEqual(signedIn.json(), me.json(), 'the same user as /auth/me');

    clock.set('2026-11-29T14:30:00Z'); // past the 12-hour staff session
    assert.deepEqual((await session(headers)).json(), { user: null });
    clock.set('2026-11-29T02:00:00Z');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    const revoked = await session(headers);
    assert.equal(revoked.statusCode, 200);
    assert.deepEqual(revoked.json(), { user: null });
  });

  test('malformed bodies are field-level 400s', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: 13800000001, extra: true },
    });
    assert.equal(res.statusCode, 400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes('body.password'), fields.join());
    assert.ok(fields.includes('body.extra'), fields.join());
  });
});

describe('TOTP for staff accounts', () => {
  test('enrol, then sign-in asks for the code and accepts only a valid one', async () => {
    const headers = await t.login('13800000007');
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers });
    assert.equal(setup.statusCode, 200);
    const { secret, otpauthUrl } = setup.json();
    assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
    const at = clock.now().getTime();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers,
      payload: { code: '000000' === currentTotp(secret, at) ? '111111' : '000000' },
    });
    assert.equal(bad.statusCode, 400);
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers,
      payload: { code: currentTotp(secret, at) },
    });
    assert.equal(enable.statusCode, 204);

    const without = await login('13800000007', DEMO_PASSWORD);
    assert.equal(without.statusCode, 401);
    assert.equal(without.json().totpRequired, true);
    assert.deepEqual(
      without.json().errors.map((e: { field: string }) => e.field),
      ['totp'],
    );
    const wrong = await login('13800000007', DEMO_PASSWORD, {
      totp: '123456' === currentTotp(secret, at) ? '654321' : '123456',
    });
    assert.equal(wrong.statusCode, 401);
    // The enrolment used the code of this step; the next step's code (within the window) signs in.
    const right = await login('13800000007', DEMO_PASSWORD, { totp: currentTotp(secret, at + 30_000) });
    assert.equal(right.statusCode, 200);
    // An observed code must not open a second session inside its validity window (RFC 6238 §5.2).
    const replay = await login('13800000007', DEMO_PASSWORD, { totp: currentTotp(secret, at + 30_000) });
    assert.equal(replay.statusCode, 401, replay.body);
    assert.deepEqual(
      replay.json().errors.map((e: { field: string }) => e.field),
      ['totp'],
    );
    // The enrolment code, of an earlier step than the last accepted one, is refused as well.
    const earlier = await login('13800000007', DEMO_PASSWORD, { totp: currentTotp(secret, at) });
    assert.equal(earlier.statusCode, 401, earlier.body);
    const account = await t.db
      .selectFrom('accounts')
      .select('totpSecretEnc')
      .where('phone', '=', '13800000007')
      .executeTakeFirstOrThrow();
    assert.ok(!account.totpSecretEnc!.toString('latin1').includes(secret), 'TOTP secret is encrypted at rest');
  });
});
