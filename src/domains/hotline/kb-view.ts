import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Lang } from '../../platform/i18n.ts';
import { parseCoverageRule } from '../aid/coverage-rule.ts';
import { findVersionOn } from '../aid/scheme.repository.ts';
import { coverageGuide } from './coverage-guide.ts';
import { answerCoverages, answerSchemes, findAnswer } from './kb.repository.ts';

/** An answer as the operator reads it, with each linked coverage's documents and steps from today's rule. */
export async function answerView(db: Database, id: string, lang: Lang, now: Date) {
  const a = await findAnswer(db, id);
  if (!a) return null;
  const today = shanghaiDay(now);
  const [links, schemes] = await Promise.all([answerCoverages(db, [id]), answerSchemes(db, id)]);
  const en = lang === 'en';
  const coverages = await Promise.all(
    links.map(async (c) => {
      const name = en ? c.nameEn || c.name : c.name;
      const version = await findVersionOn(db, c.id, today);
      const parsed = version ? parseCoverageRule(version.rule) : null;
      const guide = parsed?.ok ? coverageGuide(parsed.rule, name, lang) : null;
      return {
        id: c.id,
        code: c.code,
        name,
        scheme: { id: c.schemeId, code: c.schemeCode, name: en ? c.schemeNameEn || c.schemeName : c.schemeName },
        ruleEffectiveFrom: guide ? version!.effectiveFrom : null,
        benefit: guide?.benefit ?? null,
        filingWindow: guide?.filingWindow ?? null,
        documents: guide?.documents ?? [],
        exclusions: guide?.exclusions ?? [],
        filingSteps: guide?.filingSteps ?? [],
        precheckPath: `/aid/check?coverage=${encodeURIComponent(c.code)}`,
      };
    }),
  );
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    tags: a.tags,
    status: a.status,
    schemes: schemes.map((s) => ({ id: s.id, code: s.code, name: en ? s.nameEn || s.name : s.name })),
    coverages,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    updatedBy: a.updatedByName ?? null,
  };
}
