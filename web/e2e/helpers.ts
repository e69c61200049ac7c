import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(process.cwd(), 'test-results', 'screenshots');

/** Headless Debian Chromium, quiet: no sandbox (containers), no GPU, no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type Viewport = 'phone' | 'desktop';

/** A fresh context (own cookies and localStorage) sized like a phone or a desktop. */
export function newContext(
  browser: Browser,
  viewport: Viewport = 'desktop',
  extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const base = {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...extra,
  };
  return viewport === 'phone'
    ? browser.newContext({
        ...base,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        ...extra,
      })
    : browser.newContext({ ...base, viewport: { width: 1440, height: 900 }, ...extra });
}

/**
 * Saves a PNG as test-results/screenshots/<name>.png and returns its path; full page by default, the viewport only
 * with `{ fullPage: false }` (drawers and dialogs overlay the viewport, not the page).
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true, animations: 'disabled' });
  return file;
}

/** Signs in through the login form and waits until the app has left /login. */
export async function signIn(page: Page, phone: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/手机号|Mobile number/).fill(phone);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  try {
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
  } catch (err) {
    // say what the form said (a refusal, a network error) rather than only that the page did not move on
    const said = await page
      .getByRole('alert')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `signing in as ${phone} stayed on /login${said.length ? `; the form says: ${said.join(' / ')}` : ''}`,
      {
        cause: err,
      },
    );
  }
}

/** Collects uncaught page errors so a test can assert the page ran clean. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (err) => errors.push(err));
  return errors;
}

/**
 * Runs `fn` on a fresh page (`extra`: more context options, e.g. a GPS position, scripts off); if it throws, saves test-results/screenshots/failed-<name>.png (and logs the URL) before
 * closing the context, so a red run leaves something to look at. Uncaught page errors fail the test.
 */
export async function withPage(
  browser: Browser,
  viewport: Viewport,
  name: string,
  fn: (page: Page) => Promise<void>,
  extra: BrowserContextOptions = {},
): Promise<void> {
  const context = await newContext(browser, viewport, extra);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  try {
    await fn(page);
    if (errors.length > 0) throw new Error(`uncaught errors in the page: ${errors.map((e) => e.message).join('; ')}`);
  } catch (err) {
    const file = await screenshot(page, `failed-${name}`, { fullPage: false }).catch(() => undefined);
    console.error(`[e2e] ${name} failed at ${page.url()}${file ? `; screenshot ${file}` : ''}`);
    throw err;
  } finally {
    await context.close();
  }
}

/** An API call from the test itself (not the page): status and raw body, Chinese messages. */
export async function call(apiPath: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${BASE_URL}${apiPath}`, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      'accept-language': 'zh-CN',
      ...(init.headers ?? {}),
    },
  });
  return { status: res.status, body: await res.text() };
}

/** An API call that must succeed (2xx); its JSON answer (undefined for an empty one). */
export async function apiJson<T>(apiPath: string, init: RequestInit = {}): Promise<T> {
  const res = await call(apiPath, init);
  assert.ok(res.status < 300, `${init.method ?? 'GET'} ${apiPath} → ${res.status} ${res.body}`);
  return (res.body ? JSON.parse(res.body) : undefined) as T;
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core (WCAG 2.0–2.2 A and AA) on the page as it is now, or on the parts `include` names (CSS selectors): the
 * serious and critical violations, readable. The script goes in through the DevTools protocol, which the app's
 * Content-Security-Policy (script-src 'self') does not bind.
 */
export async function seriousViolations(page: Page, include?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(AXE_SCRIPT, 'utf8'));
  return page.evaluate(async (parts) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const { violations } = await axe.run(parts ? { include: parts.map((p) => [p]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }, include);
}
