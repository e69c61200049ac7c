import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO, DEMO_MEMBER_NAME } from './demo-accounts';
import { launchBrowser, screenshot, signIn, withPage } from './helpers';

let browser: Browser;

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Waits until the antd member table has settled (no spinner) and returns the names in its rows. */
async function tableNames(page: Page): Promise<string[]> {
  const table = page.locator('.uc-members-table');
  await table.waitFor();
  await page.waitForFunction(() => !document.querySelector('.uc-members-table .ant-spin-spinning'));
  return table.locator('tbody tr.ant-table-row .uc-member-name').allInnerTexts();
}

async function searchMembers(page: Page, text: string): Promise<string[]> {
  const box = page.getByLabel(/搜索会员|Search members/);
  await box.fill(text);
  const settled = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && r.url().includes('q='));
  await box.press('Enter');
  await settled;
  return tableNames(page);
}

/** A valid 18-character resident ID (GB 11643 check character) for the given region and birth date. */
function idNumber(region: string, birth: string, seq: string): string {
  const body = `${region}${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

describe('sign-in and the first pages', () => {
  test('a member signs in and sees their name, card status and a masked ID', async () => {
    await withPage(browser, 'phone', 'member-home', async (page) => {
      await signIn(page, DEMO.member.phone, DEMO.member.password);
      assert.equal(new URL(page.url()).pathname, '/');
      await page.getByRole('heading', { level: 1, name: new RegExp(DEMO_MEMBER_NAME) }).waitFor();

      const card = page.getByTestId('aid-card').first();
      await card.waitFor();
      const badge = card.locator('.uc-badge');
      const status = await badge.getAttribute('data-status');
      assert.ok(status && ['active', 'suspended', 'cancelled'].includes(status), `card status ${status}`);
      // status is told in words (and an icon), not by colour alone
      assert.match(await text(badge), /有效|已暂停|已注销/);
      assert.equal(await badge.locator('svg').count(), 1);

      const id = await text(page.getByTestId('id-number'));
      assert.match(id, /^\d{6}\*{8}\d{3}[\dX]$/, `ID shown as ${id}`);
      // no full 18-character ID number anywhere on the page
      assert.doesNotMatch(await text(page.locator('body')), /\b\d{17}[\dX]\b/);

      await screenshot(page, 'member-home');
    });
  });

  test('district staff of 朝阳区 sees their union tree and members, searches, opens a member', async () => {
    await withPage(browser, 'desktop', 'console-members', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.waitForURL(/\/console\/members/);

      const tree = page.locator('.uc-union-tree');
      await tree.getByText('朝阳区总工会').waitFor();
      const treeText = await text(tree);
      assert.doesNotMatch(treeText, /昌平区/, 'another district must not be in the tree');
      assert.match(treeText, /\d+\s*人/, 'member counts are shown');

      const names = await tableNames(page);
      assert.ok(names.length > 0, 'the member table lists members');
      const maskedIds = await page.locator('.uc-members-table tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
      for (const id of maskedIds) assert.match(id.trim(), /^\d{6}\*{8}\d{3}[\dX]$/);
      await screenshot(page, 'console-members');

      // search by the first member's name: every hit carries it
      const wanted = names[0]!;
      const hits = await searchMembers(page, wanted);
      assert.ok(hits.length > 0 && hits.every((n) => n.includes(wanted)), `search ${wanted} → ${hits.join(',')}`);

      await page
        .getByRole('button', { name: new RegExp(wanted) })
        .first()
        .click();
      const detail = page.getByTestId('member-detail');
      await detail.waitFor();
      assert.match(await text(page.locator('.ant-drawer-title')), new RegExp(wanted));
      assert.match(await text(detail.getByTestId('idNumber-value')), /^\d{6}\*{8}\d{3}[\dX]$/);
      await detail.getByText(/会员状态记录/).waitFor();
      await page.waitForTimeout(400); // drawer slide-in animation
      await screenshot(page, 'console-member-drawer', { fullPage: false });
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });

      // 李静 is a member in 昌平区: invisible to 朝阳区 staff, whether searched by phone or by name
      assert.deepEqual(await searchMembers(page, DEMO.member.phone), []);
      await page.getByText(/没有符合条件的会员/).waitFor();
      const byName = await searchMembers(page, DEMO_MEMBER_NAME);
      if (byName.length > 0) {
        const unions = await page.locator('.uc-members-table tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
        assert.ok(
          unions.every((u) => !u.includes('昌')),
          `a 李静 outside 朝阳区 was listed: ${unions.join(',')}`,
        );
      }
    });
  });

  test('switching to English changes the login page labels and sticks', async () => {
    await withPage(browser, 'phone', 'login-english', async (page) => {
      await page.goto('/login');
      await page.getByLabel('手机号').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');

      await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Mobile number').waitFor();
      await page.getByLabel('Password', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.getByLabel('手机号').count(), 0);

      // client-side validation speaks English too
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your mobile number').waitFor();
      await screenshot(page, 'login-english');

      await page.reload();
      await page.getByLabel('Mobile number').waitFor();
    });
  });

  test('city staff reveal a full ID number only after giving a reason, and can hide it again', async () => {
    await withPage(browser, 'desktop', 'console-reveal', async (page) => {
      await signIn(page, DEMO.cityStaff.phone, DEMO.cityStaff.password);
      const names = await tableNames(page);
      assert.ok(names.length > 0);
      await page
        .getByRole('button', { name: new RegExp(names[0]!) })
        .first()
        .click();
      const detail = page.getByTestId('member-detail');
      const value = detail.getByTestId('idNumber-value');
      const masked = await text(value);
      assert.match(masked, /^\d{6}\*{8}\d{3}[\dX]$/);

      await detail.getByRole('button', { name: '显示完整身份证号' }).click();
      const dialog = page.locator('.ant-modal');
      await dialog.getByLabel('查看原因').waitFor();
      // too short a reason is refused in the form, before anything is sent
      await dialog.getByLabel('查看原因').fill('核对');
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '显示完整身份证号' }).click();
      await dialog.getByText(/至少 4 个字/).waitFor();

      await dialog.getByLabel('查看原因').fill('核对互助保障申报材料');
      const revealed = page.waitForResponse((r) => r.url().endsWith('/reveal') && r.status() === 200);
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '显示完整身份证号' }).click();
      await revealed;
      await detail.getByText(/秒后自动隐藏/).waitFor();
      const full = await text(value);
      assert.match(full, /^\d{17}[\dX]$/);
      assert.equal(full.slice(0, 6), masked.slice(0, 6));
      assert.equal(full.slice(-4), masked.slice(-4));
      await page.waitForTimeout(400);
      await screenshot(page, 'console-reveal', { fullPage: false });

      await detail.getByRole('button', { name: /隐\s*藏/ }).click();
      assert.equal(await text(value), masked);
    });
  });

  test('staff validate a CSV with one bad row and see its row and column in the report', async () => {
    await withPage(browser, 'desktop', 'console-import', async (page) => {
      await signIn(page, DEMO.districtChaoyang.phone, DEMO.districtChaoyang.password);
      await page.getByRole('menuitem', { name: /批量导入/ }).click();
      await page.waitForURL(/\/console\/import/);
      await page.getByRole('heading', { name: '批量导入会员' }).waitFor();

      // target union, picked from the tree
      await page.locator('.uc-import-union').click();
      await page.keyboard.type('客五');
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '客五' }).first().click();
      await page.locator('.uc-import-union', { hasText: '客五' }).waitFor();

      const good = idNumber('110105', '19900101', String(Math.floor(Math.random() * 900) + 100));
      const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`; // wrong check character
      const csv = `姓名,手机号,身份证号,入会日期\r\n张晓红,${randomMobile()},${good},2024-03-01\r\n王大力,${randomMobile()},${bad},2024-03-01\r\n`;
      await page.locator('input[type=file]').setInputFiles({
        name: 'e2e-members.csv',
        mimeType: 'text/csv',
        buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
      });
      await page.getByText('e2e-members.csv').waitFor();
      assert.equal(await page.getByRole('checkbox', { name: /仅校验/ }).isChecked(), true);

      await page.getByRole('button', { name: /开始校验/ }).click();
      const report = page.locator(
        '[data-testid=import-report][data-status=succeeded], [data-testid=import-report][data-status=failed]',
      );
      await report.waitFor({ timeout: 30_000 });
      assert.match(await text(report), /仅校验/);

      const rows = report.locator('.uc-import-errors tbody tr.ant-table-row');
      await rows.first().waitFor();
      const cells: string[][] = [];
      for (const row of await rows.all()) cells.push((await row.locator('td').allTextContents()).map((c) => c.trim()));
      const idError = cells.find((c) => c[1] === '身份证号');
      assert.ok(idError, `an error on the 身份证号 column: ${JSON.stringify(cells)}`);
      assert.equal(idError[0], '3', 'the bad row is spreadsheet row 3 (header is row 1)');
      assert.ok(
        cells.every((c) => c[0] !== '2'),
        `the good row (row 2) is not reported: ${JSON.stringify(cells)}`,
      );
      await screenshot(page, 'console-import-report');

      // the downloadable report is CSV with a BOM so Excel shows the Chinese
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /下载错误报告/ }).click(),
      ]);
      const saved = await download.path();
      assert.ok(saved);
      const csvText = await readFile(saved, 'utf8');
      assert.equal(csvText.charCodeAt(0), 0xfeff);
      assert.match(csvText, /行号,列,错误说明/);
      assert.match(csvText, /\r\n3,身份证号,/);
    });
  });
});
