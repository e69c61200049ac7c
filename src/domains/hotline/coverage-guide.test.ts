import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CoverageRule } from '../aid/coverage-rule.ts';
import { ACCIDENT_HOSPITAL_RULE, PIPE_BURST_RULE } from '../aid/demo-scheme.ts';
import { benefitText, coverageGuide, filingWindowText } from './coverage-guide.ts';

describe('coverage guide (from the rule, never retyped)', () => {
  test('burst pipe in Chinese: benefit, window, conditional document, steps', () => {
    const g = coverageGuide(PIPE_BURST_RULE, '水暖管爆裂', 'zh-CN');
    assert.equal(g.benefit, '按核定损失的50%给付，最低500元，最高8000元');
    assert.equal(g.filingWindow, '事故发生之日起2年内');
    assert.deepEqual(
      g.documents.map((d) => d.code),
      PIPE_BURST_RULE.requiredDocuments.map((d) => d.code),
    );
    const neighbour = g.documents.find((d) => d.code === 'neighbourCompensation')!;
    assert.match(neighbour.condition!, /殃及邻居.*是/);
    assert.equal(g.documents.find((d) => d.code === 'damagePhotos')!.condition, null);
    assert.ok(
      g.filingSteps.some((s) => s.includes('30天')),
      'the waiting period',
    );
    assert.ok(g.filingSteps.some((s) => s.includes('事故发生之日起2年内')));
    assert.equal(g.exclusions.length, PIPE_BURST_RULE.exclusions.length);
  });

  test('English, per-day and working-day rules', () => {
    assert.match(benefitText(ACCIDENT_HOSPITAL_RULE, 'en'), /a day/);
    const rule: CoverageRule = { ...PIPE_BURST_RULE, filingWindow: { kind: 'workingDays', days: 30 }, waitingDays: 0 };
    assert.equal(filingWindowText(rule, 'zh-CN'), '事故发生之日起30个工作日内');
    assert.equal(filingWindowText(rule, 'en'), 'within 30 working days of the incident');
    assert.ok(!coverageGuide(rule, 'Burst pipe', 'en').filingSteps[0]!.includes('first'));
    assert.equal(benefitText({ ...rule, benefit: { kind: 'fixed', amountFen: 50_050 } }, 'zh-CN'), '给付500.50元');
  });
});
