/**
 * Pure rules of the care domain: kit bills, low stock, corrections, places and dates. No Fastify, no Kysely:
 * routes turn the issues returned here into field-level 400s.
 */
import type { FieldError } from '../../platform/errors.ts';

export interface ComponentInput {
  itemId: string;
  quantity: number;
}

/** A kit needs a bill of distinct plain items; a plain item has none. */
export function kitIssues(
  kind: 'item' | 'kit',
  components: ComponentInput[] | undefined,
  kindOf: (itemId: string) => 'item' | 'kit' | undefined,
): FieldError[] {
  if (kind === 'item') {
    return components?.length
      ? [{ field: 'body.components', message: { 'zh-CN': '单品不能有组成', en: 'only a kit has components' } }]
      : [];
  }
  if (!components?.length) {
    return [{ field: 'body.components', message: { 'zh-CN': '礼包须列出组成物品', en: 'a kit needs its items' } }];
  }
  const issues: FieldError[] = [];
  const seen = new Set<string>();
  components.forEach((c, i) => {
    const field = `body.components.${i}.itemId`;
    if (seen.has(c.itemId)) issues.push({ field, message: { 'zh-CN': '物品重复', en: 'listed twice' } });
    seen.add(c.itemId);
    const k = kindOf(c.itemId);
    if (!k) issues.push({ field, message: 'notFound' });
    else if (k === 'kit')
      issues.push({ field, message: { 'zh-CN': '礼包不能套礼包', en: 'a kit cannot contain a kit' } });
  });
  return issues;
}

/** The low-stock warning: at or below the union's threshold for the item (no threshold, no warning). */
export function isLow(quantity: number, threshold: number | null): boolean {
  return threshold !== null && quantity <= threshold;
}

/** A correction must fix the stock the corrected movement changed: same union, same item. */
export function correctionIssues(
  correction: { unionId: string; itemId: string },
  corrected: { unionId: string; itemId: string; kind: string } | null | undefined,
): FieldError[] {
  if (corrected === undefined) return [];
  const field = 'body.correctsMovementId';
  if (corrected === null) return [{ field, message: 'notFound' }];
  if (corrected.unionId !== correction.unionId || corrected.itemId !== correction.itemId) {
    return [
      {
        field,
        message: { 'zh-CN': '被更正的记录不属于该单位的该物品', en: 'that movement is of another union or item' },
      },
    ];
  }
  return [];
}

export interface PlaceInput {
  name: string;
  stationCode?: string;
  lng?: number;
  lat?: number;
}

/** Places of an activity: distinct names, and coordinates given as a pair or not at all. */
export function placeIssues(places: PlaceInput[]): FieldError[] {
  const issues: FieldError[] = [];
  const names = new Set<string>();
  places.forEach((p, i) => {
    const name = p.name.trim();
    if (names.has(name)) {
      issues.push({ field: `body.places.${i}.name`, message: { 'zh-CN': '地点重复', en: 'listed twice' } });
    }
    names.add(name);
    if ((p.lng === undefined) !== (p.lat === undefined)) {
      issues.push({
        field: `body.places.${i}.${p.lng === undefined ? 'lng' : 'lat'}`,
        message: { 'zh-CN': '经纬度须同时填写', en: 'give both lng and lat' },
      });
    }
  });
  return issues;
}

/** A real calendar date (the schema only checks the shape). */
export function isRealDate(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** Checks that both dates exist and that the range is not backwards. */
export function dateRangeIssues(
  from: { field: string; day: string },
  to: { field: string; day: string },
): FieldError[] {
  const issues: FieldError[] = [];
  for (const d of [from, to]) {
    if (!isRealDate(d.day)) issues.push({ field: d.field, message: { 'zh-CN': '日期不存在', en: 'no such date' } });
  }
  if (!issues.length && to.day < from.day) {
    issues.push({ field: to.field, message: { 'zh-CN': '结束日期早于开始日期', en: 'is before the start date' } });
  }
  return issues;
}
