import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, launchBrowser, screenshot, signIn, withPage } from './helpers';

/**
 * 问卷调查 privacy end to end: 昌平区总工会 staff publish an anonymous survey to 昌平; 李静 (北京昌科电子有限公司工会)
 * and three workers through single-use links answer it, 4 responses in all. Below 5 responses the results page
 * withholds every figure: the question cards, the cross-tab by the respondent's union and the free-text analysis say
 * so (not that there is nothing). A link cut short says it cannot be used, as an unknown one does. On the seeded
 * 朝阳 survey the cross-tab's total row ends with the grand total.
 */

const RUN = randomUUID().slice(0, 6);
const TITLE = `通勤方式匿名小调查 ${RUN}`;
const CKDZ = '北京昌科电子有限公司工会';
const SEEDED = '新时代产业工人队伍建设调查问卷';

let browser: Browser;
let surveyId = '';
let token = '';

async function bearer(phone: string, password: string): Promise<{ authorization: string }> {
  const { token } = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone, password }),
  });
  return { authorization: `Bearer ${token}` };
}

const post = <T>(path: string, headers: Record<string, string>, body: unknown) =>
  apiJson<T>(path, { method: 'POST', headers, body: JSON.stringify(body) });

type Headers = Record<string, string>;

/** An anonymous commuting survey of 昌平区总工会, open now, to 昌平. */
async function publishCommuteSurvey(cp: Headers, title: string): Promise<string> {
  const { id } = await post<{ id: string }>('/api/v1/surveys', cp, {
    definition: {
      title,
      sections: [
        {
          id: 's1',
          title: '通勤',
          questions: [
            {
              id: 'q1',
              type: 'single',
              title: '您主要的通勤方式',
              required: true,
              options: [
                { id: 'o1', label: '自驾' },
                { id: 'o2', label: '公交' },
                { id: 'o3', label: '地铁' },
              ],
            },
            { id: 'q2', type: 'longtext', title: '您对通勤有什么建议？', required: true },
          ],
        },
      ],
    },
  });
  const unions = await apiJson<{ items: { id: string; code: string }[] }>('/api/v1/unions', { headers: cp });
  const changping = unions.items.find((u) => u.code === 'BJ-CP');
  assert.ok(changping, '昌平区总工会 is in the district staff tree');
  await post(`/api/v1/surveys/${id}/publish`, cp, {
    audienceUnionId: changping.id,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    anonymous: true,
  });
  return id;
}

/** 李静 answers 自驾; workers answer through single-use links (counted for 昌平区总工会). Returns one unused token. */
async function answer(id: string, cp: Headers, viaLinks: { q1: string; q2: string }[]): Promise<string> {
  const member = await bearer(DEMO.member.phone, DEMO.member.password);
  await post(`/api/v1/me/surveys/${id}/responses`, member, {
    answers: { q1: { optionId: 'o1' }, q2: '希望公司增加班车，早高峰太挤' },
    submissionKey: randomUUID(),
  });
  const links = await post<{ items: { token: string }[] }>(`/api/v1/surveys/${id}/links`, cp, {
    count: viaLinks.length + 1,
  });
  for (const [i, a] of viaLinks.entries()) {
    await post(
      `/api/v1/public/surveys/${links.items[i]!.token}/responses`,
      {},
      { answers: { q1: { optionId: a.q1 }, q2: a.q2 }, submissionKey: randomUUID() },
    );
  }
  return links.items.at(-1)!.token;
}

before(async () => {
  browser = await launchBrowser();
  const cp = await bearer(DEMO.districtChangping.phone, DEMO.districtChangping.password);
  surveyId = await publishCommuteSurvey(cp, TITLE);
  token = await answer(surveyId, cp, [
    { q1: 'o2', q2: '班车太少' },
    { q1: 'o3', q2: '地铁站离公司远' },
    { q1: 'o2', q2: '希望错峰上班' },
  ]);
});

after(async () => {
  await browser?.close();
});

/** The open tab's panel: the hidden ones are aria-hidden, which role queries leave out. */
const activePane = (page: Page) => page.getByRole('tabpanel');

