// The organizer app with a big list, in headless Chromium against a real
// server: a CSV of N rows (default 1,000,000) chosen in the file picker, read,
// filtered (one per person, a required hashtag) and committed to a Merkle
// root in the page, timed from the file choice to "ready". Also reports the
// longest gap between two frames, which says whether the page froze.
// Target (issue 4): 1 M rows under 10 s.   node tests/bench/app_bench.mjs [rows]
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.argv[2] || 1000000);
const work = mkdtempSync(join(tmpdir(), 'tirage-app-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const base = `http://127.0.0.1:${port}`;

const csv = join(work, 'comments.csv');
const lines = ['username,comment,date'];
for (let i = 0; i < rows; i++) lines.push(`@fan${i % (rows - rows / 20)},"Je participe #noel @ami${i % 97} merci",2026-12-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')}`);
writeFileSync(csv, lines.join('\n') + '\n');
const data = join(work, 'data');
execFileSync(join(repo, 'build/native/tirage-server'), ['user', 'add', '--data', data, '--email', 'bench@example.com', '--password', 'bench password 1234'], { stdio: 'ignore' });
const proc = spawn(join(repo, 'build/native/tirage-server'), ['--listen', `127.0.0.1:${port}`, '--data', data, '--beacon', 'local',
  '--static', repo, '--public-url', base, '--app-dir', join(repo, 'build/wasm/app-automation')], { stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {} await sleep(50); }
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  const snap = () => page.evaluate(() => window.tirageApp && JSON.parse(window.tirageApp.UTF8ToString(window.tirageApp._tirage_automation_snapshot())));
  const item = async (key) => { for (;;) { const s = await snap().catch(() => null); const i = s && s.items.find((x) => x.key === key && x.w > 0); if (i) return i; await sleep(50); } };
  const click = async (key) => { const i = await item(key); await page.mouse.click(i.x + i.w / 2, i.y + i.h / 2, { delay: 40 }); await sleep(80); };
  const type = async (key, text) => { await click(key); await page.keyboard.type(text); await page.keyboard.press('Tab'); };
  await page.goto(`${base}/app`);
  await type('account.email', 'bench@example.com');
  await type('account.password', 'bench password 1234');
  await click('account.login.submit');
  await click('home.new');
  await click('step.filters');
  await type('filters.hashtags', '#noel');
  await click('step.participants');
  const chooser = page.waitForEvent('filechooser');
  await click('list.import_file');
  // Frame gaps, measured in the page.
  await page.evaluate(() => { window.gaps = []; let last = performance.now(); const f = (t) => { window.gaps.push(t - last); last = t; requestAnimationFrame(f); }; requestAnimationFrame(f); });
  const t0 = Date.now();
  await (await chooser).setFiles(csv);
  let s;
  for (;;) { s = (await snap()).state; if (s.pipeline === 'ready' || s.pipeline === 'failed') break; await sleep(20); }
  const seconds = (Date.now() - t0) / 1000;
  const maxGap = await page.evaluate(() => Math.max(...window.gaps.slice(1)));
  console.log(`app: ${rows} CSV rows (${(statSync(csv).size / 1e6).toFixed(1)} MB) read + filtered + committed in ${seconds.toFixed(2)} s ` +
    `(target < 10 s for 1 M) -> ${s.participants} participants, state ${s.pipeline}${s.pipeline_error ? ' ' + s.pipeline_error : ''}; ` +
    `longest frame gap ${maxGap.toFixed(0)} ms; work per stage (read, filter, list, hash) ${s.stage_ms.map((x) => (x / 1000).toFixed(2)).join(' / ')} s`);
} finally {
  await browser.close();
  proc.kill('SIGTERM');
}
