import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { createTestApp } from '../../../test/app.ts';
import { get, membersOf, post, signInAs, unionId } from './care-test-helpers.ts';

const t = await createTestApp();
const city = await t.login('13800000005');
const bj = await unionId(t, 'BJ');

describe('volunteering', () => {
  test('sign-ups never exceed capacity, even all at once', async () => {
    const shift = await post(t, city, '/care/volunteer-shifts', {
      unionId: bj,
      title: '测试班次',
      community: '测试社区',
      date: '2031-05-10',
      startTime: '08:00',
      endTime: '16:00',
      task: '信息录入',
      capacity: 5,
    });
    assert.equal(shift.statusCode, 201, shift.body);
    const members = await membersOf(t, 'BJ-CY-KW3', 12);
    const apps = await Promise.all(members.map((m) => signInAs(t, 'member', { memberId: m.id })));
    const results = await Promise.all(
      apps.map((h) => post(t, h, `/me/care/volunteer-shifts/${shift.json().id}/signup`, {})),
    );
    assert.equal(results.filter((r) => r.statusCode === 201).length, 5);
    assert.equal(results.filter((r) => r.statusCode === 409).length, 7);
    const row = await t.db
      .selectFrom('careVolunteerShifts')
      .select('signedUp')
      .where('id', '=', shift.json().id)
      .executeTakeFirstOrThrow();
    const count = await t.db
      .selectFrom('careVolunteerSignups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shiftId', '=', shift.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.signedUp, 5);
    assert.equal(Number(count.n), 5);
  });

  test('check-in/out add hours; the certificate PDF names the member and the hours', async () => {
    const [m] = await membersOf(t, 'BJ-CP-CJXM', 1);
    const app = await signInAs(t, 'member', { memberId: m!.id });
    const shift = (
      await post(t, city, '/care/volunteer-shifts', {
        unionId: bj,
        title: '核酸检测志愿服务',
        community: '辛庄村',
        date: '2031-05-10',
        startTime: '08:00',
        endTime: '16:00',
        task: '核酸检测点信息录入',
        capacity: 3,
      })
    ).json().id;
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 201);
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 409);
    assert.ok(
      (await get(t, app, '/me/care/volunteer-shifts'))
        .json()
        .items.some((s: { id: string; mine: boolean }) => s.id === shift && s.mine),
    );
    const early = await post(t, city, `/care/volunteer-shifts/${shift}/checkout`, { memberId: m!.id });
    assert.equal(early.statusCode, 409);
    assert.equal(
      (await post(t, city, `/care/volunteer-shifts/${shift}/checkin`, { memberId: m!.id, at: '2031-05-10T00:00:00Z' }))
        .statusCode,
      200,
    );
    const out = await post(t, city, `/care/volunteer-shifts/${shift}/checkout`, {
      memberId: m!.id,
      at: '2031-05-10T08:00:00Z',
    });
    assert.deepEqual(out.json(), { minutes: 480 });
    const mine = (await get(t, app, '/me/care/volunteer-hours?year=2031')).json();
    assert.equal(mine.hours, 8);
    const all = (await get(t, city, '/care/volunteer-hours?year=2031')).json().items;
    assert.equal(all.find((r: { memberId: string }) => r.memberId === m!.id).hours, 8);
    // The same table as a workbook: one row per member, audited as an export.
    const xlsx = await get(t, city, '/care/volunteer-hours.xlsx?year=2031');
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.rowCount, all.length + 1);
    const row = sheet.getRows(2, all.length)!.find((r) => r.getCell(1).value === m!.name)!;
    assert.equal(row.getCell(5).value, 8);
    const exports = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'care.volunteer_hours.export')
      .execute();
    assert.equal(exports.length, 1);
    const pdf = await get(t, app, '/me/care/volunteer-certificate.pdf?year=2031');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    assert.ok(text.includes(m!.name), 'member name');
    assert.ok(text.includes('累计服务时长8小时'), text);
    assert.ok(text.includes('核酸检测点信息录入'));
    assert.equal((await get(t, app, '/me/care/volunteer-certificate.pdf?year=2030')).statusCode, 404);
  });

  test('李静’s seeded 10 May shift counts 8 hours in 2022', async () => {
    const lijing = await t.login('13800000001');
    const mine = (await get(t, lijing, '/me/care/volunteer-hours?year=2022')).json();
    assert.equal(mine.hours, 8);
    assert.equal(mine.shifts[0].task, '核酸检测点信息录入');
  });

  test('bad shift input is a field-level 400', async () => {
    const r = await post(t, city, '/care/volunteer-shifts', {
      unionId: bj,
      title: 'x',
      community: 'y',
      date: '2031-05-10',
      startTime: '16:00',
      endTime: '08:00',
      task: 'z',
      capacity: 0,
    });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(
      r.json().errors.map((e: { field: string }) => e.field),
      ['body.capacity'],
    );
    const r2 = await post(t, city, '/care/volunteer-shifts', {
      unionId: bj,
      title: 'x',
      community: 'y',
      date: '2031-05-10',
      startTime: '16:00',
      endTime: '08:00',
      task: 'z',
      capacity: 1,
    });
    assert.deepEqual(
      r2.json().errors.map((e: { field: string }) => e.field),
      ['body.endTime'],
    );
  });
});

