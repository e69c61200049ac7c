import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO } from './demo-accounts';
import { apiJson, BASE_URL, launchBrowser, screenshot, seriousViolations, signIn, withPage } from './helpers';

/**
 * 问卷调查 end to end: 朝阳区总工会 staff build a small survey (a single choice that opens a rating, and a text),
 * publish it to 朝阳区总工会 open now and make a single-use link (the demo member 李静 belongs to 昌平, outside the
 * audience); a worker answers through the link on a phone-sized screen; the results page then counts 1 response
 * and draws its charts.
 */

const RUN = randomUUID().slice(0, 6);
const TITLE = `驿站使用情况小调查 ${RUN}`;
const SUGGESTION = '希望驿站增加充电设施，饮水机经常坏';

let browser: Browser;
let surveyId = '';
let linkPath = '';

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function bearer(phone: string, password: string): Promise<{ authorization: string }> {
  const { token } = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone, password }),
  });
  return { authorization: `Bearer ${token}` };
}

const visibleModal = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

/** Opens an antd Select (by its accessible name, inside `scope`) and picks the option whose text matches. */
async function pick(page: Page, scope: Locator, label: string, option: RegExp): Promise<void> {
  await scope.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('surveys', () => {
  test('朝阳 staff build a survey with skip logic and publish it to 朝阳区总工会', async () => {
    await withPage(browser, 'desktop', 'survey-builder', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.getByRole('menuitem', { name: /问卷调查/ }).click();
      await page.getByRole('heading', { level: 1, name: '问卷调查' }).waitFor();
      await page.getByRole('link', { name: '新时代产业工人队伍建设调查问卷' }).first().waitFor();
      await screenshot(page, 'survey-console-list', { fullPage: false });
      await page.getByTestId('survey-new').click();
      await page.getByRole('heading', { level: 1, name: '新建问卷' }).waitFor();

      await page.getByTestId('builder-title').fill(TITLE);
      // q1: the single choice that opens the rating
      const q1 = page.getByTestId('builder-question-q1');
      await q1.getByTestId('q-title-q1').fill('您在工作中用过户外劳动者服务驿站吗？');
      await q1.getByTestId('opt-q1-0').fill('用过');
      await q1.getByTestId('opt-q1-1').fill('没用过');
      await q1.getByTestId('opt-q1-2').fill('不知道有驿站');

      // q2: a rating, shown only to those who used a station
      await page.getByTestId('add-question-s1').click();
      await page.getByTestId('add-rating').click();
      const q2 = page.getByTestId('builder-question-q2');
      await q2.getByTestId('q-title-q2').fill('您对驿站的整体满意度');
      await pick(page, q2, '当这道题', /q1/);
      await pick(page, q2, '选了以下任一选项时显示', /^用过$/);
      await page.keyboard.press('Escape');

      // q3: free text
      await page.getByTestId('add-question-s1').click();
      await page.getByTestId('add-text').click();
      const q3 = page.getByTestId('builder-question-q3');
      await q3.getByTestId('q-title-q3').fill('您对驿站有什么建议？');

      // the preview shows the skip logic as the member will see it
      await page.getByTestId('builder-preview').click();
      const preview = page.getByTestId('builder-preview-pane');
      await preview.getByText('您在工作中用过户外劳动者服务驿站吗？').waitFor();
      assert.equal(await preview.getByText('您对驿站的整体满意度').count(), 0, 'the rating waits for "用过"');
      await preview.getByRole('radio', { name: '用过', exact: true }).check();
      await preview.getByText('您对驿站的整体满意度').waitFor();
      await screenshot(page, 'survey-builder-preview', { fullPage: false });
      await page.locator('.ant-drawer-close').click();

      await page.getByTestId('builder-save').click();
      await page.waitForURL(/\/console\/surveys\/[0-9a-f-]{36}\/edit$/);
      surveyId = /surveys\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';
      await page.getByText(/已保存（第 1 版）/).waitFor();
      await page.getByTestId('builder-question-q3').waitFor();
      await screenshot(page, 'survey-builder');

      await page.getByTestId('builder-publish').click();
      const modal = visibleModal(page);
      await modal.getByText('朝阳区总工会').first().waitFor();
      await modal.getByLabel('匿名问卷').click(); // named, so a single response shows in the charts
      await modal.getByTestId('publish-ok').click();
      await page.getByText(/发布成功，状态：进行中/).waitFor();
      await page.getByTestId('survey-status').filter({ hasText: '进行中' }).waitFor();

      // a single-use link for a worker without an account
      await page.goto(`/console/surveys/${surveyId}/results`);
      await page.getByTestId('open-links').click();
      await visibleModal(page).getByTestId('links-create').click();
      const url = (await page.getByTestId('survey-link-url').first().textContent()) ?? '';
      linkPath = new URL(url).pathname;
      assert.match(linkPath, /^\/q\/[\w-]{16,}$/);
      const qr = await fetch(`${BASE_URL}${await page.locator('.uc-svl-qr').first().getAttribute('src')}`, {
        headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
      });
      assert.equal(qr.status, 200);
      assert.match(await qr.text(), /<svg/);
    });
    assert.ok(surveyId, 'the survey was saved');
  });

  test('a worker answers through the link on a phone: skip logic, messages, drafts, one submission', async () => {
    assert.ok(linkPath, 'the first test made a link');
    await withPage(browser, 'phone', 'survey-answer', async (page) => {
      await page.goto(linkPath);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      assert.equal(await page.getByTestId('save-state').getAttribute('data-state'), 'empty');

      // submitting with nothing answered shows the message next to the question and moves focus there
      await page.getByRole('button', { name: '提交答卷' }).click();
      const q1 = page.getByTestId('question-q1');
      await q1.getByText('此题必答，请作答').waitFor();
      assert.equal(await q1.getAttribute('aria-describedby'), 'q-q1-error');
      assert.deepEqual(await seriousViolations(page), [], 'no serious accessibility violation on the link page');

      assert.equal(await page.getByTestId('question-q2').count(), 0, 'the rating is hidden until "用过"');
      await page.getByRole('radio', { name: '没用过', exact: true }).check();
      assert.equal(await page.getByTestId('question-q2').count(), 0);
      await page.getByRole('radio', { name: '用过', exact: true }).check();
      await page.getByTestId('question-q2').waitFor();
      assert.equal(await page.getByText('此题必答，请作答').count(), 1, 'q1 is answered; the shown rating is not');

      await page.getByTestId('question-q2').getByRole('radio', { name: '4', exact: true }).check();
      await page.getByLabel(/您对驿站有什么建议/).fill(SUGGESTION);
      assert.match((await page.getByTestId('save-state').textContent()) ?? '', /本手机|服务器/);
      await page.locator('[data-testid="save-state"][data-state="server"]').waitFor({ timeout: 10_000 });
      assert.match((await page.getByTestId('save-state').textContent()) ?? '', /已保存到服务器 \d{2}:\d{2}/);
      await screenshot(page, 'survey-phone-answering');

      // the draft survives a reload of the page
      await page.reload();
      await page.getByRole('radio', { name: '用过', exact: true }).waitFor();
      assert.equal(await page.getByRole('radio', { name: '用过', exact: true }).isChecked(), true);
      assert.equal(await page.getByLabel(/您对驿站有什么建议/).inputValue(), SUGGESTION);

      await page.getByRole('button', { name: '提交答卷' }).click();
      await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
      await screenshot(page, 'survey-phone-thanks', { fullPage: false });

      // the link is spent: opening it again says so instead of offering the form
      await page.reload();
      await page.getByText('您已经提交过这份问卷，感谢参与。').waitFor();
    });
  });

  test('the staff results page shows the response and its charts', async () => {
    assert.ok(surveyId);
    await withPage(browser, 'desktop', 'survey-results', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.goto(`/console/surveys/${surveyId}/results`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByTestId('responses-count').filter({ hasText: /^1$/ }).waitFor();
      await page.locator('[data-testid="chart-q1"] canvas').first().waitFor();
      const q1 = page.getByTestId('result-q1');
      await q1.locator('tr').filter({ hasText: '用过' }).filter({ hasText: '100.0%' }).first().waitFor();
      await page.getByTestId('answered-q2').filter({ hasText: '1 人作答' }).waitFor();
      await screenshot(page, 'survey-results');

      await page.getByRole('tab', { name: '文字分析' }).click();
      await page.locator('[data-testid="chart-terms"] canvas').first().waitFor();
      await screenshot(page, 'survey-results-text', { fullPage: false });

      // the seeded 《新时代产业工人队伍建设调查问卷》 with its hundreds of responses, for a look at a full results page
      await page.goto('/console/surveys');
      await page.getByRole('link', { name: '新时代产业工人队伍建设调查问卷' }).first().click();
      await page.getByRole('heading', { level: 1, name: '新时代产业工人队伍建设调查问卷' }).waitFor();
      await page.locator('[data-testid="chart-q1"] canvas').first().waitFor();
      await screenshot(page, 'survey-results-seeded');
      await page.getByRole('tab', { name: '交叉分析' }).click();
      await page.locator('[data-testid="chart-crosstab"] canvas').first().waitFor();
      await screenshot(page, 'survey-results-crosstab', { fullPage: false });
      await page.getByRole('tab', { name: '文字分析' }).click();
      await page.locator('[data-testid="chart-terms"] canvas').first().waitFor();
      await page.locator('.uc-svr-terms .ant-tag').first().click();
      await page.getByTestId('term-answers').locator('mark').first().waitFor();
      await screenshot(page, 'survey-results-term-answers', { fullPage: false });
    });
  });

  test('a member answers from the home page; a lost signal keeps the answers on the phone', async () => {
    // 李静 (昌平) is in the audience of a survey that the city federation publishes to 北京市总工会
    const city = await bearer(DEMO.cityStaff.phone, DEMO.cityStaff.password);
    const title = `职工通勤方式调查 ${RUN}`;
    const { id } = await apiJson<{ id: string }>('/api/v1/surveys', {
      method: 'POST',
      headers: city,
      body: JSON.stringify({
        definition: {
          title,
          sections: [
            {
              id: 's1',
              title: '通勤',
              questions: [
                {
                  id: 'q1',
                  type: 'multiple',
                  title: '您上班常用哪些交通方式？',
                  required: true,
                  minPicks: 1,
                  maxPicks: 2,
                  options: [
                    { id: 'o1', label: '地铁' },
                    { id: 'o2', label: '公交' },
                    { id: 'o3', label: '骑行' },
                    { id: 'o4', label: '其他', other: true },
                  ],
                },
              ],
            },
            {
              id: 's2',
              title: '时间',
              questions: [
                {
                  id: 'q2',
                  type: 'number',
                  title: '单程通勤大约多少分钟？',
                  required: true,
                  range: { min: 0, max: 240 },
                },
              ],
            },
          ],
        },
      }),
    });
    const unions = await apiJson<{ items: { id: string; code: string }[] }>('/api/v1/unions', { headers: city });
    const bj = unions.items.find((u) => u.code === 'BJ');
    assert.ok(bj, 'the city federation is in the city staff tree');
    await apiJson(`/api/v1/surveys/${id}/publish`, {
      method: 'POST',
      headers: city,
      body: JSON.stringify({
        audienceUnionId: bj.id,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        anonymous: true,
      }),
    });

    await withPage(browser, 'phone', 'survey-member', async (page) => {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      const entry = page.getByTestId('surveys-entry');
      await entry.getByText(/\d+ 份问卷待填写/).waitFor();
      await entry.click();
      await page.getByRole('link', { name: new RegExp(title) }).waitFor();
      await screenshot(page, 'survey-member-list', { fullPage: false });
      await page.getByRole('link', { name: new RegExp(title) }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      // part 1 of 2: "next" checks the part; "other" asks for words
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByTestId('question-q1').getByText('此题必答，请作答').waitFor();
      await page.getByRole('checkbox', { name: '地铁' }).check();
      await page.getByRole('checkbox', { name: '其他' }).check();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('请填写“其他”的具体内容').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'no serious accessibility violation with messages shown');
      await page.getByLabel('请注明').fill('班车');
      await page.locator('[data-testid="save-state"][data-state="server"]').waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('第 2 / 2 部分', { exact: false }).waitFor();

      // the signal drops: the answer stays on the phone, and says so; back online it reaches the server by itself
      await page.context().setOffline(true);
      await page.getByLabel(/单程通勤大约多少分钟/).fill('45');
      await page.locator('[data-testid="save-state"][data-state="offline"]').waitFor({ timeout: 10_000 });
      assert.match((await page.getByTestId('save-state').textContent()) ?? '', /只保存在本手机/);
      await screenshot(page, 'survey-member-offline', { fullPage: false });
      await page.context().setOffline(false);
      await page.locator('[data-testid="save-state"][data-state="server"]').waitFor({ timeout: 10_000 });
      const draft = await page.evaluate(
        (surveyId) => fetch(`/api/v1/me/surveys/${surveyId}`).then((r) => r.json()),
        id,
      );
      assert.equal(draft.draft.q2, 45, 'the server has the number typed while offline');

      // the submission reaches the server but its answer is lost on the way back: the retry sends the same key,
      // and the server answers with the first response instead of refusing or counting a second one
      let sent = 0;
      await page.route(
        '**/api/v1/me/surveys/*/responses',
        async (route) => {
          sent++;
          await route.fetch();
          await route.abort('internetdisconnected');
        },
        { times: 1 },
      );
      await page.getByRole('button', { name: '提交答卷' }).click();
      await page
        .getByRole('alert')
        .getByText(/网络不通，答卷没有发出去/)
        .waitFor();
      assert.equal(sent, 1);
      await page.getByRole('button', { name: '提交答卷' }).click();
      await page.getByRole('heading', { name: '感谢您的参与！' }).waitFor();
      await page.getByText('本问卷为匿名问卷，您的答卷不与您的身份关联。').waitFor();
      await page.getByRole('link', { name: '返回问卷列表' }).last().click();
      await page.getByTestId('survey-item').filter({ hasText: title }).getByText('已提交').waitFor();
    });
    const results = await apiJson<{ responses: number }>(`/api/v1/surveys/${id}/results`, { headers: city });
    assert.equal(results.responses, 1);
  });
});
