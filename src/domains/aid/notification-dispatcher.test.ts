import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDb } from '../../../test/db.ts';
import { fixedClock } from '../../platform/clock.ts';
import { enqueueSms } from './notification.repository.ts';
import { dispatchOnce, MAX_ATTEMPTS, startDispatcher } from './notification-dispatcher.ts';
import { renderSms, type SmsMessage } from './sms.ts';

const { db } = await createTestDb();
const clock = fixedClock('2022-05-20T02:00:00Z');

const queue = (n: number, to = '13800000001') =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      enqueueSms(db, {
        to,
        template: 'aid.claim.approved',
        params: { claimNo: `SB2022-${i}`, amount: '8000.00' },
        entity: 'aidClaim',
        entityId: `c${i}`,
        at: clock.now(),
      }),
    ),
  );

test('SMS texts are rendered from the template with the signature', () => {
  assert.equal(
    renderSms('aid.claim.paid', { amount: '8000.00', claimNo: 'SB2022-000001' }),
    '【北京市总工会】互助金 8000.00 元（申报 SB2022-000001）已发放至您的会员互助服务卡，请注意查收。',
  );
  assert.throws(() => renderSms('nope', {}), /unknown SMS template/);
});

test('two dispatchers racing send every pending message exactly once', async () => {
  await queue(30);
  const sent: SmsMessage[] = [];
  const sender = { send: async (m: SmsMessage) => void sent.push(m) };
  const [a, b] = await Promise.all([
    dispatchOnce(db, sender, { clock, limit: 100 }),
    dispatchOnce(db, sender, { clock, limit: 100 }),
  ]);
  assert.equal(a.sent + b.sent, 30);
  assert.equal(sent.length, 30);
  assert.equal(new Set(sent.map((m) => m.params.claimNo)).size, 30);
  assert.match(sent[0]!.text, /^【北京市总工会】您的互助保障申报（SB2022-\d+）已批准，互助金 8000\.00 元/);
  const rows = await db.selectFrom('notifications').select(['status', 'sentAt']).execute();
  assert.ok(rows.every((r) => r.status === 'sent' && r.sentAt !== null));
  assert.deepEqual(await dispatchOnce(db, sender, { clock }), { sent: 0, failed: 0 });
});

test('a failing gateway is retried with back-off, then given up', async () => {
  await db.deleteFrom('notifications').execute();
  await queue(1, '13900000000');
  const failing = { send: async () => Promise.reject(new Error('gateway 503')) };
  assert.deepEqual(await dispatchOnce(db, failing, { clock }), { sent: 0, failed: 1 });
  let row = await db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.lastError, 'gateway 503');
  assert.equal(row.nextAttemptAt.getTime() - clock.now().getTime(), 30_000);
  assert.deepEqual(await dispatchOnce(db, failing, { clock }), { sent: 0, failed: 0 }, 'not due yet');
  for (let i = 1; i < MAX_ATTEMPTS; i++) {
    clock.set(new Date(clock.now().getTime() + 3_600_000).toISOString());
    await dispatchOnce(db, failing, { clock });
  }
  row = await db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'failed');
  assert.equal(row.attempts, MAX_ATTEMPTS);
});

test('the loop sends what is queued and stops cleanly', async () => {
  await db.deleteFrom('notifications').execute();
  await queue(3);
  const sent: string[] = [];
  const loop = startDispatcher(db, { send: async (m) => void sent.push(m.to) }, { clock, intervalMs: 10 });
  for (let i = 0; i < 100 && sent.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
  await loop.stop();
  assert.equal(sent.length, 3);
  await queue(1);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(sent.length, 3, 'stopped: nothing more is sent');
});
