/**
 * The 12351 hotline in real Chromium, on the real backend: an operator of the city federation takes 李静's call,
 * finds the burst-pipe answer by typing her words ("暖气管爆了"), reads her the documents, runs the pre-check on her
 * behalf, drafts her claim and ends the call. Then 李静 on her phone: the article list, the burst-pipe article, and
 * its button that opens her own pre-check. Also the knowledge-base, article and report pages of the console.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO, DEMO_MEMBER_NAME } from './demo-accounts';
import { launchBrowser, screenshot, signIn, withPage } from './helpers';

let browser: Browser;
/** The federation's burst-pipe article of the demo (seeded by the hotline domain). */
const ARTICLE = /暖气管、水管爆/;

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

/**
 * An incident date in a calendar year before the one of "20 days ago" (the aid story test files its claim then, and
 * the burst-pipe coverage pays once a calendar year), still inside the two-year filing window.
 */
function incidentDate(): string {
  const shanghai = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
  const year = Number(shanghai(Date.now() - 20 * 864e5).slice(0, 4)) - 1;
  return `${year}-03-15`;
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

describe('12351 hotline: the operator answers a burst-pipe call', () => {
  test('identify the caller, find the answer, pre-check, start her claim, end the call', async () => {
    await withPage(browser, 'desktop', 'hotline-operator', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.goto('/console/hotline');
      const phone = page.getByTestId('caller-phone');
      await phone.waitFor();
      assert.ok(await phone.evaluate((el) => el === document.activeElement), 'the phone box has the focus');
      await shot(page, 'hotline-operator-idle');

      // The caller's number, Enter: her masked record, her union, her card; the timer runs; the search has the focus.
      await phone.fill(DEMO.member.phone);
      await phone.press('Enter');
      const card = page.getByTestId('caller-card');
      await card.waitFor();
      assert.equal(await text(card.getByTestId('caller-name')), DEMO_MEMBER_NAME);
      assert.match(await text(card.getByTestId('caller-union')), /昌科电子/);
      assert.equal(await text(card.getByTestId('card-covers-today')), '今日有效');
      assert.doesNotMatch(await text(card), /\d{17}[\dX]/, 'no full ID number on screen');
      const search = page.getByTestId('kb-search');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'kb-search');
      const timer = page.getByTestId('call-timer');
      const before = await text(timer);
      await page.waitForFunction(
        (start) => document.querySelector('[data-testid="call-timer"]')?.textContent !== start,
        before,
        { timeout: 3000 },
      );

      // Her words, as she says them: the burst-pipe answer comes first; Enter opens it.
      await search.pressSequentially('暖气管爆了', { delay: 30 });
      const first = page.getByTestId('kb-result').first();
      await first.waitFor();
      assert.match(await text(first), /暖气管|水管|水暖管/);
      await search.press('Enter');
      const answer = page.getByTestId('answer-view');
      await answer.waitFor();
      const docs = await answer.getByTestId('required-documents').locator('li').allInnerTexts();
      assert.ok(
        docs.some((d) => d.includes('物业公司或社区居委会出具的事故证明')),
        `documents: ${docs.join(' | ')}`,
      );
      assert.ok(docs.some((d) => d.includes('维修及财产损失的发票或收据')));
      await shot(page, 'hotline-operator-answer');

      // Enter again: "given to caller" (the button took the focus); the consultation records it.
      const give = page.getByTestId('give-answer');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'give-answer');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="give-answer"]');
        return button?.disabled && button.textContent?.includes('已告知');
      });
      assert.equal(await give.isDisabled(), true);

      // The pre-check for her, on the coverage of the answer: her own flat, a heating pipe, ageing; eligible.
      const precheck = page.getByTestId('caller-precheck');
      await precheck.getByTestId('precheck-date').fill(incidentDate());
      await precheck.getByText('暖气管爆裂', { exact: true }).click();
      await precheck.getByText('会员自有（或家庭）住房内的管道').click();
      await precheck.getByText('管道老化、冻裂或压力异常').click();
      await precheck.getByText('是', { exact: true }).click();
      await precheck.getByTestId('precheck-loss').fill('23560');
      await precheck.getByTestId('run-precheck').click();
      const verdict = precheck.getByTestId('precheck-verdict');
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-eligible'), 'true', await text(verdict));
      assert.match(await text(verdict), /8,000\.00/);

      // Start her claim: a draft in her name, with the address she gives on the phone.
      await precheck.getByTestId('start-claim').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('claim-address').fill('北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602');
      await dialog
        .getByTestId('claim-description')
        .fill('外地休产假期间家中暖气管爆裂，地板浸泡，殃及楼下住户和电梯。');
      await shot(page, 'hotline-operator-start-claim');
      await dialog.getByRole('button', { name: '创建申报草稿' }).click();
      const started = page.getByTestId('claim-started');
      await started.waitFor();
      assert.match(await text(started), /已创建申报草稿 \S+（水暖管爆裂）/);
      await shot(page, 'hotline-operator-claim-started');

      // End the call: the outcome follows what happened (a claim was started); duration and feedback link shown.
      assert.match(await text(page.getByTestId('call-bar').locator('.ant-radio-button-wrapper-checked')), /互助保障/);
      await page.getByTestId('end-call').click();
      const ended = page.getByTestId('call-ended');
      await ended.waitFor();
      assert.match(await text(ended), /通话已结束：时长 \d+:\d\d，已代为发起申报/);
      // the list of today's calls follows (it is fetched again after the call ends)
      const row = page
        .getByTestId('today-consultations')
        .locator('tbody tr', { hasText: DEMO_MEMBER_NAME })
        .filter({ hasText: '已代为发起申报' });
      await row.first().waitFor();
      await shot(page, 'hotline-operator-ended');
      const feedbackUrl = await text(ended.locator('code'));
      assert.match(feedbackUrl, /\/feedback\/hotline\/\S+$/);

      // The caller rates the call from the link in her text message: on a phone, without signing in, once.
      await withPage(browser, 'phone', 'hotline-feedback', async (phone) => {
        await phone.goto(feedbackUrl);
        await phone.getByRole('button', { name: '提交评价' }).click();
        await phone.getByRole('alert').waitFor(); // no score chosen yet
        await phone.getByLabel(/5 分/).check();
        await phone.getByLabel('还想说的（选填）').fill('接线员讲得很清楚，谢谢！');
        await shot(phone, 'hotline-feedback');
        await phone.getByRole('button', { name: '提交评价' }).click();
        await phone.getByTestId('feedback-done').waitFor();
        await phone.reload();
        assert.match(await text(phone.getByTestId('feedback-gone')), /已经评价过/);
      });

      // Next call: everything cleared, the phone box has the focus again.
      await page.getByTestId('next-call').click();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'caller-phone');
      assert.equal(await page.getByTestId('caller-card').count(), 0);
    });
  });

  test('the knowledge base, article editor and reports open for the city federation', async () => {
    await withPage(browser, 'desktop', 'hotline-console-pages', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.goto('/console/kb');
      await page.getByTestId('kb-answers').locator('tbody tr').first().waitFor();
      await page.getByRole('tab', { name: '同义词' }).click();
      await page.getByTestId('synonyms').getByText('暖气管', { exact: true }).first().waitFor();
      await shot(page, 'hotline-kb-synonyms');
      await page.getByRole('tab', { name: '答案' }).click();
      await page.getByRole('button', { name: /家里暖气管、自来水管爆裂/ }).click();
      const drawer = page.locator('.ant-drawer-open');
      await drawer.getByTestId('coverage-guide').first().waitFor();
      await screenshot(page, 'hotline-kb-edit', { fullPage: false });
      await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();

      await page.goto('/console/articles');
      const row = page.getByTestId('articles-table').locator('tbody tr', { hasText: ARTICLE });
      await row.waitFor();
      assert.match(await text(row), /已发布/);
      await row.getByRole('button', { name: ARTICLE }).click();
      // the sanitised HTML of the article is loaded into the editor, headings and all
      await page.getByTestId('article-editor').locator('h2', { hasText: '先做这三件事' }).waitFor();
      await screenshot(page, 'hotline-article-edit', { fullPage: false });
      await page.locator('.ant-drawer-open .ant-drawer-close').click();

      // A new article for 昌平: typed in the editor (bold from the toolbar), with markup that must not survive.
      await page.getByRole('button', { name: /写文章/ }).click();
      const editor = page.locator('.ant-drawer-open');
      await editor.getByLabel('标题', { exact: true }).fill(`暖气片漏水也能申请吗（${Date.now() % 100000}）`);
      await editor.getByLabel('发布单位').fill('昌平区总工会');
      await editor.getByLabel('推送范围').click();
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '昌平区总工会' }).click();
      const body = editor.getByTestId('article-editor');
      await body.click();
      await editor.getByRole('button', { name: '加粗' }).click();
      await page.keyboard.type('先拍照，');
      await editor.getByRole('button', { name: '加粗' }).click();
      await page.keyboard.type('再找物业开证明。');
      assert.equal(await text(body.locator('b, strong').first()), '先拍照，');
      await body.evaluate((el) => {
        el.insertAdjacentHTML('beforeend', '<p onclick="alert(1)">点这里</p><script>alert(1)</script>');
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await editor
        .getByRole('button', { name: '保 存' })
        .or(editor.getByRole('button', { name: '保存' }))
        .click();
      await page
        .getByText(/保存时已去除不安全或不支持的内容/)
        .first()
        .waitFor();
      assert.equal(await body.locator('script').count(), 0);
      assert.equal(await body.locator('[onclick]').count(), 0);
      assert.equal(await text(body.locator('strong, b').first()), '先拍照，');
      await editor.getByTestId('publish-article').click();
      await editor.getByText('已发布', { exact: true }).waitFor();
      await screenshot(page, 'hotline-article-new', { fullPage: false });
      await page.locator('.ant-drawer-open .ant-drawer-close').click();
      await page
        .getByTestId('articles-table')
        .getByText(/暖气片漏水也能申请吗/)
        .waitFor();

      await page.goto('/console/hotline/reports');
      await page.getByTestId('hotline-kpis').waitFor();
      await page.getByTestId('unanswered').waitFor();
      await shot(page, 'hotline-reports');
    });
  });
});

