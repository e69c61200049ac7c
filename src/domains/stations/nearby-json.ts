/**
 * The JSON of the /nearby and /along-route answers, assembled as UTF-8 bytes from per-station fragments.
 *
 * Most of an item never changes between queries: code, name, address, position in each CRS, amenities and the three
 * navigation links (encodeURIComponent of the name, six-decimal coordinates in two datums, JSON escaping). Writing
 * them on every request, then joining, measuring and UTF-8-encoding a 5 KB string of Chinese text, was most of
 * /nearby's own cost. So each station's fixed parts are written once into UTF-8 fragments and cached; a request
 * copies five of them into one Buffer and writes only distance, open-now (and alongM) as ASCII between them.
 * The bytes are those the response schema's serializer wrote (same keys in the same order; nearby-json.test.ts
 * compares), and the answer still validates against NearbyResponse / AlongRouteResponse.
 *
 * The fragments live on the index entry itself (`IndexedStation.json`): a Map keyed by the entry cost a few cache
 * misses per station per request. The index never changes an entry in place: a changed station is a new
 * IndexedStation (toIndexedStation), so the next query builds fresh fragments from it, and the old ones are never
 * looked up again. At most `capacity` entries get fragments from one cache (first in, first out: the oldest loses
 * them when a new one gets them), so memory stays bounded whatever the query pattern (~1 KB per station and CRS
 * asked). Fragments depend on the entry alone, so caches sharing entries (several apps in one process) may use
 * each other's.
 *
 * The opt-in compact answer of /nearby (`format=compact`, nearby-compact.ts) is written the same way, from a cached
 * row start per station and CRS (code, name, position, amenity bits) and a few ASCII bytes per request.
 */
import { type Crs, navigationLinksAt, round6 } from './geo.ts';
import type { IndexedStation } from './geo-index.ts';
import { COMPACT_FIELDS, COMPACT_VERSION } from './nearby-compact.ts';
import type { OpenState } from './opening-hours.ts';

/** One station's cached fragments (kept on its index entry, `IndexedStation.json`). */
export interface StationFragments {
  /** Per CRS (wgs84, gcj02, bd09), built when first asked: `{"code":…,"name":…,"address":…,"lng":…,"lat":…,"distanceM":` */
  heads: (Buffer | undefined)[];
  /** `,"amenities":[…],"navigation":{…}` (the object is closed by the caller, after alongM if any). */
  tail: Buffer | undefined;
  /** The compact form's row start per CRS (nearby-compact.ts): `["code","name",lng,lat,amenityMask,` */
  rows: (Buffer | undefined)[];
}

