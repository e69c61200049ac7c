/**
 * The burst-pipe story in real Chromium, on the real backend: 李静 asks "am I covered?", gives her consent, uploads
 * her documents from the phone (one upload fails and is retried), submits; her workplace union checks; the city
 * federation approves 8,000.00 yuan, pays it in a batch, downloads the bank file and uploads the bank's return; she
 * sees "paid". The incident is 20 days ago (the server uses the system clock; the window is 2 years).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { bankFileReferences, beijingDaysAgo, certificatePdf, damagePhotoPng, returnFileCsv } from './aid-fixtures';
import { DEMO } from './demo-accounts';
import { apiJson, launchBrowser, screenshot, signIn, withPage } from './helpers';

let browser: Browser;
let city: { authorization: string };
let samplePercent = 10;
const INCIDENT = beijingDaysAgo(20);
const ADDRESS = '北京市昌平区回龙观龙锦苑东五区 8 号楼 3 单元 602';
const claim = { id: '', no: '' };

const PNG = damagePhotoPng();
const PDF = certificatePdf(['Certificate of incident', 'Heating pipe burst, flat 602', 'Property manager (e2e)']);
const png = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: PDF });

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

before(async () => {
  browser = await launchBrowser();
  const login = await apiJson<{ token: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ phone: DEMO.cityStaff.phone, password: DEMO.cityStaff.password }),
  });
  city = { authorization: `Bearer ${login.token}` };
  // Random sampling would send 1 claim in 10 to a second reviewer: switch it off for a repeatable run, then restore.
  samplePercent = (await apiJson<{ samplePercent: number }>('/api/v1/aid/review-settings', { headers: city }))
    .samplePercent;
  await apiJson('/api/v1/aid/review-settings', {
    method: 'PUT',
    headers: city,
    body: JSON.stringify({ samplePercent: 0 }),
  });
});

after(async () => {
  if (city)
    await apiJson('/api/v1/aid/review-settings', {
      method: 'PUT',
      headers: city,
      body: JSON.stringify({ samplePercent }),
    });
  await browser?.close();
});

/** Every button, link and choice in the page's main area is at least 48 px tall, and nothing scrolls sideways. */
async function assertPhoneFriendly(page: Page, where: string) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main a, main button, main label.uc-choice, main .uc-pick, main input.uc-input')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el: (el.textContent ?? '').trim().slice(0, 20), h: el.getBoundingClientRect().height }))
      .filter((x) => x.h < 47.5),
  );
  assert.deepEqual(small, [], `${where}: tap targets under 48 px`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${where}: the page scrolls sideways by ${wide} px at 360 px`);
}

/** A full-page picture from the top (a sticky header would otherwise be drawn where the page was scrolled to). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function upload(page: Page, input: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const done = page.waitForResponse((r) => r.url().includes('/documents') && r.request().method() === 'POST');
  await page.getByTestId(input).setInputFiles(file);
  assert.equal((await done).status(), 201);
}

describe('mutual aid: the burst-pipe story', () => {
  test('the member checks she is covered, consents, uploads from her phone and submits', async () => {
    await withPage(browser, 'phone', 'aid-member-file', async (page) => {
      await page.setViewportSize({ width: 360, height: 780 });
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      await page.getByTestId('aid-entry').click();
      await page.waitForURL('**/aid');
      await page.getByRole('heading', { level: 1, name: '互助保障' }).waitFor();
      await shot(page, 'aid-member-home');

      // Am I covered? First as a tenant whose landlord owns the pipe: no, and why in plain words.
      await page.getByRole('link', { name: /我能申请吗/ }).click();
      await page.getByLabel('水暖管爆裂').check();
      await page.getByLabel('事故发生日期').fill(INCIDENT);
      await page.getByLabel('暖气管爆裂').check();
      await page.getByLabel('租住房屋，管道属房东').check();
      await page.getByLabel('管道老化、冻裂或压力异常').check();
      await page.getByLabel('否', { exact: true }).check();
      await page.getByLabel(/估计损失金额/).fill('23560');
      await page.getByRole('button', { name: '查看结果' }).click();
      const result = page.getByTestId('precheck-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-eligible'), 'false');
      assert.match(await text(result.getByTestId('precheck-reasons')), /租住房屋的管道属于房东/);
      await shot(page, 'aid-precheck-not-covered');

      // Her own flat: covered, the documents to prepare, the deadline and the estimate (half the loss, capped).
      await page.getByLabel('会员自有（或家庭）住房内的管道').check();
      await page.getByRole('button', { name: '查看结果' }).click();
      await result.and(page.locator('[data-eligible="true"]')).waitFor();
      assert.equal(await text(result.getByTestId('precheck-amount')), '¥8,000.00');
      const deadline = `${Number(INCIDENT.slice(0, 4)) + 2}${INCIDENT.slice(4)}`;
      assert.match(await text(result.getByTestId('precheck-deadline')), new RegExp(deadline));
      const docs = await result.getByTestId('precheck-documents').locator('li').allInnerTexts();
      assert.equal(docs.length, 5);
      assert.ok(docs.some((d) => d.includes('物业公司或社区居委会出具的事故证明')));
      await assertPhoneFriendly(page, 'pre-check');
      await result.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
      await screenshot(page, 'aid-precheck-covered', { fullPage: false });

      // Consent: a separate step, explicitly ticked, before anything sensitive is sent.
      await page.getByRole('button', { name: '立即申报' }).click();
      await page.waitForURL('**/aid/apply');
      await page.getByTestId('consent-text').waitFor();
      await page.getByRole('button', { name: '同意并继续' }).click();
      await page.getByText('请先勾选同意').waitFor();
      await shot(page, 'aid-apply-consent');
      await page.getByLabel('我已阅读并同意上述授权').check();
      await page.getByRole('button', { name: '同意并继续' }).click();
      await page.getByLabel('事故发生地址').fill(ADDRESS);
      await page.getByLabel(/事情经过/).fill('外出期间暖气管爆裂，各房间木地板泡水，殃及楼下住户。');
      assert.equal(await page.getByLabel('损失金额（元）').inputValue(), '23560');
      await page.getByRole('button', { name: '保存并继续' }).click();
      await page.waitForURL(/\/aid\/claims\/[0-9a-f-]{36}\/edit$/);
      claim.id = /claims\/([0-9a-f-]{36})/.exec(page.url())![1]!;

      // Two documents: the first upload is cut off by the network, then retried.
      let cut = false;
      await page.route('**/api/v1/aid/claims/*/documents', async (route) => {
        if (!cut) {
          cut = true;
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.getByTestId('camera-damagePhotos').setInputFiles(png('地板泡水.png'));
      const photos = page.getByTestId('slot-damagePhotos');
      await photos.getByText(/上传失败/).waitFor();
      await photos.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, 'aid-upload-failed', { fullPage: false });
      const retried = page.waitForResponse((r) => r.url().includes('/documents') && r.status() === 201);
      await photos.getByRole('button', { name: '重试' }).click();
      await retried;
      await page.unroute('**/api/v1/aid/claims/*/documents');
      await photos.and(page.locator('[data-uploaded="true"]')).waitFor();
      await upload(page, 'file-propertyCertificate', pdf('物业证明.pdf'));
      await page.getByTestId('slot-propertyCertificate').and(page.locator('[data-uploaded="true"]')).waitFor();

      // Submitting now is refused with the documents still missing, in words.
      await page.getByRole('button', { name: '提交申报' }).click();
      const refused = page.getByTestId('submit-refused');
      await refused.waitFor();
      assert.match(await text(refused), /缺少申报材料：维修及财产损失的发票或收据/);
      await shot(page, 'aid-submit-refused');

      await upload(page, 'file-repairInvoices', pdf('维修发票.pdf'));
      await upload(page, 'camera-idCard', png('身份证.png'));
      await upload(page, 'camera-aidCard', png('互助卡.png'));
      await page.getByText('材料已齐全，可以提交了。').waitFor();
      await assertPhoneFriendly(page, 'documents');
      await shot(page, 'aid-documents-complete');
      await page.getByRole('button', { name: '提交申报' }).click();
      await page.waitForURL(/\?submitted=1$/);
      await page.getByTestId('submitted-banner').waitFor();
      const status = page.getByTestId('claim-status').first();
      assert.equal(await status.getAttribute('data-status'), 'submitted');
      assert.equal(await text(status), '已提交');
      claim.no = await text(page.getByTestId('claim-no'));
      assert.match(claim.no, /^SB\d{4}-\d{6}$/);
      await assertPhoneFriendly(page, 'claim');
      await shot(page, 'aid-claim-submitted');
    });
  });

  test('her workplace union finds it in the check queue, sees documents beside the data, and checks it', async () => {
    assert.ok(claim.id, 'the member filed a claim');
    await withPage(browser, 'desktop', 'aid-workplace-check', async (page) => {
      await signIn(page, DEMO.workplaceStaff.phone, DEMO.workplaceStaff.password);
      await page.getByRole('menuitem', { name: /申报审核/ }).click();
      await page.getByRole('tab', { name: '单位工会审核', selected: true }).waitFor();
      const row = page.locator('.uc-aid-queue-table tr', { hasText: claim.no });
      await row.waitFor();
      assert.match(await text(row), /李静/);
      assert.match(await text(row), /0 个工作日/);
      await screenshot(page, 'aid-console-check-queue');

      await row.getByRole('button', { name: `查看申报 ${claim.no}` }).click();
      await page.getByRole('heading', { name: `申报 ${claim.no}` }).waitFor();
      const checks = page.getByTestId('claim-checks');
      await checks.getByText('全部通过').waitFor();
      assert.equal(await checks.locator('[data-passed="false"]').count(), 0);
      const viewer = page.getByTestId('document-viewer');
      await viewer.locator('img').waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector('[data-testid="document-frame"] img') as HTMLImageElement | null;
        return Boolean(img?.complete && img.naturalWidth === 320);
      });
      assert.equal(await viewer.locator('[data-uploaded="false"]').count(), 0);
      await screenshot(page, 'aid-console-review-check', { fullPage: false });
      // the certificate (a PDF) in the browser's own viewer, beside the data
      await viewer.getByRole('tab', { name: /物业公司或社区居委会出具的事故证明/ }).click();
      await viewer.locator('iframe').waitFor();
      await page.waitForTimeout(800);
      await screenshot(page, 'aid-console-review-pdf', { fullPage: false });

      await page.getByRole('button', { name: '审核通过' }).click();
      const modal = page.locator('.ant-modal').filter({ visible: true });
      await modal.getByLabel('核定损失金额（元）').waitFor();
      await modal.locator('.ant-modal-footer').getByRole('button', { name: '审核通过' }).click();
      await page.locator('[data-testid="review-page"][data-status="workplace_checked"]').waitFor();
    });
  });

  test('the city federation approves 8,000.00 yuan, pays it in a batch and reconciles the bank return', async () => {
    assert.ok(claim.id, 'the member filed a claim');
    await withPage(browser, 'desktop', 'aid-city-approve-pay', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      await page.getByRole('menuitem', { name: /申报审核/ }).click();
      await page.getByRole('tab', { name: '市总工会审批', selected: true }).waitFor();
      const row = page.locator('.uc-aid-queue-table tr', { hasText: claim.no });
      await row.getByRole('button', { name: `查看申报 ${claim.no}` }).click();
      await page.getByRole('heading', { name: `申报 ${claim.no}` }).waitFor();

      // A reason is required to reject: the form says so before anything is sent.
      await page.getByRole('button', { name: '不予批准' }).click();
      const modal = page.locator('.ant-modal').filter({ visible: true });
      await modal.locator('.ant-modal-footer').getByRole('button', { name: '不予批准' }).click();
      await modal.getByText('请填写理由，会员会看到').waitFor();
      await modal
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /^取\s*消$/ })
        .click();
      await modal.waitFor({ state: 'hidden' });

      await page
        .locator('.uc-review-actions')
        .getByRole('button', { name: /(^|\s)批\s*准$/ })
        .click();
      assert.equal(await modal.getByLabel('核定损失金额（元）').inputValue(), '23560.00');
      await modal.getByText('按规则测算的互助金：¥8,000.00').waitFor();
      await screenshot(page, 'aid-console-approve-modal', { fullPage: false });
      await modal
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /^批\s*准$/ })
        .click();
      await page.locator('[data-testid="review-page"][data-status="approved"]').waitFor();
      assert.equal(await text(page.getByTestId('approved-amount')), '¥8,000.00');
      await screenshot(page, 'aid-console-approved', { fullPage: false });

      // A batch from the approved claims, its bank file, and the bank's return marking every payment paid.
      await page.getByRole('menuitem', { name: /互助金发放/ }).click();
      await page.getByRole('button', { name: /新建发放批次/ }).click();
      const create = page.locator('.ant-modal', { hasText: '从已批准的申报新建发放批次' });
      await create.locator('tr', { hasText: claim.no }).waitFor();
      await page.waitForTimeout(400); // dialog animation
      await screenshot(page, 'aid-console-new-batch', { fullPage: false });
      await create.getByRole('button', { name: '创建批次' }).click();
      const detail = page.getByTestId('batch-detail');
      await detail.waitFor();
      const payoutRow = detail.locator('.uc-payouts-table tr', { hasText: '¥8,000.00' });
      await payoutRow.first().waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        detail.getByRole('button', { name: /下载银行文件（CSV）/ }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^PB.*\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      const references = bankFileReferences(csv);
      assert.ok(references.length >= 1, csv);
      assert.match(csv, /8000\.00/);

      const reconciled = page.waitForResponse((r) => r.url().endsWith('/reconciliation'));
      await detail.locator('input[type=file]').setInputFiles({
        name: '银行回盘.csv',
        mimeType: 'text/csv',
        buffer: returnFileCsv(references),
      });
      assert.equal((await reconciled).status(), 200);
      const report = page.getByTestId('reconcile-result');
      await report.waitFor();
      assert.match(await text(report), new RegExp(`成功 ${references.length} 笔，失败 0 笔`));
      await detail.locator('[data-status="reconciled"]').first().waitFor();
      assert.equal(await detail.locator('.uc-payouts-table [data-status="paid"]').count(), references.length);
      await page.waitForTimeout(400); // drawer animation
      await screenshot(page, 'aid-console-batch-reconciled', { fullPage: false });

      // The statistics include her payment: headline figures equal the API's totals since 2009-08.
      await page.keyboard.press('Escape');
      await page.getByRole('menuitem', { name: /保障统计/ }).click();
      const headline = page.getByTestId('stats-headline');
      await headline.getByText(/自 2009-08 以来/).waitFor();
      const totals = await apiJson<{ total: { beneficiaries: number; amountFen: number } }>('/api/v1/aid/stats', {
        headers: city,
      });
      await page.getByTestId('chart-year').locator('canvas').waitFor();
      const people = totals.total.beneficiaries.toLocaleString('zh-CN');
      const yuan = (totals.total.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
      await page.locator('[data-testid="headline-beneficiaries"]', { hasText: new RegExp(`^${people}$`) }).waitFor();
      assert.equal(await text(page.getByTestId('headline-amount')), `¥${yuan}`);
      assert.ok(totals.total.amountFen >= 800_000);
      await page.waitForTimeout(600); // chart animation
      await screenshot(page, 'aid-console-stats');
    });
  });

  test('the member sees her claim paid: 8,000.00 yuan and the date', async () => {
    assert.ok(claim.id, 'the member filed a claim');
    await withPage(browser, 'phone', 'aid-member-paid', async (page) => {
      await page.setViewportSize({ width: 360, height: 780 });
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      await page.goto('/aid');
      const item = page.locator(`[data-claim-no="${claim.no}"]`);
      await item.waitFor();
      assert.match(await text(item), /已发放/);
      assert.match(await text(item), /¥8,000\.00/);
      await item.click();
      await page.getByTestId('paid-box').waitFor();
      assert.equal(await page.getByTestId('claim-status').first().getAttribute('data-status'), 'paid');
      assert.equal(await text(page.getByTestId('paid-amount')), '¥8,000.00');
      assert.equal(await text(page.getByTestId('paid-on')), beijingDaysAgo(0));
      const history = await page
        .getByTestId('claim-history')
        .locator('li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      for (const action of ['consent', 'submit', 'check', 'approve', 'pay'])
        assert.ok(history.includes(action), action);
      await assertPhoneFriendly(page, 'paid claim');
      await shot(page, 'aid-claim-paid');

      // the same page in English
      await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
      await page.getByTestId('claim-status').first().getByText('Paid', { exact: true }).waitFor();
      await page.getByRole('heading', { name: 'Progress' }).waitFor();
      assert.equal(await text(page.getByTestId('paid-amount')), '¥8,000.00');
      await shot(page, 'aid-claim-paid-en');
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { name: '办理进度' }).waitFor();
    });
  });
});
