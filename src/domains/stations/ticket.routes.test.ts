import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';

// Monday 1 June 2026, 10:00 in Beijing.
const clock = fixedClock('2026-06-01T02:00:00Z');
const t = await createTestApp({ clock });
const [chaoyang, changping, city, operator, auditor] = await Promise.all([
  t.login('13800000003'),
  t.login('13800000004'),
  t.login('13800000005'),
  t.login('13800000008'),
  t.login('13800000006'),
]);
const station = (name: string) =>
  t.db.selectFrom('stations').select(['id', 'code']).where('name', '=', name).executeTakeFirstOrThrow();
const wangjing = await station('望京SOHO户外劳动者服务站'); // 朝阳区, run by the demo operator
const guomao = await station('国贸CBD户外劳动者服务站'); // 朝阳区
const tiantongyuan = await station('天通苑北户外劳动者服务站'); // 昌平区
const cy = await t.db.selectFrom('unions').select(['id', 'name']).where('code', '=', 'BJ-CY').executeTakeFirstOrThrow();

let ip = 1;
const report = (code: string, kind = 'closed_during_hours', text = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/${code}/reports`,
    payload: { kind, ...(text ? { text } : {}) },
    headers: { 'idempotency-key': randomUUID() },
    remoteAddress: `10.9.${Math.floor(ip / 250)}.${ip++ % 250}`,
  });
const tickets = (headers: object, query = '') =>
  t.app.inject({ url: `/api/v1/stations/tickets${query}`, headers: headers as Record<string, string> });
const move = (id: string, body: object, headers: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/stations/tickets/${id}/status`,
    payload: body,
    headers: headers as Record<string, string>,
  });

describe('tickets from worker reports', () => {
  test('a report opens a ticket routed to the district, due in two working days; the next report joins it', async () => {
    assert.equal((await report(wangjing.code)).statusCode, 201);
    assert.equal((await report(wangjing.code, 'refused_entry')).statusCode, 201);
    const list = await tickets(operator, `?stationCode=${wangjing.code}`);
    assert.equal(list.statusCode, 200, list.body);
    const [ticket] = list.json().items;
    assert.equal(list.json().total, 1);
    assert.equal(ticket.reportCount, 2);
    assert.deepEqual(ticket.kinds, ['closed_during_hours', 'refused_entry']);
    assert.deepEqual(ticket.district, { id: cy.id, name: cy.name });
    assert.equal(ticket.dueAt, '2026-06-03T10:00:00.000Z'); // Wednesday 18:00 Beijing
    assert.equal(ticket.overdue, false);
    assert.deepEqual(ticket.nextStatuses, ['in_progress', 'resolved', 'rejected']);
    const districtView = await tickets(chaoyang, `?stationCode=${wangjing.code}`);
    assert.equal(districtView.json().items[0].id, ticket.id);
    assert.equal((await tickets(changping, `?stationCode=${wangjing.code}`)).json().total, 0);
  });

  test('twenty reports at once join one ticket', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => report(guomao.code, 'amenity_missing')));
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      Array(20).fill(201),
    );
    const rows = await t.db.selectFrom('stationTickets').selectAll().where('stationId', '=', guomao.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.reportCount, 20);
    const linked = await t.db
      .selectFrom('stationTicketReports')
      .select('reportId')
      .where('ticketId', '=', rows[0]!.id)
      .execute();
    assert.equal(linked.length, 20);
  });

  test('in progress, then resolved: the reports follow, every move is audited, a closed ticket stays closed', async () => {
    const [ticket] = (await tickets(operator, `?stationCode=${wangjing.code}`)).json().items;
    const taken = await move(ticket.id, { status: 'in_progress', reason: '已联系站长' }, operator);
    assert.equal(taken.statusCode, 200, taken.body);
    assert.equal(taken.json().status, 'in_progress');
    assert.ok(taken.json().reports.every((r: { status: string }) => r.status === 'acknowledged'));
    const done = await move(ticket.id, { status: 'resolved', reason: '已恢复按时开放' }, chaoyang);
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json().closedAt);
    assert.deepEqual(
      done.json().events.map((e: { toStatus: string }) => e.toStatus),
      ['open', 'in_progress', 'resolved'],
    );
    assert.ok(done.json().reports.every((r: { status: string }) => r.status === 'resolved'));
    const again = await move(ticket.id, { status: 'rejected', reason: 'x' }, chaoyang);
    assert.equal(again.statusCode, 409);
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', ticket.id).execute();
    assert.equal(audit.length, 2);
    // A new report after the ticket closed opens a new one.
    await report(wangjing.code);
    assert.equal((await tickets(operator, `?stationCode=${wangjing.code}&status=open`)).json().total, 1);
  });

  test('rejecting needs a reason; other districts, auditors and strangers may not move a ticket', async () => {
    await report(tiantongyuan.code, 'other', '门口堆满杂物');
    const [ticket] = (await tickets(changping, `?stationCode=${tiantongyuan.code}`)).json().items;
    const noReason = await move(ticket.id, { status: 'rejected' }, changping);
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().errors[0].field, 'body.reason');
    assert.equal((await move(ticket.id, { status: 'in_progress' }, chaoyang)).statusCode, 404);
    assert.equal((await move(ticket.id, { status: 'in_progress' }, operator)).statusCode, 404);
    assert.equal((await move(ticket.id, { status: 'in_progress' }, auditor)).statusCode, 403);
    const rejected = await move(ticket.id, { status: 'rejected', reason: '现场核实无此情况' }, city);
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json().statusReason, '现场核实无此情况');
  });

  test('overdue: unfinished tickets past 18:00 of the second working day', async () => {
    assert.equal((await tickets(chaoyang, '?overdue=true')).json().total, 0);
    clock.set('2026-06-03T10:00:01Z');
    const overdue = (await tickets(await t.login('13800000003'), '?overdue=true')).json();
    assert.ok(overdue.total >= 2, JSON.stringify(overdue));
    assert.ok(overdue.items.every((i: { overdue: boolean; status: string }) => i.overdue && i.status !== 'resolved'));
    clock.set('2026-06-01T02:00:00Z');
  });

  test('one ticket by id, scoped', async () => {
    const [ticket] = (await tickets(chaoyang, `?stationCode=${guomao.code}`)).json().items;
    const one = await t.app.inject({ url: `/api/v1/stations/tickets/${ticket.id}`, headers: chaoyang });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().reports.length, 20);
    const other = await t.app.inject({ url: `/api/v1/stations/tickets/${ticket.id}`, headers: changping });
    assert.equal(other.statusCode, 404);
  });
});
