/**
 * Checklists and inspection scores. A checklist is configuration (items with weights, a pass score); an inspection
 * answers every item with ok / not ok, and its score is the weighted share of items found ok, 0–100, rounded.
 * Pure: no Fastify, no Kysely.
 */
import type { Localized } from '../../platform/i18n.ts';
import type { ChecklistItem, ItemResult } from './inspection.table.ts';

export interface Issue {
  field: string;
  message: Localized;
}

export const ITEM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_ITEMS = 40;

/** Items need distinct keys and positive whole weights; the pass score is a share (0–100) of the total weight. */
export function checklistIssues(items: readonly ChecklistItem[], passScore: number, prefix = 'body'): Issue[] {
  const issues: Issue[] = [];
  if (items.length === 0 || items.length > MAX_ITEMS) {
    issues.push({
      field: `${prefix}.items`,
      message: { 'zh-CN': `检查项须为 1–${MAX_ITEMS} 项`, en: `give 1–${MAX_ITEMS} items` },
    });
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!ITEM_KEY.test(item.key)) {
      issues.push({
        field: `${prefix}.items.${i}.key`,
        message: { 'zh-CN': '编号只能用小写字母、数字和下划线', en: 'use lower-case letters, digits and _' },
      });
    } else if (seen.has(item.key)) {
      issues.push({ field: `${prefix}.items.${i}.key`, message: { 'zh-CN': '编号重复', en: 'duplicate key' } });
    }
    seen.add(item.key);
    if (!Number.isInteger(item.weight) || item.weight < 1 || item.weight > 100) {
      issues.push({
        field: `${prefix}.items.${i}.weight`,
        message: { 'zh-CN': '权重须为 1–100 的整数', en: 'weight must be a whole number 1–100' },
      });
    }
    if (!item.label.trim()) {
      issues.push({ field: `${prefix}.items.${i}.label`, message: { 'zh-CN': '请填写检查项', en: 'required' } });
    }
  });
  if (!Number.isInteger(passScore) || passScore < 0 || passScore > 100) {
    issues.push({ field: `${prefix}.passScore`, message: { 'zh-CN': '合格分须为 0–100', en: 'must be 0–100' } });
  }
  return issues;
}

export type Scored = { ok: true; score: number; results: ItemResult[] } | { ok: false; issues: Issue[] };

/**
 * Scores answers against a checklist. Every item must be answered exactly once (an unanswered item is not a silent
 * "not ok": the inspector must say so), answers to unknown keys are refused; results come back in checklist order.
 */
export function scoreInspection(
  items: readonly ChecklistItem[],
  answers: readonly ItemResult[],
  prefix = 'body.results',
): Scored {
  const issues: Issue[] = [];
  const byKey = new Map<string, ItemResult>();
  answers.forEach((a, i) => {
    if (!items.some((it) => it.key === a.key)) {
      issues.push({ field: `${prefix}.${i}.key`, message: { 'zh-CN': '不在检查表中', en: 'not on the checklist' } });
    } else if (byKey.has(a.key)) {
      issues.push({ field: `${prefix}.${i}.key`, message: { 'zh-CN': '重复作答', en: 'answered twice' } });
    }
    byKey.set(a.key, a);
  });
  for (const item of items) {
    if (!byKey.has(item.key)) {
      issues.push({
        field: `${prefix}.${item.key}`,
        message: { 'zh-CN': `未检查：${item.label}`, en: `not answered: ${item.key}` },
      });
    }
  }
  if (issues.length) return { ok: false, issues };
  const total = items.reduce((s, it) => s + it.weight, 0);
  const okWeight = items.reduce((s, it) => s + (byKey.get(it.key)!.ok ? it.weight : 0), 0);
  const results = items.map((it) => {
    const a = byKey.get(it.key)!;
    return a.note?.trim() ? { key: it.key, ok: a.ok, note: a.note.trim() } : { key: it.key, ok: a.ok };
  });
  return { ok: true, score: total ? Math.round((100 * okWeight) / total) : 0, results };
}
