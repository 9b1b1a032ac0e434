import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, loginAs, newPage, outputDir, seriousA11yViolations } from './support/browser';

describe('supervisor journey on a 360 px phone', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser.close());

  it('logs a follow-up of an overdue placement, keeping the draft while offline', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740 });
    await loginAs(page, 'supervisor@demo.stegvis.se');
    await page.getByTestId('due-item').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(outputDir, 'supervisor-home-360-sv.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('due-log').first().click();
    await page.getByTestId('follow-up-form').waitFor();
    await page.getByTestId('fu-present').fill('7');
    await page.getByTestId('fu-absent').fill('1');
    await page.getByTestId('fu-wellbeing-4').click();
    await page.getByTestId('fu-notes').fill('Trivs och kommer i tid.');
    // Touch targets are big enough for a thumb.
    const box = await page.getByTestId('fu-wellbeing-4').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.screenshot({
      path: join(outputDir, 'supervisor-followup-360-sv.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The connection drops: nothing is lost, a retry is offered.
    await context.setOffline(true);
    await page.getByTestId('fu-submit').click();
    await page.getByText('Ingen anslutning').waitFor();
    expect(await page.getByTestId('fu-notes').inputValue()).toBe('Trivs och kommer i tid.');
    await page.screenshot({
      path: join(outputDir, 'supervisor-followup-offline-360-sv.png'),
      fullPage: true,
    });
    await context.setOffline(false);
    await page.getByTestId('fu-submit').click();
    await page.waitForURL((url) => url.pathname === '/supervisor');
    await page.getByText('Uppföljningen är sparad.').waitFor();
    await context.close();
  });
});
