// YouTube and TikTok in the organizer app, in Debian's Chromium against a real
// tirage-server. YouTube: connecting through Google (the fake OAuth server) on
// the Connections screen; picking the video among the channel's uploads;
// following the import of its comment threads, replies the API did not return
// inline included (comments.list); the counts and what YouTube counted but
// never returned; filtering, drawing, publishing, verified on the public page;
// comments turned off on a video and the daily quota used up (said plainly,
// Resume finishes once the quota is back). TikTok: no API lists a video's
// comments for the organizer, so the app lists the videos with their comment
// counts, says why it cannot import them, and guides the organizer to the
// file import; a TikTok-shaped export is imported, drawn and published as
// TikTok entries. The platform fakes accept exactly the tokens the OAuth fake
// issued (platform_fake.py --token-check).
// Prints "N passed, N failed"; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, freePort, launchChromium, repo, run, shot, sleep, spawnProcess, startServer, test, waitForUrl, workDir }
  from './harness.mjs';
import { backFromConnecting, requireAppBuild, trackedPage, click, serverImport, present, snapshot, state, textOf, textWith, type, waitFor } from './app_automation.mjs';

const { server, appDir } = requireAppBuild();
const work = workDir('tirage-yt-tiktok-import');

// The entries of a published draw's winners (GET /api/v1/draws/{id}: result.statement.winners[].entry).
const winnerEntries = (draw) => ((draw.result && draw.result.statement && draw.result.statement.winners) || []).map((w) => w.entry);
const json = (url) => fetch(url).then((r) => r.json());
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

// What fake_youtube.py serves for vidGiveaway with THREADS threads: every 8th thread has 4 replies of
// which 2 come inline (the other 2 only from comments.list); every 40th top-level author's channel is
// deleted (no authorChannelId: not a participant); the video's commentCount adds 3 held for review.
const THREADS = 200;
const REPLIED = THREADS / 8, DELETED = THREADS / 40;
const YT_COMMENTS = THREADS - DELETED + REPLIED * 4;
// "me please #giveaway" is every 4th top-level comment (i % 4 == 3); the deleted channels are all among them (i % 40 == 39).
const YT_HASHTAG = THREADS / 4 - DELETED;
const TT_ROWS = 30;  // the TikTok fake's giveaway video says 30 comments; the export has them all

// --- the world: OAuth fake, YouTube and TikTok fakes, server, browser --------
const [port, oauthPort, ytPort, ttPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const oauth = `http://localhost:${oauthPort}`;  // another site than the app, as the real providers are
const yt = `http://127.0.0.1:${ytPort}`;
const tt = `http://127.0.0.1:${ttPort}`;
const data = join(work, 'data');
const env = { ...process.env, TIRAGE_TOKEN_KEY: 'ab'.repeat(32),
  TIRAGE_GOOGLE_CLIENT_ID: 'google-client-1', TIRAGE_GOOGLE_CLIENT_SECRET: 'google-secret-1',
  TIRAGE_TIKTOK_CLIENT_ID: 'tt-client-1', TIRAGE_TIKTOK_CLIENT_SECRET: 'tt-secret-1' };
const tokenCheck = ['--token', 'no-fixed-token-here', '--token-check', `http://127.0.0.1:${oauthPort}/_fake/token`];

execFileSync(server, ['user', 'add', '--data', data, '--email', 'channel@example.com', '--password', 'youtube test password', '--plan', 'business'],
  { env, stdio: 'ignore' });
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_oauth.py'), String(oauthPort),
  'google:google-client-1:google-secret-1', 'tiktok:tt-client-1:tt-secret-1']);
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_youtube.py'), '--port', String(ytPort), '--comments', String(THREADS),
  ...tokenCheck]);
spawnProcess('/usr/bin/python3', [join(repo, 'tests/fakes/fake_tiktok.py'), '--port', String(ttPort), '--comments', String(TT_ROWS),
  ...tokenCheck]);

