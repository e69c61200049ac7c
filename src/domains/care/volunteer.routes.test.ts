import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { createTestApp } from '../../../test/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { get, membersOf, post, signInAs, unionId } from './care-test-helpers.ts';
import { CHECKIN_EARLY_MINUTES, CHECKOUT_LATE_MINUTES, MIN_SERVICE_MINUTES } from './volunteer-hours.ts';

// Check-ins and check-outs are judged against the shift's time and the clock: the clock is fixed, and moved on.
const clock = fixedClock('2031-05-10T06:00:00+08:00');
const t = await createTestApp({ clock, signInsPerMinute: 1000 });
let city = await t.login('13800000005');
const bj = await unionId(t, 'BJ');
/** Moves the clock to a Beijing time; staff sessions last 12 hours, so the city staff sign in again. */
async function itIs(beijing: string) {
  clock.set(`${beijing}+08:00`);
  city = await t.login('13800000005');
}

/** Creates a shift in the city federation as city staff; its id. */
async function newShift(fields: Record<string, unknown>): Promise<string> {
  const res = await post(t, city, '/care/volunteer-shifts', { unionId: bj, ...fields });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

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
    const shift = await newShift({
      title: '核酸检测志愿服务',
      community: '辛庄村',
      date: '2031-05-10',
      startTime: '08:00',
      endTime: '16:00',
      task: '核酸检测点信息录入',
      capacity: 3,
    });
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 201);
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 409);
    assert.ok(
      (await get(t, app, '/me/care/volunteer-shifts'))
        .json()
        .items.some((s: { id: string; mine: boolean }) => s.id === shift && s.mine),
    );
    const early = await post(t, city, `/care/volunteer-shifts/${shift}/checkout`, { memberId: m!.id });
    assert.equal(early.statusCode, 409);
    await itIs('2031-05-10T17:00:00'); // recorded afterwards, the same evening
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

  test('a shift that has ended takes no more sign-ups, even on its own day', async () => {
    const [, m] = await membersOf(t, 'BJ-CP-CJXM', 2);
    const app = await signInAs(t, 'member', { memberId: m!.id });
    const shiftAt = (startTime: string, endTime: string) =>
      newShift({
        title: `早班 ${startTime}`,
        community: '辛庄村',
        date: '2031-05-10',
        startTime,
        endTime,
        task: '引导排队',
        capacity: 3,
      });
    await itIs('2031-05-10T06:00:00');
    const early = await shiftAt('04:00', '05:30');
    const running = await shiftAt('05:00', '07:00');
    const over = await post(t, app, `/me/care/volunteer-shifts/${early}/signup`, {});
    assert.equal(over.statusCode, 409);
    assert.deepEqual(over.json().errors, [{ field: 'params.id', message: '该班次已结束' }]);
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${running}/signup`, {})).statusCode, 201);
  });

  test('李静’s seeded 10 May shift counts 8 hours in 2022', async () => {
    const lijing = await t.login('13800000001');
    const mine = (await get(t, lijing, '/me/care/volunteer-hours?year=2022')).json();
    assert.equal(mine.hours, 8);
    assert.equal(mine.shifts[0].task, '核酸检测点信息录入');
  });

  test('check-in and check-out keep to the shift’s time; staff may record a past shift afterwards', async () => {
    // QA: 签到 then 签退 pressed on 29 Nov for a 1 Dec shift counted one shift of 0 minutes in the hours export.
    await itIs('2031-05-10T09:00:00');
    const shift = await newShift({
      title: '社区服务时间窗',
      community: '回龙观街道',
      date: '2031-05-12',
      startTime: '08:00',
      endTime: '16:00',
      task: '核酸检测点信息录入',
      capacity: 5,
    });
    const [a, b, c] = await membersOf(t, 'BJ-HD-SFDX', 3);
    for (const m of [a!, b!, c!]) {
      const app = await signInAs(t, 'member', { memberId: m.id });
      assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 201);
    }
    const url = (step: string) => `/care/volunteer-shifts/${shift}/${step}`;
    const refused = async (step: string, body: object, lang = 'zh-CN') => {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1${url(step)}`,
        headers: { ...city, 'accept-language': lang },
        payload: body,
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.headers['content-type'] as string, /^application\/problem\+json/);
      const errors = r.json().errors as { field: string; message: string }[];
      assert.deepEqual(
        errors.map((e) => e.field),
        ['body.at'],
      );
      return errors[0]!.message;
    };

    // Two days early, "now": refused in both languages, with the time check-in opens.
    assert.match(await refused('checkin', { memberId: a!.id }), /2031-05-12 08:00 开始.*07:30/);
    assert.match(await refused('checkin', { memberId: a!.id }, 'en'), /starts at 2031-05-12 08:00.*07:30/);
    // A time ahead of the clock is not a record of what happened.
    assert.match(await refused('checkin', { memberId: a!.id, at: '2031-05-12T00:00:00Z' }), /不能晚于当前时间/);
    assert.equal((await get(t, city, `/care/volunteer-shifts/${shift}/signups`)).json().items[0].checkedInAt, null);

    // On the day: from half an hour before the start.
    const early = `2031-05-12T07:${String(59 - CHECKIN_EARLY_MINUTES)}:00`;
    await itIs(early);
    await refused('checkin', { memberId: a!.id });
    await itIs('2031-05-12T07:30:00');
    assert.equal((await post(t, city, url('checkin'), { memberId: a!.id })).statusCode, 200);
    assert.equal((await post(t, city, url('checkin'), { memberId: a!.id })).statusCode, 409);
    // Not out before the shift has begun, nor within minutes of the check-in (a slip, not a shift).
    await itIs('2031-05-12T07:50:00');
    assert.match(await refused('checkout', { memberId: a!.id }), /不能早于开始时间/);
    assert.match(await refused('checkout', { memberId: a!.id }, 'en'), /cannot be before it/);
    await itIs('2031-05-12T08:10:00');
    assert.equal((await post(t, city, url('checkin'), { memberId: b!.id })).statusCode, 200);
    await itIs(`2031-05-12T08:${10 + MIN_SERVICE_MINUTES - 1}:00`);
    assert.match(await refused('checkout', { memberId: b!.id }), /不足 6 分钟/);

    // A check-out long after the end is a forgotten one: refused "now", recorded with the real time instead.
    await itIs('2031-05-12T18:01:00');
    assert.equal(CHECKOUT_LATE_MINUTES, 120);
    assert.match(await refused('checkout', { memberId: a!.id }), /结束后 120 分钟（2031-05-12 18:00）/);
    assert.match(await refused('checkin', { memberId: c!.id }), /已于 2031-05-12 16:00 结束/);
    const outA = await post(t, city, url('checkout'), { memberId: a!.id, at: '2031-05-12T08:00:00Z' });
    assert.deepEqual(outA.json(), { minutes: 510 }, outA.body);

    // The next day staff record the rest of the shift afterwards.
    await itIs('2031-05-13T09:00:00');
    assert.deepEqual(
      (await post(t, city, url('checkout'), { memberId: b!.id, at: '2031-05-12T16:10:00+08:00' })).json(),
      {
        minutes: 480,
      },
    );
    assert.equal(
      (await post(t, city, url('checkin'), { memberId: c!.id, at: '2031-05-12T08:00:00+08:00' })).statusCode,
      200,
    );
    await refused('checkout', { memberId: c!.id, at: '2031-05-12T07:59:00+08:00' });
    assert.deepEqual(
      (await post(t, city, url('checkout'), { memberId: c!.id, at: '2031-05-12T12:00:00+08:00' })).json(),
      {
        minutes: 240,
      },
    );
    const rows = (await get(t, city, `/care/volunteer-shifts/${shift}/signups`)).json().items as { minutes: number }[];
    assert.deepEqual(rows.map((r) => r.minutes).sort(), [240, 480, 510]);
  });

  test('a 0-minute record (made before the time rules) counts no shift and no hours', async () => {
    const [m] = await membersOf(t, 'BJ-CY-JMZZ', 1);
    const app = await signInAs(t, 'member', { memberId: m!.id });
    const shift = await newShift({
      title: '零分钟班次',
      community: '测试社区',
      date: '2031-12-01',
      startTime: '08:00',
      endTime: '16:00',
      task: '信息录入',
      capacity: 2,
    });
    assert.equal((await post(t, app, `/me/care/volunteer-shifts/${shift}/signup`, {})).statusCode, 201);
    // What the QA pass left behind: 签到 and 签退 on 29 Nov, one after the other.
    const pressed = new Date('2031-11-29T10:00:00+08:00');
    await t.db
      .updateTable('careVolunteerSignups')
      .set({ checkedInAt: pressed, checkedOutAt: pressed, minutes: 0 })
      .where('shiftId', '=', shift)
      .where('memberId', '=', m!.id)
      .execute();
    const all = (await get(t, city, '/care/volunteer-hours?year=2031')).json().items as { memberId: string }[];
    assert.equal(
      all.find((r) => r.memberId === m!.id),
      undefined,
      'no shift of 0 hours in the hours table',
    );
    const mine = (await get(t, app, '/me/care/volunteer-hours?year=2031')).json();
    assert.equal(mine.minutes, 0);
    assert.equal((await get(t, app, '/me/care/volunteer-certificate.pdf?year=2031')).statusCode, 404);
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
