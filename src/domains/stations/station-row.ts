/**
 * One row of a station import file, checked on its own: every bad cell is reported with the row and column the
 * clerk sees, and a reason that says what to fix ("经度和纬度似乎填反了", not "invalid").
 */
import { createHash } from 'node:crypto';
import type { Localized } from '../../platform/i18n.ts';
import { mapHeaders } from '../../platform/tabular.ts';
import { findRegion } from '../unions/region.ts';
import { AMENITY_LABELS, type Amenity, parseAmenities, splitList } from './amenity.ts';
import { type Crs, checkRegionContains, inChina, toWgs84 } from './geo.ts';
import type { OpeningHours } from './opening-hours.ts';
import { tryParseOpeningHours } from './opening-hours-parse.ts';
import type { ManagementMode } from './station.table.ts';

export const STATION_IMPORT_COLUMNS = {
  name: ['站点名称', 'name', '名称', '站点'],
  address: ['地址', 'address', '站点地址'],
  lng: ['经度', 'lng', 'longitude', 'lon'],
  lat: ['纬度', 'lat', 'latitude'],
  regionCode: ['行政区划代码', 'regionCode', 'region code', '区划代码', 'region'],
  openingHours: ['开放时间', 'openingHours', 'opening hours', 'hours', '营业时间'],
  amenities: ['设施', 'amenities', '服务设施', '配套设施'],
  managementMode: ['管理模式', 'managementMode', 'management mode', '运营模式'],
  phone: ['联系电话', 'phone', '电话'],
  externalId: ['外部编号', 'externalId', 'external id', '原编号'],
} as const;
export type StationColumn = keyof typeof STATION_IMPORT_COLUMNS;

const REQUIRED: StationColumn[] = ['name', 'address', 'lng', 'lat', 'regionCode', 'managementMode'];

const MODES: Record<string, ManagementMode> = {
  purchased: 'purchased',
  购买服务: 'purchased',
  政府购买服务: 'purchased',
  购买: 'purchased',
  partnership: 'partnership',
  项目合作: 'partnership',
  合作: 'partnership',
  共建: 'partnership',
  entrusted: 'entrusted',
  委托办理: 'entrusted',
  委托: 'entrusted',
  委托运营: 'entrusted',
  self_run: 'self_run',
  selfrun: 'self_run',
  'self-run': 'self_run',
  自建: 'self_run',
  自营: 'self_run',
  自建自营: 'self_run',
};

export interface StationImportRow {
  rowNumber: number;
  name: string;
  address: string;
  regionCode: string;
  /** WGS-84, converted from the file's CRS. */
  lng: number;
  lat: number;
  hours: OpeningHours;
  amenities: Amenity[];
  managementMode: ManagementMode;
  phone: string | null;
  /** The file's id, or a stable one derived from region, name and address so that re-imports match. */
  externalId: string;
  externalIdGiven: boolean;
}

export interface RowIssue {
  row: number;
  column: string;
  field: StationColumn | 'file';
  message: Localized;
}

export interface ResolvedColumns {
  columns: Map<StationColumn, { index: number; header: string }>;
  missing: StationColumn[];
  unknownHeaders: string[];
}

export function resolveStationColumns(headers: readonly string[]): ResolvedColumns {
  const mapping = mapHeaders(headers, STATION_IMPORT_COLUMNS);
  const columns = new Map<StationColumn, { index: number; header: string }>();
  for (const [field, index] of mapping.columns) columns.set(field, { index, header: headers[index]! });
  return { columns, missing: REQUIRED.filter((f) => !columns.has(f)), unknownHeaders: mapping.unknown };
}

export function columnLabel(field: StationColumn, columns: ResolvedColumns['columns']): string {
  return columns.get(field)?.header ?? STATION_IMPORT_COLUMNS[field][0];
}

/** "auto-" + 16 hex of sha256(region|name|address): rows without an external id still re-import as no-ops. */
export function derivedExternalId(regionCode: string, name: string, address: string): string {
  return `auto-${createHash('sha256').update(`${regionCode}|${name}|${address}`).digest('hex').slice(0, 16)}`;
}