describe('publicity: the member reads the burst-pipe article on her phone', () => {
  test('article list → the burst-pipe article → its button opens her pre-check', async () => {
    await withPage(browser, 'phone', 'hotline-member-article', async (page) => {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      const latest = page.getByTestId('latest-articles');
      await latest.waitFor();
      await shot(page, 'hotline-member-home');
      assert.ok((await latest.getByTestId('article-card').count()) <= 3);
      await latest.getByRole('link', { name: '全部文章' }).click();
      await page.waitForURL('**/articles');
      // the list itself (the home page's cards stay on screen while the list's code loads)
      const card = page.getByTestId('article-list').getByTestId('article-card').filter({ hasText: ARTICLE });
      await card.waitFor();
      await shot(page, 'hotline-member-articles');

      await card.click();
      await page.waitForURL(/\/articles\/[0-9a-f-]{36}$/);
      const article = page.getByTestId('article');
      await article.waitFor();
      assert.match(await text(article.getByRole('heading', { level: 1 })), ARTICLE);
      const size = await article
        .locator('.uc-art-body')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 18, `body text is ${size}px`);
      assert.equal(await article.locator('script').count(), 0);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 0, `the article scrolls sideways by ${wide}px`);
      await shot(page, 'hotline-member-article');

      await page.getByTestId('article-cta').click();
      await page.waitForURL('**/aid/check');
      assert.equal(await page.getByLabel('水暖管爆裂').isChecked(), true, 'the coverage of the article is chosen');
      await shot(page, 'hotline-member-article-precheck');
    });
  });
});