describe('competitions and supervision', () => {
  test('members register, results give a points table per union', async () => {
    const sfdx = await unionId(t, 'BJ-HD-SFDX');
    const c = await post(t, city, '/care/competitions', {
      title: '测试健身比赛',
      unionId: sfdx,
      startsOn: '2031-06-10',
      endsOn: '2031-06-12',
      events: ['跳绳', '呼啦圈'],
    });
    assert.equal(c.statusCode, 201, c.body);
    const [a] = await membersOf(t, 'BJ-HD-SFDX-JG', 1);
    const [b] = await membersOf(t, 'BJ-HD-SFDX-TY', 1);
    const appA = await signInAs(t, 'member', { memberId: a!.id });
    assert.equal(
      (await post(t, appA, `/me/care/competitions/${c.json().id}/registrations`, { event: '跳绳' })).statusCode,
      201,
    );
    assert.equal(
      (await post(t, appA, `/me/care/competitions/${c.json().id}/registrations`, { event: '跳绳' })).statusCode,
      409,
    );
    assert.equal(
      (await post(t, appA, `/me/care/competitions/${c.json().id}/registrations`, { event: '游泳' })).statusCode,
      400,
    );
    // The member's list says which events they entered, so a page opened later shows it.
    const mine = (await get(t, appA, '/me/care/competitions')).json().items;
    assert.deepEqual(mine.find((x: { id: string }) => x.id === c.json().id).registeredEvents, ['跳绳']);
    const outsider = await t.login('13800000001');
    assert.equal(
      (await post(t, outsider, `/me/care/competitions/${c.json().id}/registrations`, { event: '跳绳' })).statusCode,
      404,
    );
    const res = await post(t, city, `/care/competitions/${c.json().id}/results`, {
      results: [
        { memberId: a!.id, event: '跳绳', rank: 1, points: 5 },
        { memberId: b!.id, event: '跳绳', rank: 2, points: 3 },
        { memberId: b!.id, event: '呼啦圈', rank: 1, points: 5 },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const table = (await get(t, city, `/care/competitions/${c.json().id}/points-table`)).json().items;
    assert.deepEqual(
      table.map((r: { unionId: string; points: number; position: number }) => [r.unionId, r.points, r.position]),
      [
        [await unionId(t, 'BJ-HD-SFDX-TY'), 8, 1],
        [await unionId(t, 'BJ-HD-SFDX-JG'), 5, 2],
      ],
    );
    const v = await post(t, city, '/care/supervision-visits', {
      unionId: sfdx,
      visitedOn: '2025-06-20',
      findings: '午间锻炼12人',
      score: 90,
    });
    assert.equal(v.statusCode, 201, v.body);
    const visits = (await get(t, city, `/care/supervision-visits?unionId=${sfdx}`)).json().items;
    assert.equal(visits[0].unannounced, true);
  });
});
