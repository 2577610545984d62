// Browser tests of the verify page in Debian's Chromium (playwright-core, no
// browser download): a real draw published through a real tirage-server is
// shown as verified; a tampered bundle shows the failing check; a bundle
// forged with another key (its own log, a local beacon ground until a friend
// wins: tests/support/forge_bundle) is refused by the page and the widget;
// the page shows what it verified and flags server HTML that differs; the
// widget shows substitutions; the page
// reads without JavaScript; a rewritten log is caught; a drand draw (made
// against tests/fakes/fake_drand.py serving a test chain the server pins with
// --drand-chain, its rounds really signed by drand_test_signer) has its BLS
// signature checked by the Wasm core (blst) and re-checked against the relay;
// a bundle whose signature is not the chain's fails the BLS check; the page
// says so when drand's API cannot be reached; the organizer's other
// commitments of the same list are listed on the page and in the widget;
// "Was I in the draw?" by exact entry and by handle (its privacy cost stated,
// a forged server answer caught in the browser). Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run, test, expect, sleep, repo, native, shot, freePort, workDir, spawnProcess, waitForUrl, startServer, launchChromium } from './harness.mjs';

const tool = native('tirage');
// A bundle anyone can make alone for one of this server's draws: a fresh key, its own log, a ground beacon.
const forge = (id) => JSON.parse(execFileSync(native('forge_bundle'), ['--draw-id', id, '--title', 'Concours de Noël', '--friend', 'participant12']));
const work = workDir('tirage-browser');

async function publishDraw(base, key, source = 'local') {
  const people = join(work, 'people.jsonl');
  writeFileSync(people, Array.from({ length: 30 }, (_, i) => JSON.stringify({ platform: 'list', id: `@Fan${i}`, name: `Fan ${i} Zoé` })).join('\n') + '\n');
  const p = JSON.parse(execFileSync(tool, ['participants', people]));
  const auth = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const created = await (await fetch(`${base}/api/v1/draws`, { method: 'POST', headers: auth, body: JSON.stringify({
    giveaway_id: 'g_browser', title: 'Concours de Noël', participants_root: p.participants_root,
    participants_count: p.participants_count, winners: 2, alternates: 1, beacon: { source } }) })).json();
  const id = created.draw_id;
  if (!id) throw new Error(`creating a ${source} draw failed: ${JSON.stringify(created)}`);
  for (;;) {
    const r = await fetch(`${base}/api/v1/draws/${id}/selection`);
    if (r.status === 200) break;
    await sleep(1000 * Math.min(5, Number(r.headers.get('retry-after') || 1)));
  }
  const view = await (await fetch(`${base}/api/v1/draws/${id}`)).json();
  const drawn = JSON.parse(execFileSync(tool, ['draw', '--participants', people, '--winners', '2', '--alternates', '1',
    '--commitment-hash', view.commitment_hash, '--beacon', view.beacon_value]));
  const r = await fetch(`${base}/api/v1/draws/${id}/result`, { method: 'POST', headers: auth,
    body: JSON.stringify({ winners: drawn.winners, alternates: drawn.alternates }) });
  expect(r.status === 201, `publishing the result answered ${r.status}`);
  return id;
}

async function verdictOf(page) {
  await page.waitForSelector('#checks[data-result]', { timeout: 20000 });
  return page.$eval('#checks', (el) => ({ result: el.dataset.result, text: el.innerText }));
}