function parseCoordinate(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[°\s]/g, '');
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export function parseStationRow(
  cells: readonly string[],
  columns: ResolvedColumns['columns'],
  rowNumber: number,
  crs: Crs,
): { ok: true; value: StationImportRow } | { ok: false; errors: RowIssue[] } {
  const errors: RowIssue[] = [];
  const cell = (f: StationColumn) => {
    const c = columns.get(f);
    return c ? (cells[c.index] ?? '').trim() : '';
  };
  const fail = (field: StationColumn, zh: string, en: string) =>
    errors.push({ row: rowNumber, column: columnLabel(field, columns), field, message: { 'zh-CN': zh, en } });

  const name = cell('name');
  if (name.length < 2 || name.length > 100)
    fail('name', '站点名称应为 2–100 个字符', 'the name must have 2–100 characters');
  const address = cell('address');
  if (address.length < 2 || address.length > 200)
    fail('address', '地址应为 2–200 个字符', 'the address must have 2–200 characters');

  const regionCode = cell('regionCode').replace(/\.0+$/, '');
  const region = findRegion(regionCode);
  if (!region)
    fail('regionCode', `行政区划代码“${regionCode}”不存在`, `"${regionCode}" is not a current GB/T 2260 region code`);

  const rawLng = parseCoordinate(cell('lng'));
  const rawLat = parseCoordinate(cell('lat'));
  if (rawLng === null) fail('lng', `经度“${cell('lng')}”不是数字`, `longitude "${cell('lng')}" is not a number`);
  if (rawLat === null) fail('lat', `纬度“${cell('lat')}”不是数字`, `latitude "${cell('lat')}" is not a number`);
  let lng = 0;
  let lat = 0;
  if (rawLng !== null && rawLat !== null) {
    if (Math.abs(rawLng) > 180 || Math.abs(rawLat) > 90 || !inChina(rawLng, rawLat)) {
      if (Math.abs(rawLat) <= 180 && Math.abs(rawLng) <= 90 && inChina(rawLat, rawLng)) {
        fail(
          'lng',
          `经度和纬度似乎填反了（经度 ${rawLng}，纬度 ${rawLat}）`,
          `longitude and latitude look swapped (lng ${rawLng}, lat ${rawLat})`,
        );
      } else {
        fail('lng', `坐标（${rawLng}, ${rawLat}）不在中国境内`, `the point (${rawLng}, ${rawLat}) is outside China`);
      }
    } else {
      [lng, lat] = toWgs84(rawLng, rawLat, crs);
      if (region) {
        const check = checkRegionContains(region, lng, lat);
        if (!check.ok) {
          const km = check.labelDistanceKm === null ? '' : `，距${check.name}约 ${check.labelDistanceKm} 公里`;
          const kmEn = check.labelDistanceKm === null ? '' : `, about ${check.labelDistanceKm} km from it`;
          fail(
            'regionCode',
            `坐标不在行政区划 ${regionCode}（${region.fullName}）所属的${check.level === 'prefecture' ? '地市' : '省份'}${check.name}内${km}`,
            `the point is not in ${check.name}, the ${check.level} of region ${regionCode}${kmEn}`,
          );
        }
      }
    }
  }

  let hours: OpeningHours = { kind: 'unknown' };
  const hoursText = cell('openingHours');
  const parsedHours = tryParseOpeningHours(hoursText);
  if (parsedHours.ok) hours = parsedHours.hours;
  else
    fail(
      'openingHours',
      `开放时间无法识别：${parsedHours.error.messages['zh-CN']}`,
      `unreadable opening hours: ${parsedHours.error.messages.en}`,
    );

  const { amenities, unknown } = parseAmenities(splitList(cell('amenities')));
  if (unknown.length) {
    fail(
      'amenities',
      `未知的设施：${unknown.join('、')}（可用：${Object.values(AMENITY_LABELS)
        .map((l) => l['zh-CN'])
        .join('、')}）`,
      `unknown amenities: ${unknown.join(', ')} (known: ${Object.values(AMENITY_LABELS)
        .map((l) => l.en)
        .join(', ')})`,
    );
  }

  const modeText = cell('managementMode');
  const managementMode = MODES[modeText.normalize('NFKC').toLowerCase().replace(/\s+/g, '')];
  if (!managementMode) {
    fail(
      'managementMode',
      `管理模式“${modeText}”无效，应为：购买服务、项目合作、委托办理或自建`,
      `management mode "${modeText}" must be one of purchased, partnership, entrusted, self_run`,
    );
  }

  let phone: string | null =
    cell('phone')
      .normalize('NFKC')
      .replace(/[\s()（）]/g, '') || null;
  if (phone && !/^\+?[\d-]{5,20}$/.test(phone)) {
    fail('phone', `联系电话“${cell('phone')}”格式不正确`, `phone "${cell('phone')}" is not a phone number`);
    phone = null;
  }
  const given = cell('externalId');
  if (given.length > 64)
    fail('externalId', '外部编号不能超过 64 个字符', 'the external id must be at most 64 characters');

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      rowNumber,
      name,
      address,
      regionCode,
      lng,
      lat,
      hours,
      amenities,
      managementMode: managementMode!,
      phone,
      externalId: given || derivedExternalId(regionCode, name, address),
      externalIdGiven: given !== '',
    },
  };
}
