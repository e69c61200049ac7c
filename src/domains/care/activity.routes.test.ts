import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createTestApp } from '../../../test/app.ts';
import { get, post, stockUp, unionId } from './care-test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-care-'));
const t = await createTestApp({ dataDir });
const chaoyang = await t.login('13800000003');
const changping = await t.login('13800000004');
const kw3 = await unionId(t, 'BJ-CY-KW3');
const station = await t.db
  .selectFrom('stations')
  .select(['code', 'lng', 'lat'])
  .where('unionPath', 'like', '%')
  .limit(1)
  .executeTakeFirstOrThrow();

describe('送清凉 activities', async () => {
  const drinks = await stockUp(t, chaoyang, kw3, '测试冰镇饮料', 100);
  const base = {
    title: '测试送清凉',
    kind: 'summer_relief',
    unionId: kw3,
    startsOn: '2031-07-07',
    endsOn: '2031-07-09',
    places: [
      { name: '806路总站', lng: 116.5869, lat: 39.9235 },
      { name: '驿站', stationCode: station.code },
    ],
    teams: [{ name: '管理人员组', leader: '马建军' }],
    notes: '提醒查验健康码',
  };
  let id = '';

  test('places are stations from the registry or named places with coordinates', async () => {
    const bad = await post(t, chaoyang, '/care/activities', {
      ...base,
      places: [
        { name: 'x', stationCode: 'NOPE-1' },
        { name: 'y', lng: 116.5 },
      ],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['body.places.0.stationCode', 'body.places.1.lat'],
    );
    const backwards = await post(t, chaoyang, '/care/activities', { ...base, endsOn: '2031-07-01' });
    assert.equal(backwards.json().errors[0].field, 'body.endsOn');
    const r = await post(t, chaoyang, '/care/activities', base);
    assert.equal(r.statusCode, 201, r.body);
    id = r.json().id;
    const detail = (await get(t, chaoyang, `/care/activities/${id}`)).json();
    assert.deepEqual(detail.places[1], { name: '驿站', stationCode: station.code, lng: station.lng, lat: station.lat });
    assert.deepEqual(detail.teams, [{ name: '管理人员组', leader: '马建军', members: [] }]);
  });

  test('handouts are drawn from stock, at one of the activity’s places', async () => {
    const ok = await post(t, chaoyang, `/care/activities/${id}/handouts`, {
      itemId: drinks,
      quantity: 60,
      placeName: '806路总站',
      handedOn: '2031-07-07',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const tooMany = await post(t, chaoyang, `/care/activities/${id}/handouts`, {
      itemId: drinks,
      quantity: 41,
      placeName: '驿站',
    });
    assert.equal(tooMany.statusCode, 409);
    const elsewhere = await post(t, chaoyang, `/care/activities/${id}/handouts`, {
      itemId: drinks,
      quantity: 1,
      placeName: '别处',
    });
    assert.equal(elsewhere.json().errors[0].field, 'body.placeName');
    const stock = (await get(t, chaoyang, `/care/stock?unionId=${kw3}`)).json().items;
    assert.equal(stock.find((s: { itemId: string }) => s.itemId === drinks).quantity, 40);
    const m = (await get(t, chaoyang, `/care/movements?itemId=${drinks}`)).json().items[0];
    assert.deepEqual([m.kind, m.quantity], ['handover', -60]);
    assert.equal(
      (
        await post(t, chaoyang, `/care/activities/${id}/reach`, {
          date: '2031-07-07',
          placeName: '806路总站',
          people: 86,
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (await post(t, chaoyang, `/care/activities/${id}/reach`, { date: '2031-07-08', placeName: '驿站', people: 14 }))
        .statusCode,
      201,
    );
  });

  test('photos are stored and served back', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const boundary = '----care';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n806路总站送清凉\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/care/activities/${id}/photos`,
      headers: { ...chaoyang, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const detail = (await get(t, chaoyang, `/care/activities/${id}`)).json();
    assert.equal(detail.photos[0].caption, '806路总站送清凉');
    const img = await t.app.inject({ method: 'GET', url: detail.photos[0].url, headers: chaoyang });
    assert.equal(img.headers['content-type'], 'image/png');
    assert.deepEqual(img.rawPayload, png);
  });

  test('calendar, per-activity and per-period reports (+ XLSX)', async () => {
    const list = (await get(t, chaoyang, '/care/activities?from=2031-07-08&to=2031-07-31')).json().items;
    assert.deepEqual(
      list.map((a: { id: string }) => a.id),
      [id],
    );
    assert.equal(list[0].peopleReached, 100);
    assert.equal((await get(t, chaoyang, '/care/activities?from=2031-07-10&to=2031-07-31')).json().items.length, 0);
    const report = (await get(t, chaoyang, `/care/activities/${id}/report`)).json();
    assert.deepEqual(
      report.byItem.map((i: { itemName: string; quantity: number }) => [i.itemName, i.quantity]),
      [['测试冰镇饮料', 60]],
    );
    assert.deepEqual(report.byPlace, [
      { placeName: '806路总站', peopleReached: 86, itemsHandedOut: 60 },
      { placeName: '驿站', peopleReached: 14, itemsHandedOut: 0 },
    ]);
    const period = (await get(t, chaoyang, '/care/reports/activities?from=2031-01-01&to=2031-12-31')).json();
    assert.equal(period.peopleReached, 100);
    assert.equal(period.byUnion[0].unionId, kw3);
    const x = await get(t, chaoyang, '/care/reports/activities.xlsx?from=2031-01-01&to=2031-12-31');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    assert.equal(wb.worksheets[0]!.getRow(2).getCell(1).value, '测试送清凉');
    // The seeded 2025 summer relief of the bus fleet is in the same calendar.
    const seeded = (await get(t, chaoyang, '/care/activities?from=2025-07-01&to=2025-07-31')).json().items;
    assert.ok(seeded.some((a: { places: unknown[] }) => a.places.length === 7));
  });

  test('another district sees and changes none of it', async () => {
    assert.equal((await get(t, changping, `/care/activities/${id}`)).statusCode, 404);
    assert.equal(
      (
        await post(t, changping, `/care/activities/${id}/handouts`, {
          itemId: drinks,
          quantity: 1,
          placeName: '806路总站',
        })
      ).statusCode,
      404,
    );
    assert.equal((await get(t, changping, '/care/activities?from=2031-01-01&to=2031-12-31')).json().items.length, 0);
  });
});
