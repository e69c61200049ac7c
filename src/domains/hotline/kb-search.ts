/**
 * Knowledge-base search for the 12351 operator: Chinese words (Intl.Segmenter) plus character bigrams, because the
 * segmenter splits domain words like 水暖管 into single characters; staff-edited synonyms added to the query; pinyin
 * (full and initials, via pinyin-pro) for typing fast; ranked with BM25 over weighted fields. Pure and in memory:
 * the whole knowledge base is a few hundred answers, rebuilt when it changes (see kb.repository.ts).
 */
import { pinyin } from 'pinyin-pro';

export interface SearchDoc {
  id: string;
  title: string;
  body: string;
  tags: string[];
  /** Names of the linked coverages, searched like tags. */
  coverageNames: string[];
}

export type MatchKind = 'text' | 'synonym' | 'pinyin' | 'initials';

export interface SearchHit {
  id: string;
  score: number;
  matchedBy: MatchKind[];
  /** A query word found in the body, for the snippet. */
  firstTerm: string | null;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Function words and question forms that say nothing about the topic (whole segments or bigrams).
const STOP = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 么 我 我们 你 您 他 她 它 是 在 有 和 与 或 及 也 都 就 还 又 要 会 能 可 去 来 把 被 给 让 ' +
    '怎么 怎样 怎么办 么办 如何 什么 可以 能不 不能 请问 一下 这个 那个 这样 那样 还能 了能 了还 吗怎 想问'
  ).split(' '),
);

/** NFKC (full-width → half-width), lower case, whitespace folded. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Index terms of a text: `w:` segmenter words, `b:` CJK bigrams (a lone character as itself) and `a:` latin words.
 * Bigrams never cross a function word ("互助金怎么申请" gives 互助/助金 and 申请, not 金怎), so a question's
 * filler cannot make it match an answer that merely shares the filler.
 */
