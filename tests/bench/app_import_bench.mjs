// Issue 6 item 8: a post with N comments (default 100,000; 25 per page as
// Instagram pages them: 4,000 pages) imported from the fake Instagram server
// through a real tirage-server into the organizer app in headless Chromium,
// up to a committed participant list. Reports the wall time and where it
// went: the server waiting on the platform vs in our code (its timing), the
// app fetching the comments from our server vs appending them (our code),
// and the app's own Wasm work per stage (read the JSON lines, filter, list,
// hash). Also the longest gap between two frames (did the page freeze?).
//   node tests/bench/app_import_bench.mjs [comments]
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
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
  const snap = () => page.evaluate(() => window.tirageApp && JSON.parse(window.tirageApp.UTF8ToString(window.tirageApp._tirage_automation_snapshot())));
  const item = async (key) => {
    for (let k = 0; k < 400; k++) { const s = await snap().catch(() => null); const i = s && s.items.find((x) => x.key === key && x.w > 0 && x.visible); if (i) return i; await sleep(50); }
    throw new Error(`no widget ${key}`);
  };
  const click = async (key) => { const i = await item(key); await page.mouse.click(i.x + i.w / 2, i.y + i.h / 2, { delay: 40 }); await sleep(80); };
  const type = async (key, text) => { await click(key); await page.keyboard.type(text); await page.keyboard.press('Tab'); };
  await page.goto(`${base}/app`);
  await type('account.email', 'bench@example.com');
  await type('account.password', 'bench password 1234');
  await click('account.login.submit');
  await click('home.new');
  await click('step.participants');
  await click('list.mode.1');
  await click('post.include_replies');  // top-level comments: 25 a page, as the figure
  await type('post.link', 'https://www.instagram.com/p/DAbCdEfGh1J/');
  await page.evaluate(() => { window.gaps = []; let last = performance.now(); const f = (t) => { window.gaps.push(t - last); last = t; requestAnimationFrame(f); }; requestAnimationFrame(f); });
  const t0 = Date.now();
  await click('post.start');
  let s, tDone = 0;
  for (;;) {
    s = (await snap()).state;
    if (!tDone && s.import_state === 'done') tDone = Date.now();
    if ((s.source_is_post && (s.pipeline === 'ready' || s.pipeline === 'failed')) || ['failed', 'stopped', 'cancelled'].includes(s.import_state)) break;
    await sleep(100);
  }
  const total = (Date.now() - t0) / 1000;
  const job = await page.evaluate(async (id) => (await fetch(`/api/v1/imports/${id}`)).json(), s.import_id);
  const maxGap = await page.evaluate(() => Math.max(...window.gaps.slice(1)));
  // The same request the app makes, timed from the page's JS alone (server + transfer, no Wasm): where the fetch time goes.
  const raw = await page.evaluate(async (id) => {
    const t = performance.now();
    const r = await fetch(`/api/v1/imports/${id}/comments?offset=0&limit=1000`);
    const h = performance.now();
    const text = await r.text();
    return { headers: h - t, body: performance.now() - h, bytes: text.length };
  }, s.import_id);
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
  console.log(`  in our code overall: server ${(t.work_ms / 1000).toFixed(1)} s + app ${appCode.toFixed(2)} s; ` +
    `waiting on the platform ${(t.network_ms / 1000).toFixed(1)} s; longest frame gap ${maxGap.toFixed(0)} ms`);
} finally {
  await browser.close();
  for (const p of procs) p.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
