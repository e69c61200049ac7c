import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { fromWgs84 } from './geo.ts';
import { parseStationCode } from './station-code.ts';
import { importStations, type StationImportOptions } from './station-import.service.ts';

const t: TestApp = await createTestApp();
const union = await t.db.selectFrom('unions').select(['id', 'path']).where('code', '=', 'BJ').executeTakeFirstOrThrow();
const chaoyangUnion = await t.db
  .selectFrom('unions')
  .select(['id', 'path'])
  .where('code', '=', 'BJ-CY')
  .executeTakeFirstOrThrow();

const HEADER = '站点名称,地址,经度,纬度,行政区划代码,开放时间,设施,管理模式,联系电话,外部编号';
const ROWS = [
  '"通州万达驿站","北京市通州区新华西街58号",116.6551,39.9063,110112,"周一至周五 08:00-20:00; 周六 09:00-17:00","饮用水、微波炉、手机充电",购买服务,010-81512345,TZ-001',
  '"通州北苑驿站","北京市通州区北苑南路",116.6400,39.9000,110112,24小时,"热水,卫生间",自建,,TZ-002',
  '"石景山古城驿站","北京市石景山区古城大街",116.1900,39.9100,110107,未知,,委托办理,,',
];
const csv = (rows: string[], header = HEADER) => Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`);
const options = (o: Partial<StationImportOptions> = {}): StationImportOptions => ({
  fileName: 'stations.csv',
  crs: 'wgs84',
  dryRun: false,
  skipInvalid: false,
  union,
  scopePath: null,
  actor: null,
  ...o,
});
const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('stations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('station import', () => {
  test('imports, allocates codes, and a re-import of the same file is a no-op', async () => {
    const before = await count();
    const first = await importStations(t.db, csv(ROWS), options());
    assert.deepEqual(first.errors, []);
    assert.equal(first.applied, true);
    assert.deepEqual([first.inserted, first.updated, first.unchanged], [3, 0, 0]);
    assert.equal(await count(), before + 3);
    const rows = await t.db
      .selectFrom('stations')
      .selectAll()
      .where('unionId', '=', union.id)
      .where('regionCode', 'in', ['110112', '110107'])
      .orderBy('code')
      .execute();
    assert.equal(rows.length, 3);
    for (const r of rows) {
      const code = parseStationCode(r.code);
      assert.ok(code.ok && code.parts.regionCode === r.regionCode && code.parts.type === 'H');
      assert.equal(r.status, 'active');
    }
    const noId = rows.find((r) => r.name === '石景山古城驿站')!;
    assert.match(noId.externalId!, /^auto-[0-9a-f]{16}$/);
    assert.deepEqual(rows.find((r) => r.externalId === 'TZ-001')!.amenities, [
      'drinking_water',
      'microwave',
      'phone_charging',
    ]);
    const history = await t.db
      .selectFrom('stationStatusHistory')
      .select('status')
      .where('stationId', '=', noId.id)
      .execute();
    assert.deepEqual(
      history.map((h) => h.status),
      ['active'],
    );

    const again = await importStations(t.db, csv(ROWS), options());
    assert.deepEqual([again.inserted, again.updated, again.unchanged, again.applied], [0, 0, 3, true]);
    const after = await t.db
      .selectFrom('stations')
      .select(['id', 'updatedAt', 'code'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of after) {
      const was = rows.find((x) => x.id === r.id)!;
      assert.equal(r.updatedAt.getTime(), was.updatedAt.getTime());
      assert.equal(r.code, was.code);
    }

    const changed = [ROWS[0]!.replace('116.6551', '116.6552'), ROWS[1]!, ROWS[2]!];
    const third = await importStations(t.db, csv(changed), options());
    assert.deepEqual([third.inserted, third.updated, third.unchanged], [0, 1, 2]);
  });

  test('every bad row is reported with its row, column and reason, and nothing is written', async () => {
    const before = await count();
    const bad = [
      '"坐标在巴黎","法国巴黎",2.35,48.85,110105,,,购买服务,,BAD-1',
      '"经纬度反了","北京市朝阳区",39.99,116.48,110105,,,购买服务,,BAD-2',
      '"区划不存在","北京市",116.4,39.9,110199,,,购买服务,,BAD-3',
      '"区划不含坐标","广州市天河区",113.33,23.13,110105,,,购买服务,,BAD-4',
      '"时间看不懂","北京市朝阳区",116.45,39.92,110105,早八晚八,,购买服务,,BAD-5',
      '"设施看不懂","北京市朝阳区",116.45,39.92,110105,,"饮用水、按摩椅",购买服务,,BAD-6',
      '"模式不对","北京市朝阳区",116.45,39.92,110105,,,包干,,BAD-7',
      '"好的一行","北京市朝阳区",116.45,39.92,110105,,,购买服务,,GOOD-1',
      '"外部编号重复","北京市朝阳区",116.46,39.93,110105,,,购买服务,,GOOD-1',
      '"同一站点","北京市朝阳区某路",116.47,39.94,110105,,,自建,,',
      '"同一站点","北京市朝阳区某路",116.47,39.94,110105,,,自建,,',
      '"已属于别人","北京市昌平区",116.336,40.07,110114,,,购买服务,,DEMO-015',
      '"经度不是数","北京市朝阳区",东经116,39.9,110105,,,购买服务,,BAD-8',
    ];
    const report = await importStations(
      t.db,
      csv(bad),
      options({ scopePath: chaoyangUnion.path, union: chaoyangUnion }),
    );
    assert.equal(report.applied, false);
    assert.equal(await count(), before);
    const at = (row: number) =>
      report.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.message['zh-CN']}`);
    assert.match(at(2).join(), /^经度: 坐标（2.35, 48.85）不在中国境内/);
    assert.match(at(3).join(), /^经度: 经度和纬度似乎填反了/);
    assert.match(at(4).join(), /^行政区划代码: 行政区划代码“110199”不存在/);
    assert.match(
      at(5).join(),
      /^行政区划代码: 坐标不在行政区划 110105（北京市朝阳区）所属的省份北京内，距北京约 \d+ 公里/,
    );
    assert.match(at(6).join(), /^开放时间: 开放时间无法识别：第 1 个字符处无法识别“早八晚八”/);
    assert.match(at(7).join(), /^设施: 未知的设施：按摩椅/);
    assert.match(at(8).join(), /^管理模式: 管理模式“包干”无效/);
    assert.deepEqual(at(9), []);
    assert.match(at(10).join(), /^外部编号: 外部编号与第 9 行重复/);
    assert.deepEqual(at(11), []);
    assert.match(at(12).join(), /^站点名称: 与第 11 行是同一站点/);
    assert.match(at(13).join(), /^外部编号: 外部编号 DEMO-015 已属于站点 110114\w+，该站点不在您的管辖范围内/);
    assert.match(at(14).join(), /^经度: 经度“东经116”不是数字/);
    assert.equal(report.skipped, 11);
    assert.ok(report.errors.every((e, i) => i === 0 || report.errors[i - 1]!.row <= e.row));

    const skipping = await importStations(
      t.db,
      csv(bad),
      options({ scopePath: chaoyangUnion.path, union: chaoyangUnion, skipInvalid: true }),
    );
    assert.equal(skipping.applied, true);
    assert.deepEqual([skipping.inserted, skipping.skipped], [2, 11]);
    assert.equal(await count(), before + 2);
  });

  test('GB18030 with English headers and GCJ-02 coordinates; a dry run counts and writes nothing', async () => {
    const wgs = [116.2, 39.88] as const;
    const [glng, glat] = fromWgs84(wgs[0], wgs[1], 'gcj02');
    const header = 'name,address,lng,lat,regionCode,openingHours,amenities,managementMode,phone,externalId';
    const file = iconv.encode(
      `${header}\r\n丰台驿站,北京市丰台区,${glng},${glat},110106,Mon-Sun 07:00-22:00,"water, microwave",partnership,,FT-1\r\n`,
      'gb18030',
    );
    const before = await count();
    const dry = await importStations(t.db, file, options({ crs: 'gcj02', dryRun: true }));
    assert.deepEqual([dry.inserted, dry.applied, dry.errors.length], [1, false, 0]);
    assert.equal(await count(), before);
    const real = await importStations(t.db, file, options({ crs: 'gcj02' }));
    assert.equal(real.inserted, 1);
    const row = await t.db
      .selectFrom('stations')
      .selectAll()
      .where('externalId', '=', 'FT-1')
      .executeTakeFirstOrThrow();
    assert.ok(Math.abs(row.lng - wgs[0]) < 1e-5 && Math.abs(row.lat - wgs[1]) < 1e-5, `${row.lng},${row.lat}`);
    assert.equal(row.managementMode, 'partnership');
    assert.equal((row.openingHours as { kind: string }).kind, 'weekly');
  });

  test('a missing required column or an unreadable file is reported, not thrown', async () => {
    const report = await importStations(t.db, csv(['a,b'], '站点名称,地址'), options());
    assert.deepEqual(
      report.errors.map((e) => e.column),
      ['经度', '纬度', '行政区划代码', '管理模式'],
    );
    const empty = await importStations(t.db, Buffer.alloc(0), options());
    assert.equal(empty.errors[0]!.field, 'file');
  });
});