/** What one item needs beyond the station's fixed parts (open-now comes from the caller's function). */
export interface JsonHit {
  station: IndexedStation;
  distanceM: number;
  /** Along-route answers only. */
  alongM?: number;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const CRS_INDEX: Record<Crs, number> = { wgs84: 0, gcj02: 1, bd09: 2 };
const OPEN_JSON = { true: ',"openNow":true', false: ',"openNow":false', unknown: ',"openNow":null' } as const;
const START = Buffer.from('{"items":[');
const END = Buffer.from(']}');
const COMPACT_OPEN = { true: ',1]', false: ',0]', unknown: ',null]' } as const;
const COMPACT_START = (['wgs84', 'gcj02', 'bd09'] as const).map((crs) =>
  Buffer.from(`{"v":${COMPACT_VERSION},"crs":"${crs}","fields":${JSON.stringify(COMPACT_FIELDS)},"rows":[`),
);

/**
 * A distance rounded to 0.1 m, written as JSON writes Math.round(d * 10) / 10 ("12.5", "12", "0.3"), with integer
 * arithmetic: formatting a fraction (shortest round-trip digits) costs ten times more.
 */
export function decimetres(distanceM: number): string {
  const t = Math.round(distanceM * 10);
  const units = t % 10;
  const whole = (t - units) / 10;
  return units === 0 ? `${whole}` : `${whole}.${units}`;
}

let slab = Buffer.allocUnsafeSlow(256 * 1024);
let slabUsed = 0;
/**
 * A fresh, never reused, region for one answer, cut from a shared slab (as Node pools small Buffers): allocating
 * a 5 KB Buffer of its own per request costs an ArrayBuffer and its external memory accounting each time.
 */
function slice(length: number): Buffer {
  if (length > slab.length / 4) return Buffer.allocUnsafe(length);
  if (slabUsed + length > slab.length) {
    slab = Buffer.allocUnsafeSlow(slab.length);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += (length + 7) & ~7;
  return out;
}

export class StationJsonCache {
  /** The entries given fragments by this cache, oldest at `next` once full. */
  private readonly held: IndexedStation[] = [];
  private next = 0;

  constructor(readonly capacity = 20_000) {}

  get size(): number {
    return this.held.length;
  }

  private entry(s: IndexedStation): StationFragments {
    let f = s.json;
    if (f === undefined) {
      if (this.held.length < this.capacity) this.held.push(s);
      else {
        this.held[this.next]!.json = undefined;
        this.held[this.next] = s;
        this.next = (this.next + 1) % this.capacity;
      }
      f = { heads: [undefined, undefined, undefined], tail: undefined, rows: [undefined, undefined, undefined] };
      s.json = f;
    }
    return f;
  }

  /** The station's head in `crs` (built when first asked). */
  private head(s: IndexedStation, f: StationFragments, crs: Crs): Buffer {
    const i = CRS_INDEX[crs];
    let head = f.heads[i];
    if (head === undefined) {
      const [lng, lat] = position(s, crs);
      const text = `{"code":${JSON.stringify(s.code)},"name":${JSON.stringify(s.name)},"address":${JSON.stringify(s.address)},"lng":${round6(lng)},"lat":${round6(lat)},"distanceM":`;
      head = Buffer.from(text);
      f.heads[i] = head;
    }
    return head;
  }

  /** The station's tail (built when first asked). */
  private tail(s: IndexedStation, f: StationFragments): Buffer {
    f.tail ??= Buffer.from(
      `,"amenities":${JSON.stringify(s.amenities)},"navigation":${JSON.stringify(navigationLinksAt(s.name, s.gcj, s.bd))}`,
    );
    return f.tail;
  }

  /** The start of the station's compact row in `crs`, up to the distance. */
  private row(s: IndexedStation, crs: Crs): Buffer {
    const f = this.entry(s);
    const i = CRS_INDEX[crs];
    let row = f.rows[i];
    if (row === undefined) {
      const [lng, lat] = position(s, crs);
      row = Buffer.from(
        `[${JSON.stringify(s.code)},${JSON.stringify(s.name)},${round6(lng)},${round6(lat)},${s.amenityMask},`,
      );
      f.rows[i] = row;
    }
    return row;
  }

  /**
   * The compact answer (nearby-compact.ts) as UTF-8: the same stations, positions, distances and open-now as
   * answer() writes, one array per station. Each row is its cached start and a few ASCII bytes.
   */
  compact(items: readonly JsonHit[], crs: Crs, openNow: (s: IndexedStation) => OpenState): Buffer {
    const start = COMPACT_START[CRS_INDEX[crs]]!;
    const parts: (Buffer | string)[] = [];
    let length = start.length + END.length + Math.max(0, items.length - 1);
    for (const it of items) {
      const row = this.row(it.station, crs);
      const state = openNow(it.station);
      const end = `${decimetres(it.distanceM)}${state === 'unknown' ? COMPACT_OPEN.unknown : state ? COMPACT_OPEN.true : COMPACT_OPEN.false}`;
      parts.push(row, end);
      length += row.length + end.length;
    }
    return assemble(start, parts, 2, length);
  }

  /**
   * `{"items":[…]}` as UTF-8: each station's position in `crs` (rounded to 6 decimals), distance rounded to 0.1 m,
   * open-now (null when the hours are unknown), and alongM (rounded to the metre) when given.
   */
  answer(items: readonly JsonHit[], crs: Crs, openNow: (s: IndexedStation) => OpenState): Buffer {
    const parts: (Buffer | string)[] = [];
    let length = START.length + END.length + Math.max(0, items.length - 1);
    for (const it of items) {
      const f = this.entry(it.station);
      const head = this.head(it.station, f, crs);
      const tail = this.tail(it.station, f);
      const state = openNow(it.station);
      const open = state === 'unknown' ? OPEN_JSON.unknown : state ? OPEN_JSON.true : OPEN_JSON.false;
      const middle = `${decimetres(it.distanceM)}${open}`; // ASCII: one byte per character
      const end = it.alongM === undefined ? '}' : `,"alongM":${Math.round(it.alongM)}}`;
      parts.push(head, middle, tail, end);
      length += head.length + middle.length + tail.length + end.length;
    }
    return assemble(START, parts, 4, length);
  }
}

const position = (s: IndexedStation, crs: Crs): readonly [number, number] =>
  crs === 'wgs84' ? [s.lng, s.lat] : crs === 'gcj02' ? s.gcj : s.bd;

/**
 * `start`, the parts (`perItem` of them per item, items separated by commas), then `]}`, into one Buffer of exactly
 * `length` bytes. TypedArray#set and a char loop for the short ASCII parts: Buffer#copy and #write cost more in
 * argument checks than in copying these few bytes.
 */
function assemble(start: Buffer, parts: readonly (Buffer | string)[], perItem: number, length: number): Buffer {
  const out = slice(length);
  out.set(start, 0);
  let at = start.length;
  for (let k = 0; k < parts.length; k++) {
    if (k > 0 && k % perItem === 0) out[at++] = 0x2c; // , between items
    const part = parts[k]!;
    if (typeof part === 'string') {
      for (let c = 0; c < part.length; c++) out[at++] = part.charCodeAt(c);
    } else {
      out.set(part, at);
      at += part.length;
    }
  }
  out.set(END, at);
  at += END.length;
  if (at !== length) throw new Error(`nearby JSON: wrote ${at} of ${length} bytes`);
  return out;
}