describe('survey privacy', () => {
  test('4 anonymous responses: cards, cross-tab and free text all say the figures are withheld', async () => {
    await withPage(browser, 'desktop', 'survey-privacy-results', async (page) => {
      await signIn(page, DEMO.districtChangping.phone, DEMO.districtChangping.password);
      await page.goto(`/console/surveys/${surveyId}/results`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByTestId('responses-count').filter({ hasText: /^4$/ }).waitFor();
      await page.getByTestId('result-q1').getByText('答卷少于 5 份，结果不予显示。', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('answered-q1').count(), 0, 'a withheld card shows no "0 人作答"');

      await page.getByRole('tab', { name: '交叉分析' }).click();
      const crosstab = activePane(page);
      await crosstab.getByText('筛选后答卷少于 5 份，为保护答题人隐私，交叉分析不予显示。', { exact: true }).waitFor();
      assert.equal(await crosstab.getByText(CKDZ).count(), 0, 'the respondent’s union is not named');
      assert.equal(await crosstab.locator('.ant-table').count(), 0, 'no table');
      assert.equal(await page.getByTestId('chart-crosstab').count(), 0, 'no chart');
      await screenshot(page, 'survey-privacy-crosstab', { fullPage: false });

      await page.getByRole('tab', { name: '文字分析' }).click();
      const text = activePane(page);
      const withheld = '文字回答少于 5 份，为保护答题人隐私，结果不予显示。';
      await text.getByText(withheld, { exact: true }).first().waitFor();
      assert.equal(await text.getByText(withheld, { exact: true }).count(), 2, 'terms and phrases both say so');
      assert.equal(await text.getByText('暂无文字回答').count(), 0, 'not "no text answers"');
      assert.equal(await text.getByText(/\d+ 人作答/).count(), 0, 'no count beside it');
      assert.equal(await page.getByTestId('chart-terms').count(), 0);
      await screenshot(page, 'survey-privacy-text', { fullPage: false });
    });
  });

  test('7 responses: the union of 1 is withheld with the next smallest; the totals stay', async () => {
    const cp = await bearer(DEMO.districtChangping.phone, DEMO.districtChangping.password);
    const title = `通勤方式匿名调查（7 份） ${RUN}`;
    const id = await publishCommuteSurvey(cp, title);
    await answer(
      id,
      cp,
      ['o2', 'o2', 'o3', 'o1', 'o2', 'o3'].map((q1, i) => ({ q1, q2: `建议 ${i + 1}：增加班车` })),
    );
    await withPage(browser, 'desktop', 'survey-privacy-rows', async (page) => {
      await signIn(page, DEMO.districtChangping.phone, DEMO.districtChangping.password);
      await page.goto(`/console/surveys/${id}/results`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByTestId('responses-count').filter({ hasText: /^7$/ }).waitFor();
      await page.getByRole('tab', { name: '交叉分析' }).click();
      const pane = activePane(page);
      await pane.getByTestId('crosstab-grand-total').filter({ hasText: /^7$/ }).waitFor();
      for (const union of [CKDZ, '昌平区总工会']) {
        const row = pane.locator('tr').filter({ has: page.getByRole('cell', { name: union, exact: true }) });
        assert.equal(await row.getByText('不予显示', { exact: true }).count(), 4, `${union}: 3 cells and the total`);
      }
      const totals = pane
        .locator('tr')
        .filter({ has: page.getByText('合计', { exact: true }) })
        .last();
      assert.deepEqual(
        (await totals.locator('td').allTextContents()).map((x) => x.trim()),
        ['合计', '2', '3', '2', '7'],
      );
      await pane.getByText(/答卷少于 5 份的行不予显示/).waitFor();
      assert.equal(await page.getByTestId('chart-crosstab').count(), 0, 'no row left to draw');
      await screenshot(page, 'survey-privacy-rows', { fullPage: false });
    });
  });

  test('a link cut short, like an unknown one, says it cannot be used, with nothing to retry', async () => {
    await withPage(browser, 'phone', 'survey-privacy-link', async (page) => {
      for (const path of [`/q/${token.slice(0, 12)}`, `/q/${randomBytes(18).toString('base64url')}`]) {
        await page.goto(path);
        const card = page.getByTestId('survey-closed');
        await card.getByText('链接无法使用', { exact: true }).waitFor();
        await card.getByText('这个答题链接不存在或已经用过。每个链接只能提交一次答卷。', { exact: true }).waitFor();
        assert.equal(await page.getByRole('button', { name: '重试' }).count(), 0, `${path}: nothing to retry`);
        assert.equal(await page.getByText('提交的内容有误').count(), 0, `${path}: not a form error`);
      }
      await screenshot(page, 'survey-privacy-link-cut-short', { fullPage: false });
    });
  });

  test('the cross-tab of the seeded 朝阳 survey ends its total row with the grand total', async () => {
    const cy = await bearer(DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
    const list = await apiJson<{ items: { id: string; title: string }[] }>('/api/v1/surveys', { headers: cy });
    const seeded = list.items.find((s) => s.title === SEEDED);
    assert.ok(seeded, 'the seeded survey is listed');
    const survey = await apiJson<{
      definition: { sections: { questions: { id: string; type: string }[] }[] };
    }>(`/api/v1/surveys/${seeded.id}`, { headers: cy });
    const first = survey.definition.sections
      .flatMap((s) => s.questions)
      .find((q) => q.type === 'single' || q.type === 'multiple');
    assert.ok(first);
    const table = await apiJson<{ total: number | null; columnTotals: (number | null)[] }>(
      `/api/v1/surveys/${seeded.id}/crosstab?byUnion=true&colQuestion=${first.id}`,
      { headers: cy },
    );
    assert.ok(table.total !== null && table.total > 0);
    assert.equal(
      table.total,
      table.columnTotals.reduce<number>((a, b) => a + (b ?? 0), 0),
    );

    await withPage(browser, 'desktop', 'survey-privacy-grand-total', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.goto(`/console/surveys/${seeded.id}/results`);
      await page.getByRole('heading', { level: 1, name: SEEDED }).waitFor();
      await page.getByRole('tab', { name: '交叉分析' }).click();
      await page.locator('[data-testid="chart-crosstab"] canvas').first().waitFor();
      await page
        .getByTestId('crosstab-grand-total')
        .filter({ hasText: new RegExp(`^${table.total}$`) })
        .waitFor();
      await screenshot(page, 'survey-privacy-grand-total', { fullPage: false });
    });
  });
});
