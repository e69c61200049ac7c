/**
 * The fixed amenity vocabulary of stations. Codes are stored and sent by the API; labels are shown; aliases are what
 * people type in import files and map filters (Chinese or English, loose spelling).
 */
import type { Localized } from '../../platform/i18n.ts';

export const AMENITIES = [
  'drinking_water',
  'hot_water',
  'microwave',
  'phone_charging',
  'ebike_charging',
  'toilet',
  'air_conditioning',
  'heating',
  'first_aid_kit',
  'rest_seats',
  'wifi',
  'books',
  'tyre_pump',
  'lockers',
  'umbrella',
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const AMENITY_LABELS: Record<Amenity, Localized> = {
  drinking_water: { 'zh-CN': '饮用水', en: 'Drinking water' },
  hot_water: { 'zh-CN': '热水', en: 'Hot water' },
  microwave: { 'zh-CN': '微波炉', en: 'Microwave' },
  phone_charging: { 'zh-CN': '手机充电', en: 'Phone charging' },
  ebike_charging: { 'zh-CN': '电动车充电', en: 'E-bike charging' },
  toilet: { 'zh-CN': '卫生间', en: 'Toilet' },
  air_conditioning: { 'zh-CN': '空调', en: 'Air-conditioning' },
  heating: { 'zh-CN': '暖气', en: 'Heating' },
  first_aid_kit: { 'zh-CN': '急救药箱', en: 'First-aid kit' },
  rest_seats: { 'zh-CN': '休息座椅', en: 'Rest seats' },
  wifi: { 'zh-CN': '无线网络', en: 'Wi-Fi' },
  books: { 'zh-CN': '图书', en: 'Books' },
  tyre_pump: { 'zh-CN': '打气筒', en: 'Tyre pump' },
  lockers: { 'zh-CN': '储物柜', en: 'Lockers' },
  umbrella: { 'zh-CN': '爱心雨伞', en: 'Umbrella' },
};

/** Extra names people use. "charging" alone means phone charging; e-bike charging must be asked for by name. */
const ALIASES: Record<Amenity, readonly string[]> = {
  drinking_water: ['water', 'drinking water', '饮水', '饮用水', '饮水机', '直饮水', '开水'],
  hot_water: ['hot water', '热水', '热饮水'],
  microwave: ['microwave oven', '微波炉', '加热', '热饭'],
  phone_charging: ['charging', 'charger', 'phone charging', '充电', '手机充电', '充电宝', '充电器'],
  ebike_charging: ['ebike', 'e-bike', 'e-bike charging', 'battery', '电动车充电', '电瓶车充电', '电动车', '换电'],
  toilet: ['toilets', 'wc', 'restroom', '卫生间', '厕所', '洗手间'],
  air_conditioning: ['ac', 'aircon', 'air conditioning', 'air-conditioner', '空调', '冷气'],
  heating: ['heater', '暖气', '供暖', '取暖'],
  first_aid_kit: ['first aid', 'first-aid', 'medicine', '急救箱', '急救药箱', '医药箱', '药箱', '常用药品'],
  rest_seats: ['seats', 'seating', 'rest', 'chairs', '休息座椅', '座椅', '桌椅', '休息区'],
  wifi: ['wi-fi', 'wlan', 'internet', '无线网络', '无线网', 'WiFi'],
  books: ['book', 'reading', '图书', '书籍', '阅读', '书报'],
  tyre_pump: ['pump', 'air pump', 'tire pump', 'tyre', '打气筒', '打气', '充气'],
  lockers: ['locker', 'storage', '储物柜', '寄存', '储物'],
  umbrella: ['umbrellas', '雨伞', '爱心雨伞', '借伞'],
};

const key = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const BY_NAME = new Map<string, Amenity>();
for (const a of AMENITIES) {
  BY_NAME.set(key(a), a);
  BY_NAME.set(key(AMENITY_LABELS[a]['zh-CN']), a);
  BY_NAME.set(key(AMENITY_LABELS[a].en), a);
  for (const alias of ALIASES[a]) BY_NAME.set(key(alias), a);
}

/** The vocabulary code for a name, code, label or alias; undefined when unknown. */
export function amenityFromName(name: string): Amenity | undefined {
  return BY_NAME.get(key(name));
}

export function isAmenity(value: string): value is Amenity {
  return (AMENITIES as readonly string[]).includes(value);
}

/** Splits a cell or query value on Chinese and English list separators (not spaces: "drinking water"). */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；|/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Parses a list of amenity names into vocabulary codes in vocabulary order, de-duplicated; unknown names are
 * returned separately so the caller can say which ones.
 */
export function parseAmenities(names: readonly string[]): { amenities: Amenity[]; unknown: string[] } {
  const found = new Set<Amenity>();
  const unknown: string[] = [];
  for (const name of names) {
    const a = amenityFromName(name);
    if (a) found.add(a);
    else unknown.push(name);
  }
  return { amenities: sortAmenities([...found]), unknown };
}

export function sortAmenities(list: readonly Amenity[]): Amenity[] {
  return [...new Set(list)].sort((a, b) => AMENITIES.indexOf(a) - AMENITIES.indexOf(b));
}

/** A bit per amenity, so the geo index filters "has all of these" with one AND. */
export function amenityMask(list: readonly string[]): number {
  let mask = 0;
  for (const a of list) {
    const i = AMENITIES.indexOf(a as Amenity);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}
