// Issue 6 item 8: a post with N comments (default 100,000; 25 per page as
// Instagram pages them: 4,000 pages) imported from the fake Instagram server
// through a real tirage-server into the organizer app in headless Chromium,
// up to a committed participant list. Reports the wall time and where it
// went: the server waiting on the platform vs in our code (its timing), the
// app fetching the comments from our server vs appending them (our code),
// and the app's own Wasm work per stage (read the JSON lines, filter, list,
// hash). Also the longest gap between two frames (did the page freeze?).
// The app's fetch is split per request with the browser's Resource Timing:
// the server's time to the first byte, the transfer, and the app's own time
// between one answer and its next request; and one page fetched with what
// Chromium accepts (gzip, deflate, br, zstd) against identity, to show what
// compression costs (it was Brotli at quality 11: ~0.4 s a page, 43 s in all).
//   node tests/bench/app_import_bench.mjs [comments]
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
import { click, state, type, waitFor } from '../browser/app_automation.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const comments = Number(process.argv[2] || 100000);
const work = mkdtempSync(join(tmpdir(), 'tirage-app-import-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const [port, igPort] = [await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const data = join(work, 'data');
const server = join(repo, 'build/native/tirage-server');
execFileSync(server, ['user', 'add', '--data', data, '--email', 'bench@example.com', '--password', 'bench password 1234'], { stdio: 'ignore' });
const procs = [
  spawn('/usr/bin/python3', [join(repo, 'tests/fakes/fake_instagram.py'), '--port', String(igPort), '--comments', String(comments)], { stdio: 'ignore' }),
  // The fake's fixed token for every import (--sandbox-token): this measures the import, not the OAuth round trip.
  spawn(server, ['--listen', `127.0.0.1:${port}`, '--data', data, '--beacon', 'local', '--static', repo, '--public-url', base,
    '--app-dir', join(repo, 'build/wasm/app-automation'), '--sandbox', '--sandbox-token', 'sandbox-token',
    '--platform-url', `instagram=http://127.0.0.1:${igPort}`], { stdio: 'ignore' }),
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
let failed = false;
try {
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`${base}/healthz`)).ok && (await fetch(`http://127.0.0.1:${igPort}/_fake/stats`)).ok) break; } catch {} await sleep(50); }
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await page.goto(`${base}/app`);
  await type(page, 'account.email', 'bench@example.com');
  await type(page, 'account.password', 'bench password 1234');
  await click(page, 'account.login.submit');
  await state(page, 'home', (s) => s.screen === 'home');
  await click(page, 'home.new');
  await click(page, 'step.participants');
  await click(page, 'list.mode.1');
  await click(page, 'post.include_replies');  // top-level comments: 25 a page, as the figure
  await type(page, 'post.link', 'https://www.instagram.com/p/DAbCdEfGh1J/');
  await page.evaluate(() => {
    performance.setResourceTimingBufferSize(100000);
    window.gaps = []; let last = performance.now(); const f = (t) => { window.gaps.push(t - last); last = t; requestAnimationFrame(f); }; requestAnimationFrame(f);
  });
  const t0 = Date.now();
  await click(page, 'post.start');
  let tDone = 0;
  const s = await waitFor(page, 'the import and the list', ({ state: s }) => {
    if (!tDone && s.import_state === 'done') tDone = Date.now();
    return ((s.source_is_post && (s.pipeline === 'ready' || s.pipeline === 'failed')) || ['failed', 'stopped', 'cancelled'].includes(s.import_state)) && s;
  }, 3600 * 1000);
  const total = (Date.now() - t0) / 1000;
  const job = await page.evaluate(async (id) => (await fetch(`/api/v1/imports/${id}`)).json(), s.import_id);
  const maxGap = await page.evaluate(() => Math.max(...window.gaps.slice(1)));
  // The app's own comment requests, from the browser's Resource Timing: server wait, transfer, and the app's time between them.
  const split = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/comments?offset='));
    const sum = (f) => e.reduce((a, r, i) => a + f(r, i), 0);
    return { n: e.length, span: e.length ? e[e.length - 1].responseEnd - e[0].startTime : 0,
      queued: sum((r) => r.requestStart - r.startTime), ttfb: sum((r) => r.responseStart - r.requestStart),
      transfer: sum((r) => r.responseEnd - r.responseStart), between: sum((r, i) => i ? r.startTime - e[i - 1].responseEnd : 0),
      encoded: sum((r) => r.encodedBodySize), decoded: sum((r) => r.decodedBodySize) };
  });
  // One such page from the page's JS, as Chromium asks for it and uncompressed (a fetch cannot refuse compression:
  // the identity figure comes from Node's fetch with the page's cookie).
  const raw = await page.evaluate(async (id) => {
    const t = performance.now();
    const r = await fetch(`/api/v1/imports/${id}/comments?offset=0&limit=1000`, { cache: 'no-store' });
    const h = performance.now();
    const text = await r.text();
    return { headers: h - t, body: performance.now() - h, bytes: text.length };
  }, s.import_id);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const timed = async (encoding) => {
    const t = performance.now();
    const r = await fetch(`${base}/api/v1/imports/${s.import_id}/comments?offset=0&limit=1000`, { headers: { cookie, 'accept-encoding': encoding } });
    const h = performance.now();
    const bytes = (await r.arrayBuffer()).byteLength;
    return { ms: performance.now() - t, headers: h - t, encoding: r.headers.get('content-encoding') || 'none', bytes };
  };
  const asChromium = await timed('gzip, deflate, br, zstd'), identity = await timed('identity');
  if (job.state !== 'done' || s.pipeline !== 'ready' || s.comments !== comments) {
    failed = true;
    console.log(`app import bench FAILED: import ${job.state} ${JSON.stringify(job.error || {})}, app pipeline ${s.pipeline} ${s.pipeline_error}, ${s.comments} comments of ${comments}`);
  }
  const t = job.timing, p = job.progress;
  const serverWall = (tDone - t0) / 1000, appWall = (Date.now() - tDone) / 1000;
  const stage = s.stage_ms.map((x) => x / 1000);
  const appCode = s.import_fetch_work_ms / 1000 + stage.reduce((a, b) => a + b, 0);
  console.log(`app import: ${p.comments} Instagram comments, ${p.pages} pages, post to committed list in ${total.toFixed(1)} s ` +
    `(${(p.comments / total).toFixed(0)} comments/s)`);
  console.log(`  server import ${serverWall.toFixed(1)} s (as polled): waiting on the platform ${(t.network_ms / 1000).toFixed(1)} s, ` +
    `our server code ${(t.work_ms / 1000).toFixed(1)} s (parse ${(t.parse_ms / 1000).toFixed(2)} s, the rest mostly SQLite commits per page)`);
  console.log(`  app ${appWall.toFixed(1)} s after "done": fetching ${s.import_fetched} comments from tirage-server (1,000 a request) ` +
    `${(s.import_fetch_ms / 1000).toFixed(2)} s, of which appending in the app ${(s.import_fetch_work_ms / 1000).toFixed(2)} s; ` +
    `Wasm work per stage (read JSON lines, filter, list, hash) ${stage.map((x) => x.toFixed(2)).join(' / ')} s; ` +
    `one such request from plain JS: ${raw.headers.toFixed(0)} ms to the headers + ${raw.body.toFixed(0)} ms for ${(raw.bytes / 1e3).toFixed(0)} kB`);
  console.log(`  the app's ${split.n} comment requests over ${(split.span / 1000).toFixed(2)} s: queued in the browser ${(split.queued / 1000).toFixed(2)} s, ` +
    `server to first byte ${(split.ttfb / 1000).toFixed(2)} s, transfer ${(split.transfer / 1000).toFixed(2)} s, ` +
    `the app between an answer and its next request ${(split.between / 1000).toFixed(2)} s; ` +
    `${(split.decoded / 1e6).toFixed(1)} MB sent as ${(split.encoded / 1e6).toFixed(1)} MB`);
  console.log(`  one 1,000-comment page: accepting what Chromium accepts ${asChromium.ms.toFixed(1)} ms (${asChromium.encoding}, ` +
    `${(asChromium.bytes / 1e3).toFixed(0)} kB), uncompressed ${identity.ms.toFixed(1)} ms (${(identity.bytes / 1e3).toFixed(0)} kB)`);
  console.log(`  in our code overall: server ${(t.work_ms / 1000).toFixed(1)} s + app ${appCode.toFixed(2)} s; ` +
    `waiting on the platform ${(t.network_ms / 1000).toFixed(1)} s; longest frame gap ${maxGap.toFixed(0)} ms`);
} finally {
  await browser.close();
  for (const p of procs) p.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
