// "Sign in with Google" in Debian's Chromium (playwright-core) against the
// fake OAuth server (tests/fakes/fake_oauth.py) on another site (localhost vs
// 127.0.0.1), so the browser-binding cookie must survive real cross-site
// redirects: a new account is created; an existing email is linked only
// after the person clicks "yes"; a callback opened in another browser is
// refused. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { run, test, expect, repo, native, shot, freePort, workDir, spawnProcess, waitForUrl, startServer, launchChromium, recordCspViolations } from './harness.mjs';

const env = { ...process.env, TIRAGE_TOKEN_KEY: 'ab'.repeat(32), TIRAGE_GOOGLE_CLIENT_ID: 'google-client-1',
  TIRAGE_GOOGLE_CLIENT_SECRET: 'google-secret-1' };

await run(async () => {
  const fakePort = await freePort();
  const fake = `http://localhost:${fakePort}`;
  const setIdentity = (who) => fetch(`${fake}/_fake/identity`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'google', email_verified: true, ...who }) });
  const data = join(workDir('tirage-oauth-browser'), 'data');
  execFileSync(native('tirage-server'), ['user', 'add', '--data', data, '--email', 'existing@example.com', '--password', 'browser test password'],
    { env, stdio: 'ignore' });
  spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_oauth.py'), String(fakePort), 'google:google-client-1:google-secret-1']);
  await waitForUrl(`${fake}/_fake/log`);
  const { base } = await startServer(['--beacon', 'local', '--oauth-sandbox', fake], { data, env });
  const browser = await launchChromium();
  const cspViolations = recordCspViolations(browser);
  const session = (page) => page.evaluate(async () => { const r = await fetch('/api/v1/me'); return r.ok ? r.json() : null; });
  const signIns = (page) => page.evaluate(async () => (await (await fetch('/api/v1/account/export')).json()).sign_ins);

  await test('sign in with Google creates an account for a new email', async () => {
    await setIdentity({ subject: 'g-browser-new', email: 'newcomer@example.com', name: 'New Comer' });
    const page = await (await browser.newContext()).newPage();
    const seen = [];
    page.on('request', (r) => { if (r.isNavigationRequest()) seen.push(r.url()); });
    await page.goto(`${base}/api/v1/oauth/google/start?purpose=login`);
    expect(page.url() === `${base}/app`, `ended at ${page.url()}`);
    expect(seen.some((u) => u.startsWith(`${fake}/accounts.google.com/o/oauth2/v2/auth?`)), `never went to the provider: ${seen.join(' ')}`);
    const s = await session(page);
    expect(s && s.email === 'newcomer@example.com', `session ${JSON.stringify(s)}`);
    expect(s.csrf_token && s.csrf_token.length === 64, 'no CSRF token for the page');
  });

  await test('an existing email is linked only after the person confirms', async () => {
    await setIdentity({ subject: 'g-browser-existing', email: 'existing@example.com', name: 'Existing' });
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${base}/api/v1/oauth/google/start?purpose=login`);
    const text = await page.innerText('main');
    expect(text.includes('existing@example.com') && text.includes('Google'), text);
    expect((await page.getAttribute('html', 'lang')) === 'fr', 'the offer is not in French');
    expect((await session(page)) === null, 'signed in before confirming');
    await shot(page, 'oauth-link-offer-fr.png', { fullPage: true });
    await page.click('#link-yes');
    await page.waitForURL(`${base}/app`);
    const s = await session(page);
    expect(s && s.email === 'existing@example.com', `session ${JSON.stringify(s)}`);
    expect((await signIns(page)).some((i) => i.provider === 'google'), 'no Google sign-in listed');
  });

  await test('a callback opened in another browser is refused', async () => {
    await setIdentity({ subject: 'g-browser-csrf', email: 'attacker@example.com', name: 'Attacker' });
    // The attacker runs the flow with a script up to the provider's redirect, and keeps the callback URL.
    const start = await fetch(`${base}/api/v1/oauth/google/start?purpose=login`, { redirect: 'manual' });
    const atProvider = await fetch(start.headers.get('location'), { redirect: 'manual' });
    const callback = atProvider.headers.get('location');
    expect(callback && callback.startsWith(`${base}/api/v1/oauth/google/callback?`) && callback.includes('code='), `callback ${callback}`);
    const victim = await (await browser.newContext()).newPage();
    const r = await victim.goto(callback);
    expect(r.status() === 400, `status ${r.status()}`);
    expect((await victim.innerText('#error')).includes('another browser'), await victim.innerText('main'));
    expect((await session(victim)) === null, 'the victim was signed in to the attacker\'s account');
  });

  await test('no page broke its Content-Security-Policy', async () => {
    expect(cspViolations.length === 0, `blocked:\n${cspViolations.join('\n')}`);
  });
});
