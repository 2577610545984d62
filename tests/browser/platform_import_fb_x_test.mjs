// The organizer app against a real tirage-server in Debian's Chromium, for
// two platform features: an X import that keeps collecting new replies as
// the giveaway runs (the server searches again every 2 s here; the fake X
// gains replies mid-test and they reach the app without a reload; stopping
// keeps them; committing the draw freezes the list and stops collecting),
// and a Facebook account managing two Pages, connected through the
// Connections screen (fake OAuth), whose picker asks which Page first, then
// lists that Page's posts and imports one into a draw.
// Prints "N passed, N failed"; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { expect, freePort, launchChromium, repo, run, shot, sleep, spawnProcess, startServer, test, waitForUrl, workDir }
  from './harness.mjs';
import { backFromConnecting, requireAppBuild, trackedPage, click, present, serverImport, snapshot, state, textOf, textWith, type, waitFor } from './app_automation.mjs';

const { server, appDir } = requireAppBuild();
const work = workDir('tirage-fb-x-import');

const [port, oauthPort, xPort, fbPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const oauth = `http://localhost:${oauthPort}`;  // another site than the app, as the real providers are
const xApi = `http://127.0.0.1:${xPort}`;
const fbApi = `http://127.0.0.1:${fbPort}`;
const data = join(work, 'data');
const env = { ...process.env, TIRAGE_TOKEN_KEY: 'ef'.repeat(32),
  TIRAGE_FACEBOOK_CLIENT_ID: 'fb-app-1', TIRAGE_FACEBOOK_CLIENT_SECRET: 'fb-secret-1',
  TIRAGE_X_CLIENT_ID: 'x-client-1', TIRAGE_X_CLIENT_SECRET: 'x-secret-1' };
const X_POST = '1858000000000000000';
const SHOP = '104857600000001', CAFE = '104857600000002';
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const fakeConfig = (url, body) => post(`${url}/_fake/config`, body);
// "YYYY-MM-DD HH:MM" in the page's local time, seconds from now.
const localIn = (page, seconds) => page.evaluate((s) => {
  const d = new Date(Date.now() + s * 1000), p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}, seconds);
async function newGiveaway(page, name) {
  if ((await snapshot(page)).state.screen !== 'home') await click(page, 'nav.home');
  await click(page, 'home.new');
  await sleep(200);
  await state(page, 'a new giveaway', (s) => s.screen === 'editor' && s.import_id === '');
  await type(page, 'details.name', name);
  await click(page, 'nav.next');
  await click(page, 'list.mode.1');
}
async function chooseX(page) {
  await click(page, 'post.platform');
  await click(page, 'post.platform.3');
  await textWith(page, 'X chosen', 'X: connected as demo_shop.');
}
// Starts an X import of the giveaway post that collects until a day from now; the import once its first pass is in.
async function startCollecting(page) {
  await chooseX(page);
  await click(page, 'post.collect');
  await type(page, 'post.collect_until', await localIn(page, 86400));
  await type(page, 'post.link', `https://x.com/demoshop/status/${X_POST}`);
  await click(page, 'post.start');
  return state(page, 'the first pass in the list', (s) => s.import_state === 'watching' && s.source_is_post &&
    s.pipeline === 'ready' && s.comments > 0, 60000);
}
// Waits until the app's list has what the server's import holds (and more than `than`).
async function listCatchesUp(page, id, than, timeout = 60000) {
  const until = Date.now() + timeout;
  let s, server;
  while (Date.now() < until) {
    s = (await snapshot(page)).state;
    server = await serverImport(page, id);
    if (s.pipeline === 'ready' && s.comments === server.progress.comments && s.comments > than) return { s, server };
    await sleep(200);
  }
  throw new Error(`the list never caught up: app ${JSON.stringify(s)}, server ${JSON.stringify(server)}`);
}

execFileSync(server, ['user', 'add', '--data', data, '--email', 'shop@example.com', '--password', 'collect test password', '--plan', 'business'],
  { env, stdio: 'ignore' });
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_oauth.py'), String(oauthPort),
  'facebook:fb-app-1:fb-secret-1', 'x:x-client-1:x-secret-1']);
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_x.py'), '--port', String(xPort), '--comments', '20',
  '--token', 'no-fixed-token-here', '--token-check', `http://127.0.0.1:${oauthPort}/_fake/token`]);
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_facebook.py'), '--port', String(fbPort), '--comments', '40',
  '--token', 'no-fixed-token-here', '--token-check', `http://127.0.0.1:${oauthPort}/_fake/token`]);