await run(async () => {
  const data = join(work, 'data');
  // A drand relay serving a test chain (real BLS signatures under a test key, on
  // quicknet's schedule), which the server pins instead of quicknet.
  const signer = native('drand_test_signer');
  const chainFile = join(work, 'chain.json');
  writeFileSync(chainFile, execFileSync(signer, ['info']));
  const testChain = JSON.parse(readFileSync(chainFile, 'utf8'));
  const drandPort = await freePort();
  const relay = `127.0.0.1:${drandPort}`;
  spawnProcess('python3', [join(repo, 'tests/fakes/fake_drand.py'), '--port', String(drandPort), '--signer', signer]);
  const key = execFileSync(native('tirage-server'), ['user', 'add', '--data', data, '--email', 'browser@example.com', '--password', 'browser test password',
    '--api-key', '--plan', 'business'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop();
  await waitForUrl(`http://${relay}/stats`);
  const { base } = await startServer(['--beacon', 'auto', '--drand-urls', `http://${relay}`, '--drand-chain', chainFile], { data });
  const [id, drandId, subId] = await Promise.all([publishDraw(base, key), publishDraw(base, key, 'drand'), publishDraw(base, key)]);
  // A page fulfilled by a test route has no address space of its own, so Chromium's
  // Local Network Access checks would treat it as public and block its calls to the
  // fake drand relay on 127.0.0.1; real pages and relays are both public.
  const browser = await launchChromium({ args: ['--disable-features=LocalNetworkAccessChecks'] });

  await test('a real published draw is shown as verified', async () => {
    const page = await (await browser.newContext({ viewport: { width: 400, height: 900 } })).newPage();
    await page.goto(`${base}/v/${id}?lang=en`);
    const v = await verdictOf(page);
    expect(v.result === 'verified', `verdict ${v.result}: ${v.text}`);
    expect(v.text.includes('Every check holds'), v.text);
    await shot(page, 'verify-en.png', { fullPage: true });
  });

  await test('a tampered bundle shows which check failed', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.route('**/bundle', async (route) => {
      const bundle = await (await route.fetch()).json();
      bundle.result.statement.winners[0].entry.name = 'Mallory';
      await route.fulfill({ json: bundle });
    });
    await page.goto(`${base}/v/${id}?lang=en`);
    const v = await verdictOf(page);
    expect(v.result === 'failed', `verdict ${v.result}`);
    expect(/✗ The result is signed/.test(v.text), v.text);
    await shot(page, 'verify-tampered.png', { fullPage: true });
  });

  await test('a bundle forged with another key is refused, naming the key, and its winners are not shown as verified', async () => {
    const forgery = forge(id);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.route('**/bundle', (route) => route.fulfill({ json: forgery.bundle }));
    await page.goto(`${base}/v/${id}`);
    const v = await verdictOf(page);
    expect(v.result === 'failed', `verdict ${v.result}: ${v.text}`);
    const keyId = forgery.keys.keys[0].key_id;
    expect(/✗ The commitment is signed by a trusted Tirage key/.test(v.text), v.text);
    expect(v.text.includes(`key ${keyId} is offered by the bundle but not trusted`), v.text);
    expect(v.text.includes('Not verified'), v.text);
    const picks = await page.$eval('#picks', (el) => ({ cls: el.className, text: el.innerText }));
    expect(picks.cls.includes('unverified') && !picks.text.includes('Participant 12'), JSON.stringify(picks));
    await shot(page, 'verify-forged.png', { fullPage: true });
  });

  await test('the page shows what it verified, and says when the server\'s HTML differed', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    // The server's HTML, altered: another winner's name and another count. The bundle is genuine.
    let altered = '';
    await ctx.route(`**/v/${id}*`, async (route) => {
      const html = await (await route.fetch()).text();
      altered = html.replace(/(<ol class="winners">\n<li>)[^<]*/, '$1Mallory (list)')
        .replace(/(data-field="participants">)\d+/, '$1999');
      await route.fulfill({ body: altered, contentType: 'text/html; charset=utf-8' });
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${id}`);
    expect(altered.includes('Mallory') && altered.includes('>999<'), 'the page layout changed: the test altered nothing');
    const v = await verdictOf(page);
    expect(v.result === 'verified', `verdict ${v.result}: ${v.text}`);
    expect(/differed from what was verified \(winners, participants\)/.test(v.text), v.text);
    expect((await page.getAttribute('#checks', 'data-mismatch')) === 'winners,participants', 'data-mismatch');
    const bundle = await (await fetch(`${base}/api/v1/draws/${id}/bundle`)).json();
    const shown = await page.$$eval('#picks ol.winners > li', (lis) => lis.map((li) => li.textContent));
    const verified = bundle.result.statement.winners.map((w) => `${w.entry.name} (${w.entry.platform})`);
    expect(JSON.stringify(shown) === JSON.stringify(verified), `${JSON.stringify(shown)} vs ${JSON.stringify(verified)}`);
    expect((await page.textContent('dd[data-field="participants"]')) === '30', 'the count is not the verified one');
    // Unaltered, it says the values shown are the verified ones.
    const plain = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await plain.goto(`${base}/v/${id}`);
    const p = await verdictOf(plain);
    expect(p.text.includes('are the ones your browser just verified') && (await plain.getAttribute('#checks', 'data-mismatch')) === '', p.text);
  });

  await test('the page speaks French', async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${base}/v/${id}`);
    const v = await verdictOf(page);
    expect(v.text.includes('Toutes les vérifications sont bonnes'), v.text);
    expect(v.text.includes('Le résultat est signé par une clé Tirage de confiance'), `check lines are not in French: ${v.text}`);
    expect((await page.getAttribute('html', 'lang')) === 'fr', 'html lang is not fr');
  });

  await test('the essentials are readable without JavaScript', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${base}/v/${id}?lang=en`);
    const text = await page.innerText('main');
    expect(text.includes('Concours de Noël') && text.includes('Winners') && text.includes('Zoé'), text);
    expect(text.includes('tirage verify bundle.json'), 'no hint for checking without JavaScript');
    const og = await page.getAttribute('meta[property="og:title"]', 'content');
    expect(og && og.includes('Concours de Noël'), `og:title ${og}`);
  });

  await test('a log rewritten since the last visit is caught', async () => {
    const ctx = await browser.newContext();
    const sth = (await (await fetch(`${base}/api/v1/log/sth`)).json());
    const forged = structuredClone(sth);
    forged.statement.root_hash = '00'.repeat(32);
    await ctx.addInitScript((s) => localStorage.setItem('tirage.sth', s), JSON.stringify(forged));
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${id}?lang=en`);
    const v = await verdictOf(page);
    expect(v.result === 'failed' && v.text.includes('NOT consistent'), v.text);
  });
  const drandLine = (text, pattern) => text.split('\n').find((l) => pattern.test(l)) || '';
  const BLS_OK = /✓ drand's BLS signature on the committed round is valid under the chain's pinned public key/;
  const BLS_BAD = /✗ drand's BLS signature on the committed round is valid under the chain's pinned public key/;

  await test('a drand draw: the core\'s BLS check and the check against drand\'s API are green', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${base}/v/${drandId}`);
    const pinned = JSON.parse(await page.textContent('#drand'));
    expect(pinned.chain.hash === testChain.hash && pinned.chain.public_key === testChain.public_key, JSON.stringify(pinned));
    const v = await verdictOf(page);
    expect(v.result === 'verified', `verdict ${v.result}: ${v.text}`);
    expect(BLS_OK.test(v.text), v.text);
    expect(drandLine(v.text, /public API/).startsWith(`✓ drand's public API (${relay}) gives the same signature`), v.text);
    const green = await page.$$eval('ul.checks li.pass', (lis) => lis.map((li) => li.textContent).filter((t) => /BLS/.test(t)).length);
    expect(green === 1, 'the BLS line is not styled as passing');
    await shot(page, 'verify-drand.png', { fullPage: true });
  });

  await test('a bundle whose drand signature is not the chain\'s fails the BLS check', async () => {
    // The same round signed by another key, randomness = H(signature), the seed,
    // the selection and the envelopes all derived and signed consistently
    // (tests/support/example_bundle_tool.cpp): only the BLS check can tell.
    const forged = JSON.parse(execFileSync(native('example_bundle'), ['--drand-chain', testChain.metadata.beaconID, '--signed-by', 'not-drand']));
    const ctx = await browser.newContext({ locale: 'en-US' });
    await ctx.route('**/bundle', (route) => route.fulfill({ json: forged }));
    // The example key signs it: this page is made to trust that key (as if the
    // service's own key had signed a relay's lie), so only the BLS check is left.
    const exampleKeys = JSON.parse(readFileSync(join(repo, 'tests/vectors/bundle/keys.json'), 'utf8'));
    await ctx.route('**/.well-known/tirage-keys.json', (route) => route.fulfill({ json: exampleKeys }));
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drandId}`);
    const v = await verdictOf(page);
    expect(v.result === 'failed', `verdict ${v.result}: ${v.text}`);
    expect(/✓ The result is signed/.test(v.text) && /✓ The drand random value is the hash of its signature/.test(v.text), v.text);
    const bls = drandLine(v.text, BLS_BAD);
    expect(bls && bls.includes('does not verify') && bls.includes("this is not drand's random value"), v.text);
    expect(/✗ drand's public API \(.*\) gives a DIFFERENT signature/.test(v.text), v.text);
    await shot(page, 'verify-drand-forged.png', { fullPage: true });
  });

  await test('a tampered drand signature breaks the result\'s signature and differs from drand\'s API', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    await ctx.route('**/bundle', async (route) => {
      const bundle = await (await route.fetch()).json();
      const beacon = bundle.result.statement.beacon;
      // Another round's genuine signature, with randomness = H(signature).
      beacon.signature = execFileSync(signer, ['sign', String(beacon.round - 1)]).toString().trim();
      beacon.randomness = createHash('sha256').update(Buffer.from(beacon.signature, 'hex')).digest('hex');
      await route.fulfill({ json: bundle });
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drandId}`);
    const v = await verdictOf(page);
    expect(v.result === 'failed', `verdict ${v.result}`);
    expect(/✗ The result is signed/.test(v.text), v.text);
    expect(/✗ drand's public API \(.*\) gives a DIFFERENT signature/.test(v.text), v.text);
    await shot(page, 'verify-drand-tampered.png', { fullPage: true });
  });

  await test('offline, the page says the check against drand\'s API could not run', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    await ctx.route(`http://${relay}/**`, (route) => route.abort('internetdisconnected'));
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drandId}`);
    const v = await verdictOf(page);
    expect(BLS_OK.test(v.text), v.text);
    const line = drandLine(v.text, /public API/);
    expect(line.startsWith("– The check against drand's public API could not run") && line.includes(relay), line);
    const skipped = await page.$$eval('ul.checks li.skip', (lis) => lis.length);
    expect(skipped === 1, 'the skipped line must be neither green nor red');
  });

  await test('a relay\'s oversized answer is refused, not read whole', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    await ctx.route(`http://${relay}/**`, (route) => route.fulfill({ contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify({ round: 1, signature: '00', padding: 'x'.repeat(200 * 1024) }) }));
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drandId}`);
    const v = await verdictOf(page);
    const line = drandLine(v.text, /public API/);
    expect(line.startsWith("– The check against drand's public API could not run") && line.includes('answer too large'), line);
  });

  await test('without the server\'s pinned chain the verifier knows only quicknet: the test chain\'s round is refused', async () => {
    const ctx = await browser.newContext({ locale: 'fr-FR' });
    // The page as a server pinning quicknet would render it: no chain for this draw.
    await ctx.route(`**/v/${drandId}*`, async (route) => {
      const html = await (await route.fetch()).text();
      const without = html.replace(/<script type="application\/json" id="drand">[\s\S]*?<\/script>/, '');
      if (without === html) throw new Error('the page has no #drand element to remove');
      await route.fulfill({ body: without, contentType: 'text/html; charset=utf-8' });
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drandId}`);
    const v = await verdictOf(page);
    expect(v.result === 'failed', `verdict ${v.result}`);
    expect(/✗ La signature BLS de drand pour le tour engagé est valide/.test(v.text) && v.text.includes('is not one this verifier knows the public key of'), v.text);
  });

  await test('a participant in the list and one not in it', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${base}/v/${id}`);
    const ask = async (handle, name) => {
      await page.fill('#inclusion input[name=id]', handle);
      await page.fill('#inclusion input[name=name]', name);
      await page.click('#inclusion button');
      await page.waitForFunction(() => !/Checking/.test(document.getElementById('inclusion-result').textContent));
      return page.textContent('#inclusion-result');
    };
    expect((await ask('@Fan3', 'Fan 3 Zoé')).includes('not available'), 'before the upload the check must say it is not available');
    // The organizer publishes the leaf hashes (computed here as the organizer's browser would).
    const entries = Array.from({ length: 30 }, (_, i) => ({ id: `fan${i}`, name: `Fan ${i} Zoé`, platform: 'list' }))
      .sort((a, b) => Buffer.compare(Buffer.from(`list:${a.id}`), Buffer.from(`list:${b.id}`)));
    const leaves = Buffer.concat(entries.map((e) => createHash('sha256').update(Buffer.concat([Buffer.from([0]),
      Buffer.from(JSON.stringify({ id: e.id, name: e.name, platform: e.platform }))])).digest()));
    const up = await fetch(`${base}/api/v1/draws/${id}/leaves`, { method: 'POST', body: leaves,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/octet-stream' } });
    expect(up.ok, `leaf upload answered ${up.status}: ${await up.text()}`);
    const yes = await ask('@Fan3', 'Fan 3 Zoé');
    expect(yes.startsWith('Yes'), yes);
    const no = await ask('@Nobody', '');
    expect(no.includes('not in the list'), no);
    await shot(page, 'verify-inclusion.png', { fullPage: true });
  });

  await test('the organizer\'s other commitments of the same list are listed on the page', async () => {
    // Outcome shopping (issue 13): the same list committed again under another giveaway id, never published.
    const people = join(work, 'people.jsonl');
    const p = JSON.parse(execFileSync(tool, ['participants', people]));
    const created = await (await fetch(`${base}/api/v1/draws`, { method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ giveaway_id: 'g_browser_again', title: 'Concours de Noël (bis)', participants_root: p.participants_root,
        participants_count: p.participants_count, winners: 2, alternates: 1, beacon: { source: 'local' } }) })).json();
    expect(created.draw_id, `creating the second commitment failed: ${JSON.stringify(created)}`);
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 400, height: 900 } })).newPage();
    await page.goto(`${base}/v/${id}`);
    const item = page.locator(`#related li[data-draw="${created.draw_id}"]`);
    await item.scrollIntoViewIfNeeded();
    expect(await item.isVisible(), 'the other commitment is not visible on the page');
    const text = await item.innerText();
    expect(text.includes('Concours de Noël (bis)') && text.includes('no result yet') && text.includes('same list'), text);
    expect((await item.getAttribute('data-status')) === 'waiting', await item.getAttribute('data-status'));
    const heading = await page.innerText('#related h2');
    expect(heading.includes('Other draws by this organizer'), heading);
    // The other published draw of the same list and giveaway is there too.
    expect(await page.locator(`#related li[data-draw="${drandId}"][data-status="published"]`).isVisible(), 'the drand draw is not listed');
    await item.locator('a').click();
    await page.waitForURL(`**/v/${created.draw_id}`);
    expect(await page.locator(`#related li[data-draw="${id}"]`).isVisible(), 'the link back is missing');
    await shot(page, 'verify-related.png', { fullPage: true });
    // The organizer's page, linked from there, counts the draws of this month.
    await page.click('a[href^="/o/"]');
    await page.waitForURL('**/o/*');
    const month = new Date().toISOString().slice(0, 7);
    const row = page.locator(`table.months tr[data-month="${month}"]`);
    expect(await row.isVisible(), 'this month is not on the organizer page');
    const draws = Number(await row.locator('td.draws').innerText());
    expect(draws >= 3, `draws this month: ${draws}`);
    await shot(page, 'organizer-page.png', { fullPage: true });
  });

  await test('check by handle: the privacy cost is stated, a listed handle is found and checked, a forged answer is caught', async () => {
    // An Instagram list: the ids are numeric user ids, which participants do not know.
    const people = join(work, 'instagram.jsonl');
    const raw = Array.from({ length: 12 }, (_, i) => ({ platform: 'instagram', id: String(17841400000 + i), name: i === 3 ? '@Fan.Zoé_3' : `fan_${i}` }));
    writeFileSync(people, raw.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const p = JSON.parse(execFileSync(tool, ['participants', people]));
    const auth = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    const created = await (await fetch(`${base}/api/v1/draws`, { method: 'POST', headers: auth, body: JSON.stringify({
      giveaway_id: 'g_handles', title: 'Concours Instagram', participants_root: p.participants_root,
      participants_count: p.participants_count, winners: 1, alternates: 0, beacon: { source: 'local' } }) })).json();
    const drawId = created.draw_id;
    expect(drawId, `creating the draw failed: ${JSON.stringify(created)}`);
    const plain = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await plain.goto(`${base}/v/${drawId}`);
    expect(await plain.$('#handle-check') === null, 'a check by handle is offered before the organizer published a handle index');
    // The organizer's browser: leaf hashes in index order, then the handle index.
    const entries = raw.map((e) => ({ ...e, name: e.name.normalize('NFC') }))
      .sort((a, b) => Buffer.compare(Buffer.from(`instagram:${a.id}`), Buffer.from(`instagram:${b.id}`)));
    const leaves = Buffer.concat(entries.map((e) => createHash('sha256').update(Buffer.concat([Buffer.from([0]),
      Buffer.from(JSON.stringify({ id: e.id, name: e.name, platform: e.platform }))])).digest()));
    const up = await fetch(`${base}/api/v1/draws/${drawId}/leaves`, { method: 'POST', body: leaves,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/octet-stream' } });
    expect(up.ok, `leaf upload answered ${up.status}: ${await up.text()}`);
    const index = await fetch(`${base}/api/v1/draws/${drawId}/handles`, { method: 'POST', headers: auth,
      body: JSON.stringify({ count: entries.length, entries: entries.map((e, i) => ({ index: i, ...e })) }) });
    expect(index.ok, `handle index upload answered ${index.status}: ${await index.text()}`);

    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 400, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/v/${drawId}`);
    const privacy = await page.textContent('#handle-privacy');
    expect(privacy.includes('anyone can test whether a given handle took part') && privacy.includes('platform user id') &&
      privacy.includes('60 per minute per address') && privacy.includes('Instagram'), privacy);
    const ask = async (handle) => {
      await page.fill('#handle-check input[name=handle]', handle);
      await page.click('#handle-check button');
      await page.waitForFunction(() => !['running', undefined].includes(document.getElementById('handle-check').dataset.result));
      const r = await page.$eval('#handle-check', (f) => ({ state: f.dataset.result, text: document.getElementById('handle-result').textContent }));
      await page.$eval('#handle-check', (f) => { delete f.dataset.result; });
      return r;
    };
    const yes = await ask('@fan.zoé_3');
    expect(yes.state === 'in' && yes.text.startsWith('Yes: @Fan.Zoé_3 is in the committed list') && yes.text.includes('17841400003'), JSON.stringify(yes));
    await shot(page, 'verify-handle-check.png', { fullPage: true });
    const no = await ask('nobody_here');
    expect(no.state === 'out' && no.text.includes('nobody_here is not in the list'), JSON.stringify(no));
    // A server answering another person's entry for this handle, or a proof that does not lead to the committed root.
    let forge = (body) => { body.matches[0].name = 'fan_5'; body.matches[0].id = '17841400005'; };
    const lookups = (url) => url.pathname.endsWith('/inclusion');
    await page.route(lookups, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (response.ok) forge(body);
      await route.fulfill({ status: response.status(), json: body });
    });
    const other = await ask('fan_4');
    expect(other.state === 'bad' && other.text.includes('do not trust it'), `another entry passed for this handle: ${JSON.stringify(other)}`);
    forge = (body) => { body.matches[0].proof[0] = '00'.repeat(32); };
    const proof = await ask('fan_4');
    expect(proof.state === 'bad', `a broken proof passed: ${JSON.stringify(proof)}`);
    forge = (body) => { body.matches[0].name = 'FAN_4'; };  // same handle key, but not the committed leaf
    const renamed = await ask('fan_4');
    expect(renamed.state === 'bad', `a renamed entry passed: ${JSON.stringify(renamed)}`);
    await page.unroute(lookups);
    await page.route(lookups, (route) => route.fulfill({ status: 429, headers: { 'Retry-After': '60' },
      json: { error: { code: 'rate_limited', message: 'too many lookups from this address; wait a minute' } } }));
    const limited = await ask('fan_4');
    expect(limited.state === 'limited' && limited.text.includes('wait a minute'), JSON.stringify(limited));

    // In French, and the cost is readable without JavaScript.
    const fr = await (await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false })).newPage();
    await fr.goto(`${base}/v/${drawId}`);
    const frText = await fr.textContent('#handle-privacy');
    expect(frText.includes('N’importe qui peut donc tester si un pseudo donné a participé') && frText.includes('60 par minute'), frText);
  });

  await test('the widget renders on a hostile partner page from another origin and checks the draw', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    const hostile = readFileSync(join(repo, 'web/widget/demo.html'), 'utf8')
      .replace("'/assets/widget/widget.js'", `'${base}/assets/widget/widget.js'`);
    // The partner site lives on another origin: every call to Tirage is cross-origin.
    // A real second site on another port: another origin, so every call to Tirage is cross-origin.
    const partner = (await import('node:http')).createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(hostile);
    });
    const partnerPort = await freePort();
    await new Promise((r) => partner.listen(partnerPort, '127.0.0.1', r));
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${partnerPort}/giveaway?draw=${id}`);
    await page.waitForSelector('tirage-badge[data-status="drawn"]', { timeout: 15000 });
    const text = await page.$eval('tirage-badge', (b) => b.shadowRoot.textContent);
    expect(text.includes('Concours de Noël') && text.includes('Winners'), text);
    // The organizer's other draws of the same list show in the badge too.
    expect(text.includes('Other draws of the same list, post or giveaway by this organizer'), text);
    const listed = await page.$eval('tirage-badge', (b) => b.shadowRoot.querySelectorAll('.related li').length);
    expect(listed >= 1 && Number(await page.getAttribute('tirage-badge', 'data-related')) >= 1, `related in the badge: ${listed}`);
    // The host's `button { display: none !important }` does not reach inside.
    const visible = await page.$eval('tirage-badge', (b) => getComputedStyle(b.shadowRoot.querySelector('button')).display);
    expect(visible !== 'none', 'the host page hid the check button');
    const color = await page.$eval('tirage-badge', (b) => getComputedStyle(b.shadowRoot.querySelector('.title')).color);
    expect(color !== 'rgb(255, 0, 255)', `the host page's color leaked in: ${color}`);
    await page.evaluate(() => document.querySelector('tirage-badge').shadowRoot.querySelector('button').click());
    await page.waitForSelector('tirage-badge[data-result]', { timeout: 20000 });
    const result = await page.$eval('tirage-badge', (b) => b.dataset.result);
    expect(result === 'verified', `widget check: ${result}: ${await page.$eval('tirage-badge', (b) => b.shadowRoot.textContent)}`);
    expect(errors.length === 0, `page errors: ${errors.join('; ')}`);
    await shot(page, 'widget-hostile.png');

    // A forged bundle (another key, its own log, a ground beacon) fails in the badge.
    const forgery = forge(id);
    const forgedPage = await ctx.newPage();
    await forgedPage.route('**/bundle', (route) => route.fulfill({ json: forgery.bundle, headers: { 'Access-Control-Allow-Origin': '*' } }));
    await forgedPage.goto(`http://127.0.0.1:${partnerPort}/giveaway?draw=${id}`);
    await forgedPage.waitForSelector('tirage-badge[data-status="drawn"]', { timeout: 15000 });
    await forgedPage.evaluate(() => document.querySelector('tirage-badge').shadowRoot.querySelector('button').click());
    await forgedPage.waitForSelector('tirage-badge[data-result]', { timeout: 20000 });
    const forged = await forgedPage.$eval('tirage-badge', (b) => ({ result: b.dataset.result, text: b.shadowRoot.textContent }));
    expect(forged.result === 'failed' && forged.text.includes('A check failed') && !forged.text.includes('Participant 12'), JSON.stringify(forged));

    // A substitution shows who replaced whom and why, before and after the check.
    const subs = await fetch(`${base}/api/v1/draws/${subId}/substitutions`, { method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ replaced_rank: 1, reason: 'no answer within 7 days' }) });
    expect(subs.status === 201, `substitution answered ${subs.status}`);
    const view = await (await fetch(`${base}/api/v1/draws/${subId}`)).json();
    const r = view.result.statement;
    const line = `${r.alternates[0].entry.name} — replaces ${r.winners[0].entry.name}: no answer within 7 days`;
    const subPage = await ctx.newPage();
    await subPage.goto(`http://127.0.0.1:${partnerPort}/giveaway?draw=${subId}`);
    await subPage.waitForSelector('tirage-badge[data-status="drawn"]', { timeout: 15000 });
    const items = () => subPage.$eval('tirage-badge', (b) => [...b.shadowRoot.querySelectorAll('ol > li')].map((li) => li.textContent));
    const before = await items();
    expect(before[0] === line && before[1] === r.winners[1].entry.name, JSON.stringify(before));
    await subPage.evaluate(() => document.querySelector('tirage-badge').shadowRoot.querySelector('button').click());
    await subPage.waitForSelector('tirage-badge[data-result]', { timeout: 20000 });
    expect((await subPage.$eval('tirage-badge', (b) => b.dataset.result)) === 'verified', 'the substituted draw does not verify');
    const after = await items();
    expect(JSON.stringify(after) === JSON.stringify(before), `after the check: ${JSON.stringify(after)}`);
    await shot(subPage, 'widget-substitution.png');
    partner.close();
  });

  // Every violation of the page's Content-Security-Policy, as the page saw it (securitypolicyviolation).
  async function watchCsp(page) {
    const violations = [];
    await page.exposeFunction('cspViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => window.cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)));
    return violations;
  }

  await test('the verify page runs its checks under its Content-Security-Policy, with no violation', async () => {
    // The drand draw as the server answers it, headers and all (its CSP): the server pins the test chain itself.
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const violations = await watchCsp(page);
    const answer = await page.goto(`${base}/v/${drandId}`);
    const csp = answer.headers()['content-security-policy'] || '';
    expect(csp.includes('frame-ancestors *') && csp.includes(`http://${relay}`), `the verify page's CSP: ${csp}`);
    const v = await verdictOf(page);
    expect(v.result === 'verified', `verdict ${v.result}: ${v.text}`);
    expect(drandLine(v.text, /public API/).startsWith(`✓ drand's public API (${relay}) gives the same signature`), v.text);
    expect(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
  });

  await test('the widget keeps its style and checks the draw on a page whose CSP allows no inline style', async () => {
    // The demo page served by us carries our CSP: its own inline blocks are allowed by hash, nothing else inline.
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const violations = await watchCsp(page);
    await page.goto(`${base}/assets/widget/demo.html?draw=${id}`);
    await page.waitForSelector('tirage-badge[data-status="drawn"]', { timeout: 15000 });
    const radius = await page.$eval('tirage-badge', (b) => getComputedStyle(b.shadowRoot.querySelector('.card')).borderTopLeftRadius);
    expect(radius === '10px', `the badge lost its style: border radius ${radius}`);
    await page.evaluate(() => document.querySelector('tirage-badge').shadowRoot.querySelector('button').click());
    await page.waitForSelector('tirage-badge[data-result]', { timeout: 20000 });
    expect(await page.$eval('tirage-badge', (b) => b.dataset.result) === 'verified', 'the widget check did not verify');
    expect(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
  });
});
