// Browser test of the billing page in Debian's Chromium (playwright-core, no
// browser download), against a real tirage-server and the fake Stripe
// (tests/fakes/fake_stripe.py): log in, see the Free plan and its limits,
// upgrade to Pro through Checkout (the fake's page "pays" and sends signed
// webhooks), see Pro, cancel in the portal, see Free again; the page in
// French. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, test, expect, sleep, repo, native, shot, freePort, workDir, spawnProcess, waitForUrl, startServer, launchChromium, recordCspViolations } from './harness.mjs';

const key = 'sk_test_browser_billing';
const whsec = 'whsec_browser_billing';
const password = 'browser billing password';

await run(async () => {
  const port = await freePort(), stripePort = await freePort();
  const base = `http://127.0.0.1:${port}`, stripe = `http://127.0.0.1:${stripePort}`;
  const data = join(workDir('tirage-billing'), 'data');
  execFileSync(native('tirage-server'), ['user', 'add', '--data', data, '--email', 'buyer@example.com', '--password', password], { stdio: 'ignore' });
  spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_stripe.py'), '--port', String(stripePort), '--api-key', key,
    '--webhook-url', `${base}/api/v1/stripe/webhook`, '--webhook-secret', whsec, '--plans', join(repo, 'config/plans.json')]);
  await waitForUrl(`${stripe}/_test/events`);
  await startServer(['--beacon', 'local', '--stripe-api-url', stripe], { data, port,
    env: { ...process.env, STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: whsec } });
  const browser = await launchChromium();
  const cspViolations = recordCspViolations(browser);
  const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 1100 } })).newPage();
  const planName = () => page.textContent('#plan-name');

  await test('logging in shows the Free plan, its limits and this month\'s usage', async () => {
    await page.goto(`${base}/billing`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#email', 'buyer@example.com');
    await page.fill('#password', password);
    await page.click('#login-submit');
    await page.waitForSelector('#account:not([hidden])');
    expect((await planName()) === 'Free', `plan ${await planName()}`);
    const limits = await page.innerText('#limits');
    expect(limits.includes('Participants per draw') && limits.includes('200'), limits);
    expect(limits.includes('0 of 3'), `usage missing: ${limits}`);
    expect(/API access\s+no/.test(limits), limits);
    const pro = await page.innerText('.plan[data-plan=pro] .price');
    expect(pro.includes('€') && pro.includes('9'), `Pro price ${pro}`);
    await shot(page, 'billing-free.png', { fullPage: true });
  });

  await test('prices follow the currency and interval chosen', async () => {
    await page.selectOption('#currency', 'chf');
    await page.check('input[name=interval][value=year]');
    const pro = await page.innerText('.plan[data-plan=pro] .price');
    expect(pro.includes('CHF') && pro.includes('90') && pro.includes('per year'), `Pro price ${pro}`);
    await page.selectOption('#currency', 'eur');
    await page.check('input[name=interval][value=month]');
  });

  await test('upgrading to Pro goes through Checkout and the page shows Pro', async () => {
    await page.click('.plan[data-plan=pro] button');
    await page.waitForURL(`${stripe}/pay/**`);
    expect((await page.textContent('#amount')).includes('9.00 EUR'), await page.textContent('#amount'));
    await page.click('#pay');
    await page.waitForURL(`${base}/billing?checkout=success**`);
    await page.waitForSelector('body[data-checkout=done]', { timeout: 30000 });
    expect((await planName()) === 'Pro', `plan ${await planName()}`);
    expect((await page.textContent('#notice')).includes('Your plan is updated'), await page.textContent('#notice'));
    expect(/API access\s+yes/.test(await page.innerText('#limits')), 'Pro limits not shown');
    expect(await page.isVisible('#manage'), 'no manage button');
    const other = await page.textContent('.plan[data-plan=business] button');
    expect(other === 'Change plan', `another plan offers "${other}" instead of the portal`);
    await shot(page, 'billing-pro.png', { fullPage: true });
  });

  await test('canceling in the customer portal brings the Free plan back', async () => {
    await page.click('#manage');
    await page.waitForURL(`${stripe}/portal/**`);
    await page.click('#cancel');
    await page.waitForURL(`${base}/billing`);
    for (let i = 0; i < 40 && (await planName()) !== 'Free'; i++) { await sleep(250); await page.reload(); await page.waitForSelector('body[data-ready=yes]'); }
    expect((await planName()) === 'Free', `plan ${await planName()}`);
    expect((await page.textContent('#plan-status')).includes('canceled'), await page.textContent('#plan-status'));
  });

  await test('the page speaks French', async () => {
    await page.goto(`${base}/billing?lang=fr`);
    await page.waitForSelector('body[data-ready=yes]');
    expect((await page.textContent('h1')) === 'Formule et facturation', await page.textContent('h1'));
    expect((await page.innerText('#limits')).includes('Participants par tirage'), 'limits not in French');
    expect((await page.getAttribute('html', 'lang')) === 'fr', 'html lang is not fr');
    await shot(page, 'billing-fr.png', { fullPage: true });
    // A page opened without logging in here takes the session's CSRF token from /api/v1/me.
    await page.click('#manage');
    await page.waitForURL(`${stripe}/portal/**`);
  });

  await test('every catalog has every string of the English one', async () => {
    const load = (l) => JSON.parse(readFileSync(join(repo, `web/billing/catalogs/${l}.json`), 'utf8'));
    const en = Object.keys(load('en'));
    for (const l of ['fr', 'es', 'de']) {
      const missing = en.filter((k) => !(k in load(l)));
      expect(missing.length === 0, `${l} lacks ${missing.join(', ')}`);
    }
  });

  await test('an upgrade without the CSRF token is refused', async () => {
    await page.goto(`${base}/billing`);
    await page.waitForSelector('body[data-ready=yes]');
    const status = await page.evaluate(async () => (await fetch('/api/v1/billing/checkout', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ plan: 'pro', interval: 'month', currency: 'eur' }) })).status);
    expect(status === 403, `status ${status}`);
  });

  await test('no page broke its Content-Security-Policy', async () => {
    expect(cspViolations.length === 0, `blocked:\n${cspViolations.join('\n')}`);
  });
});