export function textTerms(text: string): string[] {
  const t = normalize(text);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) out.push(`b:${run[0]}`);
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run[i]}${run[i + 1]}`);
    run = [];
  };
  for (const s of segmenter.segment(t)) {
    const w = s.segment;
    const cjk = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/u.test(w);
    if (!s.isWordLike || STOP.has(w) || !cjk) flush();
    if (!s.isWordLike || STOP.has(w)) continue;
    if (/^[a-z0-9]+$/.test(w)) out.push(`a:${w}`);
    else if (cjk) {
      if (Array.from(w).length >= 2) out.push(`w:${w}`);
      run.push(...Array.from(w));
    }
  }
  flush();
  return out;
}

/** 水暖管 → { full: 'shuinuanguan', initials: 'sng' }; latin letters and digits are kept as they are. */
export function pinyinKeys(text: string): { full: string; initials: string } {
  const t = normalize(text).replace(/[^\p{L}\p{N}]/gu, '');
  if (!t) return { full: '', initials: '' };
  const full = pinyin(t, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  return {
    full: full.join('').toLowerCase(),
    initials: full
      .map((p) => p[0] ?? '')
      .join('')
      .toLowerCase(),
  };
}

/** A query of latin letters only (2–30) may be pinyin: "shuinuanguan", "sngbl", "hu zhu ka". */
export function pinyinQuery(query: string): string | null {
  const t = normalize(query).replace(/[\s']/g, '');
  return /^[a-z]{2,30}$/.test(t) ? t : null;
}

interface IndexedDoc {
  id: string;
  length: number;
  tf: Map<string, number>;
  /** Per synonym group the group's words found in the answer (to tell a synonym match from a literal one). */
  groupWords: Map<number, Set<string>>;
  keywords: { full: string; initials: string }[];
  titleKeys: { full: string; initials: string };
  body: string;
}

export interface SearchIndex {
  docs: IndexedDoc[];
  df: Map<string, number>;
  avgLength: number;
  synonyms: string[][];
}

const FIELD_WEIGHT = { title: 3, keyword: 2, body: 1 } as const;

const occurrences = (text: string, word: string) => {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
};

/**
 * Builds the index: field-weighted term frequencies, document frequencies and pinyin keys of titles and tags.
 * A synonym group is one concept term (`g:<n>`) counted wherever any of its words occurs, so "暖气管" in a question
 * finds "水暖管" in an answer as strongly as the word itself, without each synonym's bigrams inflating the score.
 */
export function buildIndex(docs: SearchDoc[], synonymGroups: string[][]): SearchIndex {
  const synonyms = synonymGroups
    .map((g) => [...new Set(g.map(normalize).filter(Boolean))])
    .filter((g) => g.length >= 2);
  const indexed: IndexedDoc[] = [];
  const df = new Map<string, number>();
  for (const d of docs) {
    const tf = new Map<string, number>();
    const groupWords = new Map<number, Set<string>>();
    const add = (text: string, weight: number) => {
      for (const term of textTerms(text)) tf.set(term, (tf.get(term) ?? 0) + weight);
      const t = normalize(text);
      synonyms.forEach((group, g) => {
        for (const word of group) {
          const n = occurrences(t, word);
          if (n === 0) continue;
          tf.set(`g:${g}`, (tf.get(`g:${g}`) ?? 0) + n * weight);
          groupWords.set(g, (groupWords.get(g) ?? new Set()).add(word));
        }
      });
    };
    add(d.title, FIELD_WEIGHT.title);
    for (const k of [...d.tags, ...d.coverageNames]) add(k, FIELD_WEIGHT.keyword);
    add(d.body, FIELD_WEIGHT.body);
    for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    // Pinyin keys come from the answer's own tags and title words (not the shared coverage name), so that an
    // initials lookup like "sngbl" points at the answer tagged 水暖管爆裂 rather than every answer of that coverage.
    const keywordTexts = [
      ...d.tags,
      ...Array.from(segmenter.segment(normalize(d.title)))
        .filter((s) => s.isWordLike && Array.from(s.segment).length >= 2)
        .map((s) => s.segment),
    ];
    indexed.push({
      id: d.id,
      length: [...tf.entries()].filter(([k]) => !k.startsWith('g:')).reduce((a, [, v]) => a + v, 0),
      tf,
      groupWords,
      keywords: keywordTexts.map(pinyinKeys).filter((k) => k.full.length > 0),
      titleKeys: pinyinKeys(d.title),
      body: normalize(d.body),
    });
  }
  const avgLength = indexed.length ? indexed.reduce((a, d) => a + d.length, 0) / indexed.length : 1;
  return { docs: indexed, df, avgLength, synonyms };
}

export interface QueryTerm {
  term: string;
  weight: number;
  kind: 'text' | 'synonym';
  /** For a synonym group: the words of the query that belong to it. */
  literal?: string[];
}

/** The query's own terms, plus one concept term per synonym group it mentions. */
export function queryTerms(index: Pick<SearchIndex, 'synonyms'>, query: string): QueryTerm[] {
  const q = normalize(query);
  const terms: QueryTerm[] = [...new Set(textTerms(q))].map((term) => ({ term, weight: 1, kind: 'text' }));
  index.synonyms.forEach((group, g) => {
    const literal = group.filter((w) => q.includes(w));
    if (literal.length) terms.push({ term: `g:${g}`, weight: 1, kind: 'synonym', literal });
  });
  return terms;
}

const K1 = 1.2;
const B = 0.75;
/** A pinyin match is strong evidence: a full-keyword match weighs about as much as a rare title word. */
const PINYIN_WEIGHT = 4;
/** Below this a "match" is only shared filler characters: the search counts as unanswered. */
export const MIN_SCORE = 1.5;

function pinyinScore(doc: IndexedDoc, p: string): { score: number; kind: MatchKind } | null {
  let best: { score: number; kind: MatchKind } | null = null;
  const consider = (score: number, kind: MatchKind) => {
    if (!best || score > best.score) best = { score, kind };
  };
  for (const k of doc.keywords) {
    if (k.full === p) consider(3, 'pinyin');
    else if (p.length >= 4 && k.full.startsWith(p)) consider(2, 'pinyin');
    if (p.length >= 2 && k.initials === p) consider(3, 'initials');
    else if (p.length >= 3 && k.initials.startsWith(p)) consider(1.5, 'initials');
  }
  if (p.length >= 5 && doc.titleKeys.full.includes(p)) consider(1.5, 'pinyin');
  if (p.length >= 3 && doc.titleKeys.initials.includes(p)) consider(1, 'initials');
  return best;
}

/** Ranks the documents for a query, best first; only hits scoring at least MIN_SCORE. */
export function search(index: SearchIndex, query: string, limit = 10): { hits: SearchHit[]; terms: string[] } {
  const terms = queryTerms(index, query);
  const p = pinyinQuery(query);
  const n = index.docs.length;
  const hits: SearchHit[] = [];
  for (const doc of index.docs) {
    let score = 0;
    const kinds = new Set<MatchKind>();
    let firstTerm: string | null = null;
    for (const qt of terms) {
      const tf = doc.tf.get(qt.term);
      if (!tf) continue;
      const df = index.df.get(qt.term) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += qt.weight * idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / index.avgLength)));
      if (qt.kind === 'text') kinds.add('text');
      else {
        const found = doc.groupWords.get(Number(qt.term.slice(2))) ?? new Set();
        kinds.add(qt.literal!.some((w) => found.has(w)) ? 'text' : 'synonym');
      }
      const word = qt.kind === 'text' ? qt.term.slice(2) : '';
      if (!firstTerm && word.length >= 2 && doc.body.includes(word)) firstTerm = word;
    }
    if (p) {
      const m = pinyinScore(doc, p);
      if (m) {
        score += m.score * PINYIN_WEIGHT;
        kinds.add(m.kind);
      }
    }
    if (score >= MIN_SCORE)
      hits.push({ id: doc.id, score: Math.round(score * 1000) / 1000, matchedBy: [...kinds], firstTerm });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const shown = terms.flatMap((t) =>
    t.kind === 'text' ? [t.term.slice(2)] : index.synonyms[Number(t.term.slice(2))]!,
  );
  if (p) shown.push(p);
  return { hits: hits.slice(0, limit), terms: [...new Set(shown)] };
}

/** The passage of the body around the first matched word, or its start. */
export function snippet(body: string, term: string | null, width = 60): string {
  const text = body.replace(/\s+/g, ' ').trim();
  const at = term ? normalize(text).indexOf(term) : -1;
  const chars = Array.from(text);
  if (at < 0 || chars.length <= width) return chars.length <= width ? text : `${chars.slice(0, width).join('')}…`;
  const start = Math.max(0, Array.from(text.slice(0, at)).length - 15);
  const part = chars.slice(start, start + width).join('');
  return `${start > 0 ? '…' : ''}${part}${start + width < chars.length ? '…' : ''}`;
}