await run(async () => {
  await waitForUrl(`${oauth}/_fake/log`);
  await waitForUrl(`${xApi}/_fake/stats`);
  await waitForUrl(`${fbApi}/_fake/stats`);
  await startServer(['--beacon', 'local', '--app-dir', appDir, '--oauth-sandbox', oauth, '--sandbox',
    '--platform-url', `x=${xApi}`, '--platform-url', `facebook=${fbApi}`, '--x-collect-interval-s', '2'], { data, env, port });
  const browser = await launchChromium({ webgl: true });
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  const page = await trackedPage(ctx);
  await page.goto(`${base}/app`);

  await test('log in, connect X and a Facebook account managing two Pages on the Connections screen', async () => {
    await type(page, 'account.email', 'shop@example.com');
    await type(page, 'account.password', 'collect test password');
    await click(page, 'account.login.submit');
    await state(page, 'home', (s) => s.screen === 'home');
    await post(`${oauth}/_fake/identity`, { provider: 'facebook', subject: 'fb-shop-owner', name: 'Shop Owner',
      email: 'shop@example.com', email_verified: true,
      pages: JSON.stringify([{ id: SHOP, name: 'Demo Shop' }, { id: CAFE, name: 'Demo Café' }]) });
    for (const platform of ['x', 'facebook']) {
      await click(page, 'home.connections');
      await state(page, 'connections', (s) => s.screen === 'connections');
      await click(page, `connections.connect.${platform}`);
      await backFromConnecting(page, platform);
      await state(page, `${platform} connected`, (s) => s.screen === 'connections' && s.connected.includes(platform));
      await click(page, 'nav.back');
      await state(page, 'home', (s) => s.screen === 'home');
    }
  });

  let collecting;
  await test('X: "keep collecting until" defaults to a week ahead and refuses a bad date with the reason', async () => {
    await newGiveaway(page, 'X giveaway');
    await chooseX(page);
    await click(page, 'post.collect');
    const field = await present(page, 'post.collect_until');
    expect(field.value === await localIn(page, 7 * 86400) || field.value === await localIn(page, 7 * 86400 - 60),
      `the default is ${field.value}, not a week ahead`);
    await textWith(page, 'what collecting does', 'Tirage will search X for new replies regularly until');
    await type(page, 'post.link', `https://x.com/demoshop/status/${X_POST}`);
    for (const [typed, reason] of [['next friday', 'Write the date as YYYY-MM-DD HH:MM'],
      [await localIn(page, 61 * 86400), 'At most 60 days ahead'], [await localIn(page, -3600), 'already passed']]) {
      await type(page, 'post.collect_until', typed);
      await textWith(page, `the reason for "${typed}"`, reason);
      await click(page, 'post.start');
      await sleep(500);
      expect((await snapshot(page)).state.import_id === '', `an import started with collect-until "${typed}"`);
    }
  });

  await test('X: the import collects, says when it searches next, and new replies reach the list without a reload', async () => {
    await type(page, 'post.collect_until', await localIn(page, 86400));
    await click(page, 'post.start');
    const first = await state(page, 'the first pass in the list', (s) => s.import_state === 'watching' && s.source_is_post &&
      s.pipeline === 'ready' && s.comments > 0, 60000);
    collecting = first.import_id;
    const job = await serverImport(page, collecting);
    expect(job.watching === true && Math.abs(job.collect_until - (Date.now() / 1000 + 86400)) < 120,
      `the server's import: ${JSON.stringify(job)}`);
    expect(first.comments === job.progress.comments && first.participants === first.comments,
      `app ${first.comments} comments, ${first.participants} participants; server ${job.progress.comments}`);
    const t = await textWith(page, 'the collection status', 'Collecting new replies until');
    expect(t.includes(`${first.comments} replies so far`), `no count: ${t}`);
    expect(t.includes('Next search for new replies:') || t.includes('Searching X for new replies'), `no next search: ${t}`);
    expect(t.includes('Stopping keeps every reply collected so far'), `what stopping means is not said: ${t}`);
    await present(page, 'post.stop_collecting');
    await shot(page, 'app-en-x-collecting.png');
    const navigations = page.visited.length;
    await fakeConfig(xApi, { comments: 27 });  // seven people reply while the giveaway runs
    const { s, server } = await listCatchesUp(page, collecting, first.comments);
    expect(s.comments === first.comments + 7, `${s.comments} comments after 7 new replies (had ${first.comments})`);
    expect(s.participants === s.comments && s.import_id === collecting, JSON.stringify(s));
    expect(server.collections >= 2, `the server made ${server.collections} passes`);
    expect(page.visited.length === navigations, `the page navigated: ${page.visited.slice(navigations).join(' ')}`);
    const sinceIds = (await (await fetch(`${xApi}/_fake/stats`)).json()).since_ids;
    expect(sinceIds.some((x) => x !== ''), `later passes did not search since the newest reply: ${sinceIds}`);
  });

  await test('X: after a reload the import is followed again and later replies still arrive', async () => {
    await state(page, 'saved', (s) => s.saved);
    await page.reload();
    const back = await state(page, 'restored', (s) => s.screen === 'editor' && s.import_id === collecting && s.import_state === 'watching' &&
      s.pipeline === 'ready' && s.comments > 0, 30000);
    await sleep(1500);
    expect((await snapshot(page)).state.import_fetched === 0, 'the replies already in the list were read again');
    await fakeConfig(xApi, { comments: 30 });
    const { s } = await listCatchesUp(page, collecting, back.comments);
    expect(s.comments === back.comments + 3, `${s.comments} after 3 more (had ${back.comments})`);
  });

  await test('X: "Stop collecting" keeps the replies so far and X is searched no more', async () => {
    const before = (await snapshot(page)).state;
    await click(page, 'post.stop_collecting');
    await state(page, 'stopped', (s) => s.import_state === 'cancelled');
    const t = await textWith(page, 'what stopping did', 'Collecting stopped at your request');
    expect(t.includes(`the ${before.comments} replies collected until then stay in the list`), t);
    expect(t.includes('every reply found up to the last complete search') && !t.includes('did not reach the end') &&
      !t.includes('INCOMPLETE'), `a collection stopped between searches reads as a broken import: ${t}`);
    const searches = (await (await fetch(`${xApi}/_fake/stats`)).json()).since_ids.length;
    await fakeConfig(xApi, { comments: 33 });
    await sleep(5000);
    const after = (await snapshot(page)).state;
    expect(after.comments === before.comments && after.participants === before.participants && after.pipeline === 'ready',
      `the list changed after stopping: ${JSON.stringify(after)}`);
    expect((await serverImport(page, collecting)).progress.comments === before.comments, 'the server collected after stopping');
    expect((await (await fetch(`${xApi}/_fake/stats`)).json()).since_ids.length === searches, 'X was searched after stopping');
  });

  await test('X: committing the draw freezes the list and stops collecting; later replies stay out', async () => {
    await newGiveaway(page, 'X giveaway, committed');
    const first = await startCollecting(page);
    await click(page, 'nav.next');
    await click(page, 'nav.next');
    await click(page, 'settings.beacon.1');
    await click(page, 'step.draw');
    await click(page, 'draw.commit');
    await state(page, 'the draw', (s) => s.draw_phase === 'drawn' || s.draw_phase === 'failed', 60000);
    expect((await snapshot(page)).state.draw_error === '', `draw failed: ${(await snapshot(page)).state.draw_error}`);
    const until = Date.now() + 20000;
    let job;
    while (Date.now() < until && (job = await serverImport(page, first.import_id)).state !== 'cancelled') await sleep(200);
    expect(job.state === 'cancelled', `the committed list's import still collects: ${JSON.stringify(job)}`);
    await fakeConfig(xApi, { comments: 36 });
    await sleep(5000);
    const s = (await snapshot(page)).state;
    expect(s.comments === first.comments && s.draw_phase === 'drawn', `the committed list changed: ${JSON.stringify(s)}`);
    await click(page, 'step.participants');
    await textWith(page, 'the frozen note', 'The list was committed for the draw, so collecting stops');
    await shot(page, 'app-en-x-committed.png');
  });

  await test('Facebook, two Pages: the picker asks which Page, lists its posts, imports one into a draw', async () => {
    await newGiveaway(page, 'Facebook giveaway');
    await click(page, 'post.platform');
    await click(page, 'post.platform.1');
    await textWith(page, 'the connection line', 'Facebook: connected as Shop Owner.');
    await click(page, 'post.picker.open');
    const t = await textWith(page, 'the Page question', 'This Facebook account manages several Pages');
    expect(!t.includes('Choose one') && !(await snapshot(page)).items.some((i) => i.key === 'post.picker.error'),
      `the several-Pages answer shows as an error: ${t}`);
    // The question shows at once; the Pages' names arrive with the server's answer.
    const pageButtons = (snap) => snap.items.filter((i) => i.key.startsWith('post.page.1')).map((i) => i.label);
    const pages = await waitFor(page, 'the Pages to choose from', (snap) => pageButtons(snap).length >= 2 && pageButtons(snap))
      .catch(async () => pageButtons(await snapshot(page)));
    expect(pages.join('|') === 'Demo Shop|Demo Café', `the Pages offered: ${pages}`);
    expect(!(await snapshot(page)).items.some((i) => i.key.startsWith('post.pick.')), 'posts listed before a Page was chosen');
    await shot(page, 'app-en-facebook-pages.png');
    await click(page, `post.page.${CAFE}`);
    await textWith(page, 'the chosen Page', 'Page: Demo Café');
    await present(page, `post.pick.${CAFE}_122100000000000123`);
    const listed = (await snapshot(page)).items.filter((i) => i.key.startsWith('post.pick.')).map((i) => i.key);
    expect(listed.length === 25 && listed.every((k) => k.startsWith(`post.pick.${CAFE}_`)), `posts listed: ${listed.join(' ')}`);
    await click(page, 'post.picker.next');
    await present(page, `post.pick.${CAFE}_122000000000000029`);
    await click(page, 'post.picker.previous');
    await click(page, `post.pick.${CAFE}_122100000000000123`);
    const done = await state(page, 'the import in the list', (s) => s.import_state === 'done' && s.source_is_post && s.pipeline === 'ready', 60000);
    const job = await serverImport(page, done.import_id);
    expect(job.post_id === `${CAFE}_122100000000000123`, `imported ${job.post_id}`);
    expect(done.comments === job.progress.comments && done.comments >= 40, `app ${done.comments}, server ${job.progress.comments}`);
    const tokens = (await (await fetch(`${fbApi}/_fake/stats`)).json()).tokens;
    expect(tokens.some((k) => k.startsWith(`EAAGpage${CAFE}`)), `the Café Page's token was not used: ${tokens}`);
    await click(page, 'nav.next');
    await click(page, 'nav.next');
    await click(page, 'settings.beacon.1');
    await click(page, 'step.draw');
    await click(page, 'draw.commit');
    const drawn = await state(page, 'the draw', (s) => s.draw_phase === 'drawn' || s.draw_phase === 'failed', 60000);
    expect(drawn.draw_error === '' && drawn.draw_id, `draw failed: ${drawn.draw_error}`);
    const d = await page.evaluate(async (id) => (await fetch(`/api/v1/draws/${id}`)).json(), drawn.draw_id);
    const committed = JSON.stringify(d.commitment);
    expect(committed.includes(`"participants_count":${done.participants}`) && committed.includes(`${CAFE}_122100000000000123`),
      `the draw does not commit the ${done.participants} entries of the Café post: ${committed}`);
  });
});
