import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findRegion, isRegionCode, listRegions, regionContains } from './region.ts';

describe('findRegion', () => {
  test('110105 is 朝阳区 in 北京市', () => {
    assert.deepEqual(findRegion('110105'), {
      code: '110105',
      name: '朝阳区',
      fullName: '北京市朝阳区',
      level: 'district',
      provinceCode: '110000',
      cityCode: '110100',
    });
  });

  test('110114 is 昌平区', () => {
    assert.equal(findRegion('110114')?.name, '昌平区');
    assert.equal(findRegion('110114')?.fullName, '北京市昌平区');
  });

  test('provinces and cities are padded to 6 digits', () => {
    assert.deepEqual(findRegion('110000'), {
      code: '110000',
      name: '北京市',
      fullName: '北京市',
      level: 'province',
      provinceCode: '110000',
      cityCode: null,
    });
    const city = findRegion('110100');
    assert.equal(city?.level, 'city');
    assert.equal(city?.name, '市辖区');
    assert.equal(city?.fullName, '北京市', 'filler 市辖区 is skipped');
    assert.equal(city?.cityCode, '110100');
  });

  test('a real prefecture keeps its name in fullName', () => {
    assert.equal(findRegion('130102')?.fullName, '河北省石家庄市长安区');
    assert.equal(findRegion('130100')?.fullName, '河北省石家庄市');
  });

  test('other filler city names are skipped too', () => {
    assert.equal(findRegion('500229')?.fullName, '重庆市城口县', '县');
    assert.equal(findRegion('419001')?.fullName, '河南省济源市', '省直辖县级行政区划');
    assert.equal(findRegion('310101')?.fullName, '上海市黄浦区');
  });

  test('unknown or malformed codes', () => {
    for (const code of ['999999', '11010', '1101050', '11', '1101', 'abcdef', '', '110199']) {
      assert.equal(findRegion(code), undefined, code);
      assert.equal(isRegionCode(code), false, code);
    }
    assert.equal(isRegionCode('110105'), true);
  });
});

describe('regionContains', () => {
  const cases: [string, string, boolean][] = [
    ['110000', '110105', true],
    ['110100', '110105', true],
    ['110000', '110100', true],
    ['110105', '110105', true],
    ['110105', '110114', false],
    ['110105', '110000', false],
    ['110100', '110000', false],
    ['120000', '110105', false],
    ['130100', '130102', true],
    ['130200', '130102', false],
    ['999999', '110105', false],
    ['110000', '999999', false],
    ['11', '110105', false],
  ];
  for (const [outer, inner, expected] of cases) {
    test(`${outer} contains ${inner}: ${expected}`, () => assert.equal(regionContains(outer, inner), expected));
  }
});

describe('listRegions', () => {
  test('provinces at the top, 31 of them on the mainland', () => {
    const provinces = listRegions();
    assert.equal(provinces.length, 31);
    assert.ok(provinces.every((p) => p.level === 'province' && /^\d{2}0000$/.test(p.code)));
    assert.equal(provinces[0]?.name, '北京市');
  });

  test('children of a province and of a city', () => {
    assert.deepEqual(
      listRegions('110000').map((r) => r.code),
      ['110100'],
    );
    const beijing = listRegions('110100').map((r) => r.name);
    assert.ok(beijing.includes('朝阳区') && beijing.includes('昌平区'));
    assert.equal(beijing.length, 16);
  });

  test('leaf and unknown parents have no children', () => {
    assert.deepEqual(listRegions('110105'), []);
    assert.deepEqual(listRegions('999999'), []);
  });

  test('returned lists are copies: callers cannot corrupt the index', () => {
    listRegions().length = 0;
    assert.equal(listRegions().length, 31);
    assert.throws(() => {
      (findRegion('110105') as { name: string }).name = 'x';
    }, TypeError);
    assert.equal(findRegion('110105')?.name, '朝阳区');
  });

  test('every district is reachable from its province', () => {
    for (const p of listRegions()) {
      for (const c of listRegions(p.code)) {
        for (const d of listRegions(c.code)) {
          assert.ok(regionContains(p.code, d.code), d.code);
          assert.equal(findRegion(d.code)?.provinceCode, p.code);
        }
      }
    }
  });
});
