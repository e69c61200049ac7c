/**
 * Free-text analysis for Chinese answers: word segmentation with the built-in Intl.Segmenter (ICU's dictionary
 * segmenter), a stop-word list, and counts of terms and two-word phrases by the number of answers that use them.
 */

/** Function words and survey filler that say nothing about the topic. */
export const STOP_WORDS = new Set(
  (
    '的 了 和 与 及 或 是 在 有 也 就 都 而 着 把 被 让 对 从 向 为 以 于 之 其 这 那 个 些 很 更 还 又 再 吧 吗 呢 啊 哦 ' +
    '我 你 他 她 它 我们 你们 他们 大家 自己 咱们 这个 那个 这些 那些 这样 那样 什么 怎么 如何 为什么 一个 一些 一下 一点 ' +
    '没有 不是 就是 还是 但是 因为 所以 如果 虽然 而且 并且 或者 以及 然后 可以 能够 能 会 要 想 应该 需要 希望 建议 ' +
    '觉得 认为 感觉 比较 非常 特别 十分 很多 太 最 较 等 等等 方面 问题 情况 进行 进一步 加强 提高 目前 现在 已经 ' +
    '没 不 无 暂无 无意见 没意见 挺 好 好的 无建议 一直 通过 相关 有关 对于 关于 the a an and of to in is are for'
  ).split(/\s+/),
);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The content words of a text, in order; `null` marks a break (punctuation or a stop word) between phrases. */
export function tokens(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const s of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    const w = s.segment.trim();
    const keep = s.isWordLike && w.length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w);
    if (keep) out.push(w);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

export interface TermCount {
  term: string;
  count: number;
}

const join = (a: string, b: string) => (/[a-z0-9]$/.test(a) && /^[a-z0-9]/.test(b) ? `${a} ${b}` : a + b);

/** Top terms and two-word phrases, each counted once per answer; ties broken by the term, so output is stable. */
export function analyseTexts(texts: string[], limit = 50) {
  return analyseWeighted(
    texts.map((text) => ({ text, count: 1 })),
    limit,
  );
}

/** The same over distinct texts with how many answers gave each (the database groups identical answers). */
export function analyseWeighted(
  items: { text: string; count: number }[],
  limit = 50,
): { terms: TermCount[]; phrases: TermCount[] } {
  const terms = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const { text, count } of items) {
    const seenT = new Set<string>();
    const seenP = new Set<string>();
    const ts = tokens(text);
    ts.forEach((t, i) => {
      if (t === null) return;
      seenT.add(t);
      const next = ts[i + 1];
      if (next) seenP.add(join(t, next));
    });
    for (const t of seenT) terms.set(t, (terms.get(t) ?? 0) + count);
    for (const p of seenP) phrases.set(p, (phrases.get(p) ?? 0) + count);
  }
  const top = (m: Map<string, number>, min: number) =>
    [...m]
      .filter(([, n]) => n >= min)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([term, count]) => ({ term, count }));
  return { terms: top(terms, 1), phrases: top(phrases, 2) };
}
