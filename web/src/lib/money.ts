/**
 * Money arrives as integer fen; people read yuan with two decimals and thousands separators (¥8,000.00). Integer
 * maths only, so 0.1 + 0.2 never shows up on a payment.
 */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan typed by a person ("8000", "8,000.5", "￥8000.00") as fen, or null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const clean = text.replace(/[,，\s¥￥元]/g, '');
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(clean)) return null;
  const [whole = '0', cents = ''] = clean.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** Large totals for dashboards: 万元 in Chinese, thousands of yuan in English. */
export function formatWan(fen: number | null | undefined, lang: 'zh-CN' | 'en'): string {
  if (fen === null || fen === undefined) return '—';
  if (lang === 'en') return `¥${(fen / 100_000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k`;
  return `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
}