await run(async () => {
  await waitForUrl(`${oauth}/_fake/log`);
  await waitForUrl(`${yt}/_fake/stats`);
  await waitForUrl(`${tt}/_fake/stats`);
  await startServer(['--beacon', 'local', '--app-dir', appDir, '--oauth-sandbox', oauth, '--sandbox',
    '--platform-url', `youtube=${yt}`, '--platform-url', `tiktok=${tt}`], { data, env, port });
  const browser = await launchChromium({ webgl: true });
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  const page = await trackedPage(ctx);
  await page.goto(`${base}/app`);

  // Logs in unless the app already is (the TikTok tests run alone too: `node … TikTok`).
  const logIn = async () => {
    // Until its first frame the app has no state at all (no screen): wait for a real screen.
    await waitFor(page, 'the app', (s) => s.state && s.state.screen && s.state.screen !== 'starting');
    if ((await snapshot(page)).state.screen !== 'account') return;
    await type(page, 'account.email', 'channel@example.com');
    await type(page, 'account.password', 'youtube test password');
    await click(page, 'account.login.submit');
    await state(page, 'home', (s) => s.screen === 'home');
  };
  // A new giveaway at the participants step, "From a post", with the platform chosen (index in post_platforms()).
  const newPostGiveaway = async (name, platformIndex) => {
    // Back from Connections may land in the giveaway last open (after connecting, the page was reloaded).
    for (let k = 0; k < 3 && (await snapshot(page)).state.screen !== 'home'; k++) {
      await click(page, (await snapshot(page)).state.screen === 'connections' ? 'nav.back' : 'nav.home');
      await sleep(200);
    }
    await state(page, 'home', (s) => s.screen === 'home');
    await click(page, 'home.new');
    await sleep(200);
    await state(page, 'a new giveaway', (s) => s.screen === 'editor' && s.import_id === '');
    await type(page, 'details.name', name);
    await click(page, 'nav.next');
    await click(page, 'list.mode.1');
    await click(page, 'post.platform');
    await click(page, `post.platform.${platformIndex}`);
  };
  // Draws the giveaway in the editor and publishes it; the draw's id.
  const drawAndPublish = async () => {
    await click(page, 'step.settings');
    await click(page, 'settings.beacon.1');
    await click(page, 'step.draw');
    await click(page, 'draw.commit');
    await state(page, 'the draw', (s) => s.draw_phase === 'drawn' || s.draw_phase === 'failed', 60000);
    expect((await snapshot(page)).state.draw_error === '', `draw failed: ${(await snapshot(page)).state.draw_error}`);
    await state(page, 'the animation', (s) => s.animation_done, 30000);
    await click(page, 'draw.publish');
    return (await state(page, 'publication', (s) => s.draw_phase === 'published', 20000)).draw_id;
  };

  let channelName = '';
  await test('YouTube: log in, connect the channel through Google in the app, check it', async () => {
    await logIn();
    await post(`${oauth}/_fake/identity`, { provider: 'google', subject: 'g-channel-1', email: 'channel@example.com',
      email_verified: true, name: 'Demo Channel' });
    await click(page, 'home.connections');
    await state(page, 'connections', (s) => s.screen === 'connections');
    const before = (await json(`${oauth}/_fake/log`)).exchanges;
    await click(page, 'connections.connect.youtube');
    await backFromConnecting(page, 'youtube', 0);
    await state(page, 'back on the connections screen', (s) => s.screen === 'connections' && s.connected.includes('youtube'));
    const t = await textWith(page, 'the connected channel', 'Connected as ');
    channelName = /Connected as (.+?) since /.exec(t)[1];
    expect(t.includes('YouTube is connected.'), t);
    expect(JSON.stringify((await json(`${oauth}/_fake/log`)).exchanges) !== JSON.stringify(before), 'no code exchanged');
    const list = await page.evaluate(async () => (await fetch('/api/v1/connections')).json());
    const row = list.connections.find((c) => c.platform === 'youtube');
    expect(row && row.account_name === channelName, `the server lists ${JSON.stringify(list.connections)}`);
    await click(page, 'connections.check.youtube');
    await textWith(page, 'the check', `Working: the platform answers as ${channelName}.`);
  });

  let importId;
  await test('YouTube: pick the video among the uploads, follow the import with every reply, see what is missing', async () => {
    await newPostGiveaway('YouTube giveaway', 2);
    await textWith(page, 'the connection line', `YouTube: connected as ${channelName}.`);
    await click(page, 'post.picker.open');
    await present(page, 'post.pick.vidGiveaway');
    await click(page, 'post.picker.next');  // 31 uploads, 25 a page
    await present(page, 'post.pick.vidOld00029');
    await click(page, 'post.picker.previous');
    await present(page, 'post.pick.vidGiveaway');
    const before = await json(`${yt}/_fake/stats`);
    await post(`${yt}/_fake/config`, { slow_ms: 250 });  // slow enough to see it run
    await click(page, 'post.pick.vidGiveaway');
    const running = await state(page, 'the import running', (s) => s.import_state === 'running' && s.import_id !== '', 30000);
    importId = running.import_id;
    await waitFor(page, 'the progress bar', (s) => s.items.some((i) => i.key === 'post.progress' && /\d+ comments?/.test(i.label)), 30000);
    await shot(page, 'app-en-youtube-import-running.png');
    const done = await state(page, 'the import done and in the list', (s) => s.import_state === 'done' && s.source_is_post &&
      s.pipeline === 'ready', 120000);
    await post(`${yt}/_fake/config`, { slow_ms: 0 });
    const server = await serverImport(page, importId);
    expect(server.progress.comments === YT_COMMENTS, `the server imported ${server.progress.comments}, the fake has ${YT_COMMENTS}`);
    expect(done.comments === YT_COMMENTS && done.participants === YT_COMMENTS, `app ${done.comments} comments, ${done.participants} participants`);
    // The replies not returned inline were asked for, thread by thread (comments.list is counted with offset -1).
    const stats = await json(`${yt}/_fake/stats`);
    const offsets = stats.offsets.slice(before.offsets.length);
    // Every call carried the token the OAuth fake issued for the connection (the fake refuses any other).
    expect(stats.tokens.length > 0 && stats.tokens.every((t) => t.startsWith('ya29.')), `YouTube saw tokens ${JSON.stringify(stats.tokens)}`);
    expect(offsets.filter((o) => o === -1).length === REPLIED, `comments.list asked ${offsets.filter((o) => o === -1).length} times, not ${REPLIED}`);
    const t = textOf(await snapshot(page));
    expect(t.includes(`${YT_COMMENTS} comments`), `no comment count shown: ${t}`);
    const missing = server.problems.find((p) => p.code === 'not_returned');
    expect(missing && t.includes(`${missing.count} × ${missing.message}`), `what YouTube did not return is not listed: ${JSON.stringify(server.problems)}\n${t}`);
    for (const p of server.problems) expect(t.includes(p.message), `problem ${p.code} not shown: ${t}`);
    await shot(page, 'app-en-youtube-import-done.png');
  });

  await test('YouTube: filters apply to the comments and replies, then draw, publish, verified', async () => {
    await click(page, 'nav.next');
    await type(page, 'filters.hashtags', '#giveaway');
    await state(page, 'filtered', (s) => s.pipeline === 'ready' && s.participants === YT_HASHTAG);
    const drawId = await drawAndPublish();
    const pub = await (await browser.newContext()).newPage();
    await pub.goto(`${base}/v/${drawId}?lang=en`);
    await pub.waitForSelector('#checks[data-result]', { timeout: 30000 });
    const result = await pub.$eval('#checks', (el) => el.dataset.result);
    expect(result === 'verified', `the public page says ${result}: ${await pub.innerText('body')}`);
    const published = await pub.evaluate(async (id) => (await (await fetch(`/api/v1/draws/${id}`)).json()), drawId);
    const winners = winnerEntries(published);
    expect(winners.length === 1 && winners[0].platform === 'youtube', `the published winners are not YouTube entries: ${JSON.stringify(winners)}`);
    await pub.close();
  });

  await test('YouTube: comments turned off on a video are said plainly', async () => {
    await newPostGiveaway('No comments', 2);
    await type(page, 'post.link', 'https://www.youtube.com/watch?v=vidNoCommnt');
    await click(page, 'post.start');
    const s = await state(page, 'the import ended', (s) => s.import_id !== '' && s.import_state !== '' && s.import_state !== 'running', 30000);
    const server = await serverImport(page, s.import_id);
    expect(server.progress.comments === 0, `comments from a video without comments: ${server.progress.comments}`);
    const off = server.problems.find((p) => p.code === 'comments_disabled');
    expect(off, `no comments_disabled problem: ${JSON.stringify(server)}`);
    await textWith(page, 'the plain message', 'comments are turned off on this video');
  });

  await test('YouTube: the daily quota runs out mid-import, said plainly; Resume finishes once it is back', async () => {
    await newPostGiveaway('Quota', 2);
    await click(page, 'post.include_replies');  // top-level threads only: 2 pages of 100
    await type(page, 'post.link', 'https://youtu.be/vidGiveaway');
    await post(`${yt}/_fake/config`, { quota: 2, slow_ms: 0 });  // the count and the first page, then quotaExceeded
    await click(page, 'post.start');
    const stopped = await state(page, 'the import stopped', (s) => s.import_state === 'stopped', 60000);
    const server = await serverImport(page, stopped.import_id);
    expect(server.state === 'stopped' && server.error && server.error.code === 'quota_exhausted', `server ${JSON.stringify(server)}`);
    expect(server.progress.comments > 0 && server.progress.comments < THREADS - DELETED, `before the quota ran out: ${server.progress.comments}`);
    const t = await textWith(page, 'the reason', 'the YouTube API quota for today is used up');
    expect(t.includes(server.error.message), `the server's reason is not shown: ${t}`);
    await present(page, 'post.resume');
    await shot(page, 'app-en-youtube-quota.png');
    await post(`${yt}/_fake/config`, { quota: 10000 });  // the next day
    await click(page, 'post.resume');
    const done = await state(page, 'the import resumed and done', (s) => s.import_state === 'done' && s.source_is_post &&
      s.pipeline === 'ready', 60000);
    expect(done.comments === THREADS - DELETED, `comments after resume ${done.comments}`);
    expect((await serverImport(page, stopped.import_id)).progress.comments === THREADS - DELETED, 'the server disagrees');
  });

  await test('TikTok: connect, the picker lists the videos and their counts, and says why they cannot be imported', async () => {
    await logIn();
    if ((await snapshot(page)).state.screen === 'editor') await click(page, 'nav.home');
    await click(page, 'home.connections');
    await state(page, 'connections', (s) => s.screen === 'connections');
    await click(page, 'connections.connect.tiktok');
    await backFromConnecting(page, 'tiktok', 0);
    await state(page, 'TikTok connected', (s) => s.screen === 'connections' && s.connected.includes('tiktok'));
    await newPostGiveaway('Giveaway from a video export', 4);  // no "tiktok" in the name: the published entries must say it
    await textWith(page, 'the guidance', "TikTok does not let Tirage read a video's comments");
    await textWith(page, 'the connection line', 'TikTok: connected as ');
    await click(page, 'post.picker.open');
    const video = await present(page, 'post.pick.7300000000000000000');
    expect(video.label.includes(`${TT_ROWS} comments`), `the video's count is not shown: ${video.label}`);
    await textWith(page, 'why the picker cannot import', 'TikTok lets apps list your videos and their comment counts, not the comments');
    await click(page, 'post.pick.7300000000000000000');
    await sleep(500);
    expect((await snapshot(page)).state.import_id === '', 'picking a TikTok video started an import');
    // A pasted link is refused by the server with the same guidance.
    await type(page, 'post.link', 'https://www.tiktok.com/@demoshop/video/7300000000000000000');
    await click(page, 'post.start');
    const t = await waitFor(page, 'the refusal', (s) => s.items.find((i) => i.key === 'post.start_error') && textOf(s));
    expect(t.includes('TikTok offers no API that lists a video\'s comments with their authors'), t);
    await shot(page, 'app-en-tiktok-guidance.png');
  });

  await test('TikTok: the guided file import of an export, then draw and publish TikTok entries', async () => {
    await click(page, 'post.use_file');
    await present(page, 'list.import_file');
    // An ExportComments-style TikTok export: notes above the header, ";" as Excel writes it in Europe, replies with a SubId.
    const rows = ['Exported comments of https://www.tiktok.com/@demoshop/video/7300000000000000000;;;;;;',
      'Exported on 2025-11-21;;;;;;', ';;;;;;', 'Id;SubId;Name (click to view profile);Profile ID;Date;Likes;Comment'];
    let n = 0;
    for (let i = 0; n < TT_ROWS; i++) {
      rows.push(`${i + 1};;@tt_fan${i};MS4wLjABAAAA${String(i).padStart(4, '0')};2025-11-20 10:${String(i % 60).padStart(2, '0')}:00;${i % 5};` +
        (i % 3 === 0 ? `me please #giveaway ${i}` : `good luck everyone ${i}`));
      n++;
      if (i % 5 === 4 && n < TT_ROWS) {
        rows.push(`${i + 1};1;@tt_friend${i};MS4wLjABAAAB${String(i).padStart(4, '0')};2025-11-20 11:00:00;0;same here`);
        n++;
      }
    }
    const file = join(work, 'tiktok_comments_export.csv');
    writeFileSync(file, '\ufeff' + rows.join('\r\n') + '\r\n');
    const chooser = page.waitForEvent('filechooser');
    await click(page, 'list.import_file');
    await (await chooser).setFiles(file);
    const s = await state(page, 'the export read', (s) => s.pipeline === 'ready' || s.pipeline === 'failed', 30000);
    const issues = (await snapshot(page)).items.filter((i) => i.key.startsWith('list.issue')).map((i) => i.label).join(' | ');
    expect(s.pipeline === 'ready' && s.comments === TT_ROWS, `read ${s.comments} of ${TT_ROWS}, ${s.pipeline_error}`);
    // The export's notes above its header are skipped, and said so (the only line reported).
    expect(s.issues === 1 && issues.includes('Line 4: the 3 line(s) above the header row were skipped'), `issues: ${issues}`);
    expect(s.participants === TT_ROWS, `participants ${s.participants}`);
    await shot(page, 'app-en-tiktok-file.png');
    const drawId = await drawAndPublish();
    const published = await page.evaluate(async (id) => (await (await fetch(`/api/v1/draws/${id}`)).json()), drawId);
    const text = JSON.stringify(published);
    const winners = winnerEntries(published);
    expect(winners.length === 1 && winners[0].platform === 'tiktok', `the published winners are not TikTok entries: ${JSON.stringify(winners)}`);
    expect(/^@tt_(fan|friend)\d+$/.test(winners[0].name), `the winner is not from the export: ${JSON.stringify(winners)}`);
  });
});
