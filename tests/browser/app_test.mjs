// Browser tests of the organizer app (Dear ImGui in Wasm, drawn on a canvas)
// in Debian's Chromium against a real tirage-server, a real SMTP server
// (aiosmtpd) and the app's test-only automation build. The automation build
// only reports where each widget is; the tests act with real mouse and
// keyboard events. Prints "N passed, N failed"; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, test, expect, sleep, repo, native, shot, freePort, workDir, spawnProcess, startServer, launchChromium, recordCspViolations } from './harness.mjs';
import { click, item, reveal, snapshot, state, textOf, type, waitFor } from './app_automation.mjs';

const appDir = join(repo, 'build/wasm/app-automation');
for (const f of ['tirage_app.js', 'tirage_app.wasm', 'DejaVuSans.ttf'])
  if (!existsSync(join(appDir, f))) { console.log(`FAIL  the automation build is missing ${join(appDir, f)} (run make build)`); process.exit(1); }
const work = workDir('tirage-app');
const maildir = join(work, 'mail');
const password = 'correct horse battery staple';
let browser, base;  // set once the world is up (below)

function mails(to) {
  if (!existsSync(join(maildir, 'new'))) return [];
  const out = execFileSync('/usr/bin/python3', [join(repo, 'tests/fakes/read_mail.py'), maildir, to]).toString().trim();
  return out ? out.split('\n').map((l) => JSON.parse(l)) : [];
}
async function openApp(locale, viewport = { width: 1200, height: 900 }) {
  const ctx = await browser.newContext({ locale, viewport, acceptDownloads: true });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  await page.goto(`${base}/app`);
  return { ctx, page };
}
async function signUpAndLogIn(page, email, password) {
  await item(page, 'account.to_signup');
  await click(page, 'account.to_signup');
  await type(page, 'account.email', email);
  await type(page, 'account.password', password);
  await click(page, 'account.signup.submit');
  await state(page, 'sign-up confirmation', (s) => s.account_message !== '' || s.account_error !== '');
  const s = (await snapshot(page)).state;
  expect(s.account_error === '', `sign-up failed: ${s.account_error}`);
  let link;
  for (let i = 0; i < 100 && !link; i++) {
    const m = mails(email).pop();
    link = m && (m.text.match(/https?:\/\/\S+#verify=\S+/) || [])[0];
    if (!link) await sleep(100);
  }
  expect(link, `no verification mail for ${email}`);
  await page.goto(link);
  await state(page, 'verification', (s) => s.account_message !== '' || s.account_error !== '');
  expect((await snapshot(page)).state.account_error === '', 'verification failed');
  await logIn(page, email, password);
}
async function logIn(page, email, pass = password) {
  await type(page, 'account.email', email);
  await type(page, 'account.password', pass);
  await click(page, 'account.login.submit');
  await state(page, 'home', (s) => s.screen === 'home');
}
async function csvFile(name, body) {
  const path = join(work, name);
  writeFileSync(path, body);
  return path;
}
async function chooseFile(page, path) {
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'list.import_file');
  await (await chooser).setFiles(path);
}
async function runDraw(page, prefix) {
  await click(page, 'step.draw');
  await state(page, 'the draw step', (s) => s.step === 4);
  await click(page, 'draw.commit');
  await shot(page, `${prefix}-5-committed.png`);
  await state(page, 'the draw', (s) => s.draw_phase === 'drawn' || s.draw_phase === 'failed', 60000);
  expect((await snapshot(page)).state.draw_error === '', `draw failed: ${(await snapshot(page)).state.draw_error}`);
  await sleep(1200);
  await shot(page, `${prefix}-6-animation.png`);
  await state(page, 'the animation', (s) => s.animation_done, 30000);
  await click(page, 'draw.publish');
  await state(page, 'publication', (s) => s.draw_phase === 'published', 20000);
  await shot(page, `${prefix}-7-published.png`);
  return (await snapshot(page)).state.draw_id;
}
// An auditor holding the organizer's file rebuilds the committed list offline:
// `tirage participants` on the same file (and columns) with the published
// bundle applies the committed filters and must find the committed root and count.
async function auditorRebuilds(id, file, args = []) {
  const bundlePath = join(work, `${id}.bundle.json`);
  writeFileSync(bundlePath, await (await fetch(`${base}/api/v1/draws/${id}/bundle`)).text());
  let out;
  try {
    out = execFileSync(native('tirage'), ['participants', file, ...args, '--commitment', bundlePath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`tirage participants does not rebuild the committed list (exit ${e.status}): ${e.stdout}${e.stderr}`);
  }
  const r = JSON.parse(out);
  expect(r.commitment.matches === true && r.participants_root === r.commitment.participants_root, `rebuilt ${out}`);
  return r;
}
async function verifiedOnPublicPage(id, lang) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/v/${id}?lang=${lang}`);
  await page.waitForSelector('#checks[data-result]', { timeout: 30000 });
  const result = await page.$eval('#checks', (el) => el.dataset.result);
  await page.close();
  return result;
}

// --- a phone: touch, an on-screen keyboard typing into the shell's hidden field
async function tap(page, key) {
  const i = await reveal(page, key);
  await page.touchscreen.tap(i.x + Math.min(i.w / 2, 40), i.y + i.h / 2);
  await sleep(120);
}
const focused = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const valueOf = async (page, key) => (await item(page, key)).value;
// Waits until the field shows the text (typed text reaches ImGui on its next frames).
async function fieldIs(page, key, text) {
  try {
    await waitFor(page, `${key} to read ${JSON.stringify(text)}`, (s) => s.items.find((i) => i.key === key && i.value === text), 5000);
  } catch {
    throw new Error(`${key} reads ${JSON.stringify(await valueOf(page, key))}, expected ${JSON.stringify(text)}`);
  }
}
// An IME or a dead key: the text is composed in steps, then committed (Chromium's own events).
async function compose(page, steps, committed) {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: committed });
  await cdp.detach();
  await sleep(60);
}
// What a phone's "Paste" (long press) does: a paste event, no keyboard shortcut.
const pasteInto = (page, text) => page.evaluate((t) => {
  const data = new DataTransfer();
  data.setData('text/plain', t);
  document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}, text);

await run(async () => {
  // --- the world: SMTP, server, browser
  const smtpPort = await freePort();
  spawnProcess('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir]);
  const data = join(work, 'data');
  execFileSync(native('tirage-server'), ['user', 'add', '--data', data, '--email', 'phone@example.com', '--password', password], { stdio: 'ignore' });
  ({ base } = await startServer(['--beacon', 'local', '--app-dir', appDir, '--smtp-url', `smtp://127.0.0.1:${smtpPort}`,
    '--mail-retry-seconds', '1'], { data }));
  browser = await launchChromium({ webgl: true });
  const cspViolations = recordCspViolations(browser);

  await test('the page shows a progress bar, then the app, crisp at device pixel ratio 2', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(`${base}/app`);
    expect(await page.$('#progress'), 'no progress bar while loading');
    await item(page, 'account.login.submit');
    const size = await page.$eval('#canvas', (c) => [c.width, c.height, c.clientWidth]);
    expect(size[0] === 2 * size[2], `canvas backing store ${size[0]} for CSS width ${size[2]} at ratio 2`);
    await shot(page, 'app-phone-login.png');
    // Touch: tap the sign-up link.
    const i = await item(page, 'account.to_signup');
    await page.touchscreen.tap(i.x + i.w / 2, i.y + i.h / 2);
    await item(page, 'account.signup.submit');
    await ctx.close();
  });

  await test('without WebGL2 the page says so in plain words', async () => {
    const ctx = await browser.newContext({ locale: 'fr-FR' });
    await ctx.addInitScript(() => {
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : get.call(this, kind, ...rest); };
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/app`);
    const text = await page.innerText('#unsupported');
    expect(await page.isVisible('#unsupported') && text.includes('WebGL2') && text.includes('navigateur'), text);
    await ctx.close();
  });

  await test('English: sign up, verify by mail, CSV with filters, draw, publish, verified publicly; reload keeps the work', async () => {
    const { ctx, page } = await openApp('en-US');
    await signUpAndLogIn(page, 'ana@example.com', password);
    await shot(page, 'app-en-1-home.png');
    await click(page, 'home.new');
    await type(page, 'details.name', 'Christmas giveaway: 3 boxes');
    await type(page, 'details.rules', 'Comment with #noel and tag a friend.');
    await click(page, 'nav.next');
    // 40 fans with #noel, @fan3 twice, @nohash without it.
    const comments = join(repo, 'tests/vectors/participants/comments.csv');
    await chooseFile(page, comments);
    await state(page, 'the list', (s) => s.pipeline === 'ready');
    expect((await snapshot(page)).state.comments === 42, `comments ${(await snapshot(page)).state.comments}`);
    await shot(page, 'app-en-2-participants.png');

    // Reload in the middle: the title, the list and the step come back.
    await state(page, 'the work saved in the browser', (s) => s.saved);
    await page.reload();
    await state(page, 'the restored list', (s) => s.screen === 'editor' && s.pipeline === 'ready' && s.step === 1);
    expect((await snapshot(page)).state.comments === 42, 'the list was not restored after a reload');

    await click(page, 'nav.next');
    await type(page, 'filters.hashtags', '#noel');
    await state(page, 'filtered', (s) => s.pipeline === 'ready' && s.participants === 40);
    const t = textOf(await snapshot(page));
    expect(t.includes('1 missing a hashtag') && t.includes('1 duplicate'), `the reasons are not counted: ${t}`);
    await shot(page, 'app-en-3-filters.png');
    await click(page, 'nav.next');
    await type(page, 'settings.winners', '2');
    await type(page, 'settings.alternates', '1');
    await click(page, 'settings.beacon.1');
    await shot(page, 'app-en-4-settings.png');
    const id = await runDraw(page, 'app-en');
    expect(/^d_/.test(id), `draw id ${id}`);
    const rebuilt = await auditorRebuilds(id, comments);
    expect(rebuilt.participants_count === 40 && rebuilt.rules.required_hashtags[0] === '#noel', `rebuilt ${JSON.stringify(rebuilt)}`);
    const out = textOf(await snapshot(page));
    expect(out.includes('Published'), out);
    // Export of the winners as CSV.
    const download = page.waitForEvent('download');
    await click(page, 'draw.export_winners');
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\n').filter(Boolean).length === 4, `winners CSV: ${csv}`);
    await click(page, 'draw.copy_link');
    const copied = await page.evaluate(() => window.tirageLastCopied);
    expect(copied === `${base}/v/${id}`, `copied ${copied}`);
    expect(await verifiedOnPublicPage(id, 'en') === 'verified', 'the public page does not say verified');
    // The history lists it.
    await click(page, 'nav.home');
    await item(page, `history.${id}`);
    // The data export the privacy page promises.
    const exported = page.waitForEvent('download');
    await click(page, 'home.export');
    const dump = readFileSync(await (await exported).path(), 'utf8');
    expect(dump.includes('ana@example.com'), `the data export lacks the account: ${dump.slice(0, 200)}`);
    await ctx.close();
  });

  await test('French: pasted list, plurals, draw and publication in French', async () => {
    const { ctx, page } = await openApp('fr-FR');
    await signUpAndLogIn(page, 'zoe@example.com', password);
    const s0 = await snapshot(page);
    expect(s0.state.language === 'fr', `language ${s0.state.language}`);
    expect(textOf(s0).includes('Connecté en tant que'), textOf(s0));
    await click(page, 'home.new');
    await type(page, 'details.name', 'Concours de Noël');
    await click(page, 'step.participants');
    const pasted = join(repo, 'tests/vectors/participants/pasted_fr.txt');  // @Zoé, @Élodie, @françois, @Zoé, @Noël
    // Pasted from the clipboard: the box then holds the file's text exactly (keyboard.type drops
    // characters a US keyboard has no key for), which is what the auditor is given.
    await click(page, 'list.paste');
    await page.evaluate((t) => navigator.clipboard.writeText(t), readFileSync(pasted, 'utf8'));
    await page.keyboard.press('Control+V', { delay: 80 });
    await fieldIs(page, 'list.paste', readFileSync(pasted, 'utf8'));
    await click(page, 'list.use_pasted');
    await state(page, 'the list', (s) => s.pipeline === 'ready' && s.participants === 4);
    await shot(page, 'app-fr-2-participants.png');
    await click(page, 'step.settings');
    await click(page, 'settings.beacon.1');
    await click(page, 'step.draw');
    await state(page, 'the draw step', (s) => s.step === 4);
    await item(page, 'draw.commit');
    const t = textOf(await snapshot(page));
    expect(t.includes('1 gagnant') && t.includes('0 suppléant') && t.includes('4 participants au tirage'), `French plurals: ${t}`);
    expect(/jusqu’à 200 participants par tirage/.test(t) && /Tirages ce mois-ci : 0 sur 3/.test(t), `the plan's limits are not shown: ${t}`);
    const id = await runDraw(page, 'app-fr');
    expect((await auditorRebuilds(id, pasted, ['--format', 'text'])).participants_count === 4, 'the pasted list was not rebuilt');
    expect(textOf(await snapshot(page)).includes('Publié'), 'not published in French');
    expect(await verifiedOnPublicPage(id, 'fr') === 'verified', 'the public page does not say verified');
    await ctx.close();
  });

  await test('a phone: tapping a field raises the keyboard; typed, composed and pasted text reaches the app', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    await page.goto(`${base}/app`);
    await tap(page, 'account.email');
    expect(await focused(page) === 'keyboard', `tapping the email field focused ${await focused(page)}, not the keyboard's field`);
    // Some keyboards send key events and the text (iOS, a tablet's keyboard), others only the text (Android).
    await page.keyboard.type('pho', { delay: 30 });
    await page.keyboard.insertText('ne@exam');
    await page.keyboard.insertText('ple.com');
    await fieldIs(page, 'account.email', 'phone@example.com');
    await tap(page, 'account.password');
    expect(await focused(page) === 'keyboard', 'the password field did not raise the keyboard');
    await page.keyboard.insertText(password);
    await tap(page, 'account.login.submit');
    await state(page, 'home', (s) => s.screen === 'home');
    expect(await focused(page) !== 'keyboard', 'the keyboard stays up on a screen without a text field');
    await tap(page, 'home.new');
    await tap(page, 'step.participants');
    await tap(page, 'list.paste');
    expect(await focused(page) === 'keyboard', 'tapping the participants box did not raise the keyboard');
    await pasteInto(page, '@françois\r\n@Noël\n@Zoé');
    await fieldIs(page, 'list.paste', '@françois\n@Noël\n@Zoé');
    await page.keyboard.press('Enter', { delay: 80 });
    await page.keyboard.insertText('@Zoé');
    await page.keyboard.press('Enter', { delay: 80 });
    await page.keyboard.insertText('@');
    await compose(page, ['´'], 'É');  // a dead key, then the letter
    await page.keyboard.insertText('lodie');
    await page.keyboard.press('Enter', { delay: 80 });
    await page.keyboard.insertText('@I');
    await compose(page, ['n', 'ñ'], 'ñ');  // a phone's suggestion strip composing a word
    await page.keyboard.type('aki', { delay: 30 });
    await fieldIs(page, 'list.paste', '@françois\n@Noël\n@Zoé\n@Zoé\n@Élodie\n@Iñaki');
    await shot(page, 'app-phone-typed.png');
    await tap(page, 'list.use_pasted');
    await state(page, 'the pasted list', (s) => s.pipeline === 'ready' && s.participants === 5);
    // One tap is one click: "Next" goes one step further, not two.
    await tap(page, 'nav.next');
    await sleep(300);
    expect((await snapshot(page)).state.step === 2, `one tap on Next went to step ${(await snapshot(page)).state.step}`);
    await ctx.close();
  });

  await test('a desktop: Ctrl+V pastes the browser clipboard into the participants box', async () => {
    const { ctx, page } = await openApp('en-US');
    await logIn(page, 'phone@example.com');
    await click(page, 'home.new');
    await click(page, 'step.participants');
    await click(page, 'list.paste');
    expect(await focused(page) !== 'keyboard', 'with a mouse, the phone keyboard\'s field must not take the focus');
    await page.evaluate(() => navigator.clipboard.writeText('@Ana\r\n@Bruno\n@Çelik\n@Ana\n'));
    await page.keyboard.press('Control+V', { delay: 80 });
    await fieldIs(page, 'list.paste', '@Ana\n@Bruno\n@Çelik\n@Ana\n');
    await click(page, 'list.use_pasted');
    await state(page, 'the pasted list', (s) => s.pipeline === 'ready' && s.participants === 3);
    await ctx.close();
  });

  await test('the mouse wheel scrolls the editor down and back up, a notch at a time', async () => {
    const { ctx, page } = await openApp('en-US', { width: 1200, height: 600 });
    await logIn(page, 'phone@example.com');
    await click(page, 'home.new');
    await click(page, 'step.filters');
    const last = async () => { const s = await snapshot(page); return s.items.filter((i) => i.key.startsWith('filters.')).pop(); };
    const start = await last();
    expect(!start.visible, `the filters step fits in 600 px (${start.key} at ${start.y}): the test needs it below the fold`);
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, vp.height / 2);
    // One notch as Chromium reports it for a mouse wheel (100 px): the page moves by a few lines, not to the end.
    await page.mouse.wheel(0, 100);
    const one = await waitFor(page, 'one notch down', (s) => { const i = s.items.find((x) => x.key === start.key); return i && i.y < start.y - 1 && i; });
    expect(start.y - one.y < vp.height, `one notch scrolled ${start.y - one.y} px`);
    for (let k = 0; k < 10; k++) { await page.mouse.wheel(0, 100); await sleep(60); }
    await waitFor(page, `${start.key} scrolled into view`, (s) => s.items.find((x) => x.key === start.key && x.visible));
    for (let k = 0; k < 20; k++) { await page.mouse.wheel(0, -100); await sleep(60); }
    await waitFor(page, 'back at the top', (s) => { const i = s.items.find((x) => x.key === start.key); return i && Math.abs(i.y - start.y) < 1; });
    await ctx.close();
  });

  await test('a malformed CSV and a malformed .xlsx show what is wrong and where', async () => {
    const { ctx, page } = await openApp('en-US');
    await logIn(page, 'ana@example.com');
    await click(page, 'home.new');
    await click(page, 'step.participants');
    await chooseFile(page, await csvFile('broken.csv', 'username,comment\n@a,"fine"\n@b,"never closed\n@c,ok\n'));
    await state(page, 'the CSV error', (s) => s.pipeline === 'failed');
    const csvError = (await snapshot(page)).state.pipeline_error;
    expect(/line 3/i.test(csvError), `the CSV error does not name the line: ${csvError}`);
    await shot(page, 'app-en-csv-error.png');
    const xlsx = join(work, 'broken.xlsx');
    writeFileSync(xlsx, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    await chooseFile(page, xlsx);
    await state(page, 'the XLSX error', (s) => s.pipeline === 'failed' && s.pipeline_error !== csvError);
    const xlsxError = (await snapshot(page)).state.pipeline_error;
    expect(xlsxError.length > 10, `no message for a broken .xlsx: ${xlsxError}`);
    await shot(page, 'app-en-xlsx-error.png');
    await ctx.close();
  });

  await test('Account: the privacy policy is linked; deleting the account needs the typed address, signs out, and a mail confirms it', async () => {
    const { ctx, page } = await openApp('en-US');
    const canLogIn = async (email) => (await fetch(`${base}/api/v1/accounts/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) })).status === 200;
    // The privacy policy, from the sign-in screen.
    const opened = ctx.waitForEvent('page');
    await click(page, 'account.privacy');
    const policy = await opened;
    await policy.waitForLoadState();
    expect(new URL(policy.url()).pathname === '/privacy', `the privacy link opened ${policy.url()}`);
    expect((await policy.innerText('body')).includes('Imported comments are deleted'), 'the privacy policy states no retention');
    await policy.close();

    await signUpAndLogIn(page, 'leaving@example.com', password);
    await click(page, 'nav.account');
    await state(page, 'the account screen', (s) => s.screen === 'account');
    expect(textOf(await snapshot(page)).includes('Signed in as leaving@example.com'), textOf(await snapshot(page)));
    await item(page, 'account.privacy');
    await click(page, 'account.delete');
    await item(page, 'account.delete.confirm');
    // Until the address is typed in full, the button does nothing.
    await type(page, 'account.delete.confirm', 'leaving@example');
    await click(page, 'account.delete.submit');
    await sleep(500);
    expect(await canLogIn('leaving@example.com'), 'the account went without its address typed in full');
    await shot(page, 'app-en-account-delete.png');
    await type(page, 'account.delete.confirm', 'Leaving@example.com');
    await click(page, 'account.delete.submit');
    await state(page, 'signed out after the deletion', (s) => s.screen === 'account' && s.account_message.includes('is deleted'));
    expect(!(await snapshot(page)).items.some((i) => i.key === 'nav.logout'), 'still shown as signed in');
    expect(!(await canLogIn('leaving@example.com')), 'the deleted account still logs in');
    let confirmation;
    for (let i = 0; i < 100 && !confirmation; i++) {
      confirmation = mails('leaving@example.com').find((m) => m.subject === 'Your Tirage account is deleted');
      if (!confirmation) await sleep(100);
    }
    expect(confirmation, 'no mail confirms the deletion');
    expect(confirmation.text.includes(`${base}/privacy?lang=en`), `the mail does not link the privacy policy: ${confirmation.text}`);
    await ctx.close();
  });

  await test('the post import says its comments go through the server, unlike a file', async () => {
    const { ctx, page } = await openApp('en-US');
    await logIn(page, 'phone@example.com');
    await click(page, 'home.new');
    await click(page, 'home.confirm_new.yes').catch(() => {});
    await click(page, 'step.participants');
    expect(textOf(await snapshot(page)).includes('A pasted list or a file stays in your browser'), textOf(await snapshot(page)));
    await click(page, 'list.mode.1');
    const t = await waitFor(page, 'the post import note', (s) => textOf(s).includes('the Tirage server fetches them') && textOf(s));
    expect(!t.includes('A pasted list or a file stays in your browser'), 'the file note shows for a post import');
    await item(page, 'post.privacy_link');
    await ctx.close();
  });

  await test('no page broke its Content-Security-Policy', async () => {
    expect(cspViolations.length === 0, `blocked:\n${cspViolations.join('\n')}`);
  });
});
