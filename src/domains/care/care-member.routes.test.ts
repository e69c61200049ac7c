import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { get, membersOf, post, signInAs, unionId } from './care-test-helpers.ts';

/** The confirmation link a member opens from the QR code (/care/confirm/:token): looked at first, then confirmed. */

const t = await createTestApp();
const city = await t.login('13800000005');
const sfdx = await unionId(t, 'BJ-HD-SFDX');
const [receiver, colleague] = await membersOf(t, 'BJ-HD-SFDX', 2);
const receiverApp = await signInAs(t, 'member', { memberId: receiver!.id });
const colleagueApp = await signInAs(t, 'member', { memberId: colleague!.id });

let run = 0;
/** A kit of two items in the university's stock, planned for the receiver, handed over (2 kits) with a QR token. */
async function handedOver(): Promise<string> {
  const n = run++ ? String(run) : '';
  const ball = (await post(t, city, '/care/items', { name: `确认页篮球${n}`, unit: '个', kind: 'item' })).json().id;
  const rope = (await post(t, city, '/care/items', { name: `确认页跳绳${n}`, unit: '根', kind: 'item' })).json().id;
  const kit = await post(t, city, '/care/items', {
    name: `确认页健身礼包${n}`,
    unit: '套',
    kind: 'kit',
    components: [
      { itemId: ball, quantity: 1 },
      { itemId: rope, quantity: 2 },
    ],
  });
  assert.equal(kit.statusCode, 201, kit.body);
  const receipt = await post(t, city, '/care/receipts', {
    unionId: sfdx,
    source: 'donation',
    fundingSource: '教育基金会',
    receivedOn: '2025-05-20',
    lines: [{ itemId: kit.json().id, quantity: 5 }],
  });
  assert.equal(receipt.statusCode, 201, receipt.body);
  const dist = await post(t, city, '/care/distributions', {
    title: '教职工健身礼包发放',
    fromUnionId: sfdx,
    itemId: kit.json().id,
    lines: [{ toMemberId: receiver!.id, planned: 3 }],
  });
  assert.equal(dist.statusCode, 201, dist.body);
  const [line] = (await get(t, city, `/care/distributions/${dist.json().id}`)).json().lines;
  const h = await post(t, city, `/care/distributions/${dist.json().id}/handovers`, { lineId: line.id, quantity: 2 });
  assert.equal(h.statusCode, 201, h.body);
  return h.json().confirmToken as string;
}

const lookUp = (headers: Record<string, string>, token: string, lang = 'zh-CN') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/me/care/handovers/by-token/${encodeURIComponent(token)}`,
    headers: { ...headers, 'accept-language': lang },
  });

describe('a confirmation link', () => {
  test('shows what is signed for — goods, quantities, the union handing over — before anything is confirmed', async () => {
    const token = await handedOver();
    const res = await lookUp(receiverApp, token);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.distributionTitle, '教职工健身礼包发放');
    assert.equal(body.fromUnionName, '首都示范大学工会');
    assert.equal(body.itemName, '确认页健身礼包');
    assert.equal(body.unit, '套');
    assert.equal(body.kind, 'kit');
    assert.equal(body.quantity, 2);
    assert.deepEqual(
      body.components.map((c: { itemName: string; unit: string; quantity: number }) => [
        c.itemName,
        c.quantity,
        c.unit,
      ]),
      [
        ['确认页篮球', 1, '个'],
        ['确认页跳绳', 2, '根'],
      ],
    );
    assert.ok(!('confirmToken' in body) && !('toMemberId' in body), 'nothing the page does not show');
    // Looking changes nothing: the hand-over still waits, and the token still confirms exactly once.
    const mine = (await get(t, receiverApp, '/me/care/handovers')).json().items;
    assert.equal(mine.find((h: { id: string }) => h.id === body.id).confirmedAt, null);
    const ok = await post(t, receiverApp, '/me/care/handovers/confirm', { token });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().quantity, 2);

    // Used now: the same clear answer for the look and the confirm, in both languages.
    const used = await lookUp(receiverApp, token);
    assert.equal(used.statusCode, 404);
    assert.match(used.headers['content-type'] as string, /^application\/problem\+json/);
    assert.match(used.json().detail, /确认链接无效或已使用/);
    assert.deepEqual(
      used.json().errors.map((e: { field: string }) => e.field),
      ['params.token'],
    );
    assert.match((await lookUp(receiverApp, token, 'en')).json().detail, /not valid or has already been used/);
    const again = await post(t, receiverApp, '/me/care/handovers/confirm', { token });
    assert.equal(again.statusCode, 404);
    assert.match(again.json().detail, /确认链接无效或已使用/);
  });

  test('someone else’s link, an unknown one or a malformed one shows nothing of the hand-over', async () => {
    const token = await handedOver();
    const other = await lookUp(colleagueApp, token);
    assert.equal(other.statusCode, 404);
    assert.ok(!other.body.includes('教职工健身礼包发放'));
    assert.equal((await lookUp(receiverApp, 'A'.repeat(24))).statusCode, 404);
    const bad = await lookUp(receiverApp, 'not a token');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'params.token');
    // staff do not confirm through the member's link (they have the representative route)
    assert.equal((await lookUp(city, token)).statusCode, 403);
    assert.equal((await lookUp({}, token)).statusCode, 401);
    assert.equal((await lookUp(receiverApp, token)).statusCode, 200, 'still the receiver’s to confirm');
  });
});
