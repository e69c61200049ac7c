/**
 * What the operator reads out for a coverage: the benefit, the filing window, the documents (with the answer that
 * calls for a conditional one), the exclusions and the filing steps — all worded from the rule version in force, so a
 * knowledge-base answer never carries a copy that goes stale when the scheme changes. Pure.
 */

import type { Lang } from '../../platform/i18n.ts';
import type { CoverageRule } from '../aid/coverage-rule.ts';

const yuan = (fen: number) => {
  const y = fen / 100;
  return Number.isInteger(y) ? String(y) : y.toFixed(2);
};

export function benefitText(rule: CoverageRule, lang: Lang): string {
  const b = rule.benefit;
  if (b.kind === 'fixed') return lang === 'en' ? `${yuan(b.amountFen)} yuan` : `给付${yuan(b.amountFen)}元`;
  if (b.kind === 'percentOfLoss') {
    const floor = b.floorFen ? (lang === 'en' ? `, at least ${yuan(b.floorFen)}` : `，最低${yuan(b.floorFen)}元`) : '';
    return lang === 'en'
      ? `${b.percent}% of the assessed loss${floor}, at most ${yuan(b.capFen)} yuan`
      : `按核定损失的${b.percent}%给付${floor}，最高${yuan(b.capFen)}元`;
  }
  return lang === 'en'
    ? `${yuan(b.amountFenPerDay)} yuan a day, ${b.minDays}–${b.maxDays} days`
    : `每天${yuan(b.amountFenPerDay)}元，${b.minDays}天起付，最多${b.maxDays}天`;
}

export function filingWindowText(rule: CoverageRule, lang: Lang): string {
  const w = rule.filingWindow;
  if (w.kind === 'workingDays') {
    return lang === 'en' ? `within ${w.days} working days of the incident` : `事故发生之日起${w.days}个工作日内`;
  }
  const parts =
    lang === 'en'
      ? [w.years && `${w.years} year(s)`, w.months && `${w.months} month(s)`, w.days && `${w.days} day(s)`]
      : [w.years && `${w.years}年`, w.months && `${w.months}个月`, w.days && `${w.days}天`];
  const span = parts.filter(Boolean).join(lang === 'en' ? ' ' : '');
  return lang === 'en' ? `within ${span} of the incident` : `事故发生之日起${span}内`;
}

/** The words of the answer that makes a conditional document necessary: "是否殃及邻居…：是". */
function conditionText(rule: CoverageRule, when: { question: string; in: string[] } | undefined, lang: Lang) {
  if (!when) return null;
  const q = rule.questions.find((x) => x.code === when.question);
  if (!q) return null;
  const options = q.options.filter((o) => when.in.includes(o.value)).map((o) => o.label[lang]);
  return lang === 'en' ? `${q.label[lang]} ${options.join(' / ')}` : `${q.label[lang]}${options.join('或')}`;
}

export interface CoverageGuide {
  benefit: string;
  filingWindow: string;
  documents: { code: string; label: string; hint: string | null; condition: string | null }[];
  exclusions: string[];
  filingSteps: string[];
}

/** The guide for one coverage, in the reader's language. */
export function coverageGuide(rule: CoverageRule, coverageName: string, lang: Lang): CoverageGuide {
  const documents = rule.requiredDocuments.map((d) => ({
    code: d.code,
    label: d.label[lang],
    hint: d.hint?.[lang] ?? null,
    condition: conditionText(rule, d.when, lang),
  }));
  const window = filingWindowText(rule, lang);
  const always = documents.filter((d) => !d.condition).map((d) => d.label);
  const waiting =
    rule.waitingDays > 0
      ? lang === 'en'
        ? ` (incidents in the first ${rule.waitingDays} days of card cover are not covered)`
        : `（持卡保障开始后${rule.waitingDays}天内发生的事故不予保障）`
      : '';
  const filingSteps =
    lang === 'en'
      ? [
          `Check the member held an active mutual-aid service card on the incident date${waiting}.`,
          `Run the pre-check for "${coverageName}" to confirm eligibility and see the deadline.`,
          `Prepare the documents: ${always.join(', ')}${documents.length > always.length ? ', plus those that apply' : ''}.`,
          `File ${window} through the workplace union, or on the phone page (photos can be uploaded directly).`,
          'The workplace union checks completeness, the city federation decides; the member is notified by text message at each step.',
          'Once approved, the benefit is paid to the bank card linked to the mutual-aid service card.',
        ]
      : [
          `确认事故发生当日会员持有有效的会员互助服务卡${waiting}。`,
          `做“${coverageName}”申领预检，确认是否符合条件及申报截止日期。`,
          `准备材料：${always.join('、')}${documents.length > always.length ? '，以及适用情形所需的其他材料' : ''}。`,
          `在${window}，通过所在单位工会申报，或在手机端自行申报（可直接拍照上传材料）。`,
          '单位工会审核材料是否齐全，市总工会审批；每一步都会短信通知会员。',
          '审批通过后，互助金打入会员互助服务卡关联的银行卡。',
        ];
  return {
    benefit: benefitText(rule, lang),
    filingWindow: window,
    documents,
    exclusions: rule.exclusions.map((x) => x.label[lang]),
    filingSteps,
  };
}
