// The API reference page (/api): Debian's Chromium renders docs/openapi.json,
// as the server serves it, with the self-hosted Swagger UI (web/api), under the
// server's Content-Security-Policy and with no request leaving the server.
import { run, test, expect, startServer, launchChromium, recordCspViolations, shot } from './harness.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './harness.mjs';

await run(async () => {
  const { base } = await startServer(['--beacon', 'local']);
  const browser = await launchChromium();
  const csp = recordCspViolations(browser);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const outside = [], failures = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
  page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

  await test('the server serves the document it was built with', async () => {
    const served = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const source = JSON.parse(readFileSync(join(repo, 'docs/openapi.json'), 'utf8'));
    expect(served.openapi === '3.1.0', `openapi is ${served.openapi}`);
    expect(JSON.stringify(served) === JSON.stringify(source), 'the served document differs from docs/openapi.json: rebuild the server');
  });

  await test('/api renders every operation of the document, grouped by tag', async () => {
    const answer = await page.goto(`${base}/api`);
    expect(answer.status() === 200, `/api answered ${answer.status()}`);
    await page.waitForSelector('.opblock', { timeout: 20000 });
    const doc = JSON.parse(readFileSync(join(repo, 'docs/openapi.json'), 'utf8'));
    const expected = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const shown = await page.locator('.opblock').count();
    expect(shown === expected, `the page shows ${shown} operations, the document has ${expected}`);
    const summary = await page.locator('.opblock-summary-path', { hasText: '/api/v1/draws/{draw_id}/selection' }).count();
    expect(summary === 1, 'GET /api/v1/draws/{draw_id}/selection is not on the page');
    await shot(page, 'api_reference.png', { fullPage: false });
  });

  await test('an operation opens with its parameters and error responses', async () => {
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/draws/{draw_id}/selection' }).click();
    await page.waitForSelector('.opblock.is-open .responses-table', { timeout: 10000 });
    const text = await page.locator('.opblock.is-open').innerText();
    for (const want of ['draw_id', '409', '502', 'seed'])
      expect(text.includes(want), `the opened operation does not mention ${want}`);
  });

  await test('nothing left the server, nothing failed, and the CSP blocked nothing', async () => {
    expect(outside.length === 0, `requests to other hosts: ${outside.join(', ')}`);
    expect(failures.length === 0, `failures: ${failures.join('; ')}`);
    expect(csp.length === 0, `CSP violations: ${csp.join('; ')}`);
  });
});