describe('POST /stations/imports (staff, multipart + job polling)', () => {
  const multipart = (content: Buffer, fields: Record<string, string>) => {
    const boundary = `----ucTest${Math.random().toString(16).slice(2)}`;
    const parts = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };

  test('district staff import into their union; the job reports progress and the result', async () => {
    const headers = await t.login('13800000003');
    const body = multipart(
      csv(['"朝阳北路驿站","北京市朝阳区朝阳北路",116.52,39.93,110105,每天 08:00-18:00,饮用水,购买服务,,CY-IMP-1']),
      { crs: 'wgs84' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/imports',
      payload: body.payload,
      headers: { ...headers, ...body.headers },
    });
    assert.equal(res.statusCode, 202, res.body);
    let job: { status: string; inserted: number; applied: boolean; processed: number; total: number } = {
      status: 'queued',
      inserted: 0,
      applied: false,
      processed: 0,
      total: 0,
    };
    for (let i = 0; i < 100 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 30));
      job = (await t.app.inject({ url: `/api/v1/stations/imports/${res.json().id}`, headers })).json();
    }
    assert.deepEqual([job.status, job.inserted, job.applied], ['succeeded', 1, true]);
    assert.equal(job.processed, job.total, 'a finished import shows a full progress bar');
    const row = await t.db
      .selectFrom('stations')
      .select(['unionId', 'code'])
      .where('externalId', '=', 'CY-IMP-1')
      .executeTakeFirstOrThrow();
    assert.equal(row.unionId, chaoyangUnion.id);
    const near = (await t.app.inject({ url: '/api/v1/stations/nearby?lng=116.52&lat=39.93&limit=1' })).json();
    assert.equal(near.items[0].code, row.code);
    const auditor = await t.login('13800000006');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/imports',
      payload: body.payload,
      headers: { ...auditor, ...body.headers },
    });
    assert.equal(denied.statusCode, 403);
    const badCrs = multipart(csv([]), { crs: 'utm' });
    const r2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/imports',
      payload: badCrs.payload,
      headers: { ...headers, ...badCrs.headers },
    });
    assert.equal(r2.statusCode, 400);
  });
});
