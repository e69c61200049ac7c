import { idCheckCharacter } from '../domains/unions/id-number.ts';

/** A small deterministic PRNG (mulberry32) so demo data is the same on every machine. */
export function prng(seed: number) {
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
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Prng = ReturnType<typeof prng>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅文斌宇浩凯欣怡佳琪子轩雨涵思远晨阳海燕志刚立新春生秋菊冬梅';

export function chineseName(r: Prng): string {
  const given = r.next() < 0.6 ? r.pick([...GIVEN]) + r.pick([...GIVEN]) : r.pick([...GIVEN]);
  return r.pick([...SURNAMES]) + given;
}

/** A valid 18-character resident ID for someone born in `regionCode`. */
export function idNumberFor(
  r: Prng,
  regionCode: string,
  birth: { year: number; month: number; day: number },
  gender?: 'male' | 'female',
): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let seq = r.int(1, 999);
  if (gender === 'male' && seq % 2 === 0) seq = seq === 999 ? 997 : seq + 1;
  if (gender === 'female' && seq % 2 === 1) seq = seq === 999 ? 998 : seq + 1;
  const first17 = `${regionCode}${birth.year}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(seq, 3)}`;
  return first17 + idCheckCharacter(first17);
}

export function randomBirth(r: Prng, fromYear = 1966, toYear = 2002) {
  return { year: r.int(fromYear, toYear), month: r.int(1, 12), day: r.int(1, 28) };
}

export function mobilePhone(r: Prng): string {
  return `1${r.pick(['35', '36', '37', '38', '39', '50', '51', '58', '86', '87'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A bank card number with a valid Luhn check digit (UnionPay cards start with 62). */
export function bankCardNumber(r: Prng): string {
  let body = `622202${String(r.int(0, 999_999)).padStart(6, '0')}${String(r.int(0, 999_999)).padStart(6, '0')}`;
  body = body.slice(0, 18);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
