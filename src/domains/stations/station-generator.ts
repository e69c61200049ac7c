/**
 * Synthetic station files for scale tests and benchmarks: N stations spread over the real prefectures of China,
 * each near its prefecture's label point, with a real district code that contains it, written as the import
 * contract expects (Chinese headers, GCJ-02 coordinates by default, GB18030 like Excel in China saves CSV).
 */
import iconv from 'iconv-lite';
import { findRegion, listRegions } from '../unions/region.ts';
import { AMENITIES, AMENITY_LABELS } from './amenity.ts';
import { type Crs, checkRegionContains, fromWgs84, inChina, prefectureLabels } from './geo.ts';

const HOURS = [
  '24小时',
  '未知',
  '周一至周五 08:00-20:00; 周六、周日 09:00-17:00',
  '每天 07:00-22:00',
  '每天 06:00-10:00,11:00-14:00,17:00-21:00',
  '每天 20:00-06:00',
  'Mon-Sun 07:00-22:00',
  '24小时; 春节 2026-02-16至2026-02-18 休息',
];
const MODES = ['购买服务', '项目合作', '委托办理', '自建'];
const ROADS = ['人民路', '解放路', '建设路', '中山路', '和平路', '新华路', '胜利路', '文化路', '光明路', '长江路'];

/** A small, fast, seedable generator (mulberry32), so a file can be generated again identically. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

export interface GeneratedStation {
  externalId: string;
  name: string;
  /** WGS-84 truth, before conversion to the file's CRS. */
  lng: number;
  lat: number;
  regionCode: string;
}

interface Place {
  cityName: string;
  lng: number;
  lat: number;
  districts: { code: string; name: string; fullName: string }[];
}

function places(): Place[] {
  return prefectureLabels().flatMap((p) => {
    const city = findRegion(p.code);
    if (!city) return [];
    const districts = listRegions(p.code).filter((d) => d.level === 'district');
    return [{ cityName: p.name, lng: p.lng, lat: p.lat, districts: districts.length ? districts : [city] }];
  });
}

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** Generates `count` stations; returns the file and the WGS-84 truth of every row. */
export function generateStationsFile(
  count: number,
  options: { seed?: number; crs?: Crs; encoding?: 'gb18030' | 'utf-8' } = {},
): { file: Buffer; stations: GeneratedStation[] } {
  const r = seeded(options.seed ?? 20220621);
  const crs = options.crs ?? 'gcj02';
  const all = places();
  const lines = ['站点名称,地址,经度,纬度,行政区划代码,开放时间,设施,管理模式,联系电话,外部编号'];
  const stations: GeneratedStation[] = [];
  for (let i = 1; i <= count; i++) {
    // A point near a prefecture's label point that the importer accepts in both datums (retry elsewhere if not).
    let place = r.pick(all);
    let district = r.pick(place.districts);
    let region = findRegion(district.code)!;
    let lng = 0;
    let lat = 0;
    let flng = 0;
    let flat = 0;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 && attempt % 8 === 0) {
        place = r.pick(all);
        district = r.pick(place.districts);
        region = findRegion(district.code)!;
      }
      const radiusKm = 12 * Math.sqrt(r.next());
      const angle = r.next() * 2 * Math.PI;
      lng =
        Math.round(
          (place.lng + (radiusKm * Math.cos(angle)) / (111.32 * Math.cos((place.lat * Math.PI) / 180))) * 1e6,
        ) / 1e6;
      lat = Math.round((place.lat + (radiusKm * Math.sin(angle)) / 110.57) * 1e6) / 1e6;
      [flng, flat] = fromWgs84(lng, lat, crs);
      const accepted = (x: number, y: number) => inChina(x, y) && checkRegionContains(region, x, y).ok;
      if (accepted(lng, lat) && accepted(flng, flat)) break;
    }
    const amenities = AMENITIES.filter(() => r.next() < 0.4).map((a) => AMENITY_LABELS[a]['zh-CN']);
    const externalId = `GEN-${i}`;
    const name = `${place.cityName}${district.name}第${i}号户外劳动者服务站`;
    lines.push(
      [
        name,
        `${region.fullName}${r.pick(ROADS)}${r.int(1, 999)}号`,
        flng.toFixed(7),
        flat.toFixed(7),
        district.code,
        r.pick(HOURS),
        amenities.join('、'),
        r.pick(MODES),
        r.next() < 0.5 ? `0${r.int(10, 99)}-${r.int(10_000_000, 99_999_999)}` : '',
        externalId,
      ]
        .map(quote)
        .join(','),
    );
    stations.push({ externalId, name, lng, lat, regionCode: district.code });
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const file = options.encoding === 'utf-8' ? Buffer.from(`\uFEFF${text}`) : iconv.encode(text, 'gb18030');
  return { file, stations };
}
