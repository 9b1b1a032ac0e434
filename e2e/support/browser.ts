import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

export const baseUrl = (): string => {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through `npm run e2e`');
  return url;
};

export const outputDir = join(__dirname, '..', 'output');

// Debian's chromium package; the /usr/bin wrapper prints a harmless warning, so prefer the binary.
const CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
];

// Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * Chromium with the flags above; `extraArgs` adds flags for one suite, e.g.
 * `--host-resolver-rules=MAP stegvis.test 127.0.0.1` to reach the app under another host name.
 */
export async function launch(options: { extraArgs?: string[] } = {}): Promise<Browser> {
  const executablePath = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
  if (!executablePath) {
    throw new Error("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH");
  }
  return chromium.launch({
    executablePath,
    args: [...FLAGS, ...(options.extraArgs ?? [])],
    headless: true,
  });
}

export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // The app's own Content-Security-Policy applies (no bypassCSP): a page that only works without it
  // must fail here. axe is evaluated through the DevTools protocol, which the policy does not govern.
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'sv-SE',
  });
  return { context, page: await context.newPage() };
}

/**
 * Logs in and puts the app in `lang` (Swedish unless asked). The language is saved on the
 * account, so without this a journey would start in whatever language an earlier one left.
 */
export async function loginAs(
  page: Page,
  email: string,
  password = 'stegvis-demo',
  lang: 'sv' | 'en' = 'sv',
): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await leftLoginPage(page);
  await useLanguage(page, lang);
}

/** Switches the app's language (saved on the account) unless it is already `lang`. */
export async function useLanguage(page: Page, lang: 'sv' | 'en'): Promise<void> {
  await page.waitForFunction(() => document.documentElement.lang !== '');
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}

/** The login page has a page title too: wait for the route to change first. */
export async function leftLoginPage(page: Page): Promise<void> {
  try {
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
  } catch (error) {
    // Say why the login page stayed: its error text and a screenshot (CI keeps only the log).
    const file = join(outputDir, `stuck-on-login-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const shown = await page
      .getByTestId('login-error')
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(
      `still on ${page.url()} — login error shown: ${JSON.stringify(shown?.trim() ?? null)}; ` +
        `screenshot ${file}; ${(error as Error).message}`,
    );
  }
  await page.getByTestId('page-title').waitFor();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: unknown[];
}

/** axe-core's serious and critical findings on the current page. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // A dialog or panel still fading in has a lighter text colour for a moment: let finite
  // animations and transitions end first, or contrast findings depend on timing.
  // A change just made (a field's error turning back into its hint) may start its transition
  // only on the next frames: wait two frames, then for what runs, until nothing finite runs.
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    for (let round = 0; round < 5; round++) {
      await frame();
      await frame();
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3) }));
}

/**
 * Waits until `locator` matches exactly `count` elements. A count read right after a click can
 * precede the render it causes (change detection is scheduled, not synchronous), so a bare
 * `expect(await locator.count())` is a race; this polls, and fails with the last count seen.
 */
export async function waitForCount(
  locator: Locator,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await locator.count();
  }
  expect(seen).toBe(count);
}
