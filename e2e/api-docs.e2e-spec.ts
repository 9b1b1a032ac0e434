import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { baseUrl, launch, newPage, outputDir } from './support/browser';

/**
 * Swagger UI at /api/docs as an integrator uses it: "Try it out" without credentials gets 401;
 * after "Authorize" with a bearer token from POST /api/auth/login the same call sends the
 * Authorization header (the document declares security on every operation) and gets 200.
 */
describe('the API documentation (Swagger UI)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  async function execute(operation: Locator): Promise<string> {
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    return ((await status.textContent()) ?? '').trim();
  }

  it('calls listParticipants with the bearer token after Authorize', async () => {
    const login = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coach@demo.stegvis.se', password: 'stegvis-demo' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };

    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Stegvis API');

    const operation = page.locator('#operations-participants-listParticipants');
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();
    expect(await execute(operation)).toBe('401');

    await page.locator('button.authorize').first().click();
    await page.locator('#auth-bearer-value').fill(accessToken);
    await page.locator('.auth-container').first().locator('button.authorize').click();
    await page.locator('.auth-btn-wrapper button.btn-done').first().click();

    expect(await execute(operation)).toBe('200');
    expect(await operation.locator('.curl-command').textContent()).toContain(
      'Authorization: Bearer',
    );
    await page.screenshot({ path: join(outputDir, 'api-docs-try-it-out.png') });
    await context.close();
  });
});
