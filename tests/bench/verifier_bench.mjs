// `make bench`: what a visitor downloads and waits for on the verify page.
//  1. sizes, raw and gzip -9, of the Wasm verifier (drand's BLS check
//     included), its JS glue, the page's scripts and the partner widget (targets: verifier
//     <= 300 KB gzip, widget < 50 KB gzip without the verifier);
//  2. time from navigation to "verified" for a published draw of 300 entries
//     (100 winners, 10 alternates) on /v/{id}, in Debian's headless Chromium:
//     cold (a new browser context, so nothing cached), cold with the CPU
//     throttled 4x (CDP Emulation.setCPUThrottlingRate, a slow phone), and
//     warm (same context, reloaded); targets: cold < 1 s, throttled < 2 s.
// A real tirage-server on a free port, a real draw (local beacon), nothing faked.
//
//   node tests/bench/verifier_bench.mjs [--runs N]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(join(repo, 'tests/browser/package.json'))('playwright-core');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const ENTRIES = 300;
const THROTTLE = 4;

// --- 1. sizes ------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const files = [
  ['verifier Wasm', 'build/wasm/tirage_verify.wasm', 300 * 1024],
  ['verifier JS glue', 'build/wasm/tirage_verify.mjs'],
  ['verifier wrapper', 'web/verify/verifier.mjs'],
  ['verify page script', 'web/verify/verify-page.js'],
  ['drand re-check', 'web/verify/drand-recheck.js'],
  ['verify page CSS', 'web/verify/verify-page.css'],
  ['widget (without the verifier)', 'web/widget/widget.js', 50 * 1024],
];
console.log("== sizes (raw / gzip, zlib level 9)");
let missing = 0, over = 0;
for (const [name, path, limit] of files) {
  const full = join(repo, path);
  if (!existsSync(full)) { console.log(`${name}: MISSING ${path} (build first)`); missing++; continue; }
  const data = readFileSync(full);
  const gz = gzipSync(data, { level: 9 }).length;
  const verdict = limit ? (gz <= limit ? ` (target <= ${kb(limit)} gzip: met)` : ` (target <= ${kb(limit)} gzip: NOT met)`) : '';
  if (limit && gz > limit) over++;
  console.log(`${name}: ${data.length} B raw, ${gz} B gzip = ${kb(gz)}${verdict}  [${path}]`);
}

// --- 2. navigation to "verified" -----------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = join(repo, 'build/native/tirage-server'), tool = join(repo, 'build/native/tirage');
const work = mkdtempSync(join(tmpdir(), 'tirage-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const data = join(work, 'data');
const key = execFileSync(server, ['user', 'add', '--data', data, '--email', 'bench@example.com', '--password', 'bench password 123', '--api-key', '--plan', 'business'],
  { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop();
const proc = spawn(server, ['--listen', `127.0.0.1:${port}`, '--data', data, '--beacon', 'local', '--static', repo, '--public-url', base], { stdio: 'ignore' });
let browser, failed = false;
try {
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {} await sleep(50); }
  const people = join(work, 'people.jsonl');
  writeFileSync(people, Array.from({ length: ENTRIES }, (_, i) => JSON.stringify({ platform: 'list', id: `@fan${i}`, name: `Fan ${i}` })).join('\n') + '\n');
  const p = JSON.parse(execFileSync(tool, ['participants', people]));
  const auth = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const created = await (await fetch(`${base}/api/v1/draws`, { method: 'POST', headers: auth, body: JSON.stringify({
    giveaway_id: 'g_bench', title: `Bench: 100 winners of ${ENTRIES}`, participants_root: p.participants_root,
    participants_count: p.participants_count, winners: 100, alternates: 10, beacon: { source: 'local' } }) })).json();
  const id = created.draw_id;
  if (!id) throw new Error(`creating the draw failed: ${JSON.stringify(created)}`);
  for (;;) {
    const r = await fetch(`${base}/api/v1/draws/${id}/selection`);
    if (r.status === 200) break;
    await sleep(1000 * Math.min(5, Number(r.headers.get('retry-after') || 1)));
  }
  const view = await (await fetch(`${base}/api/v1/draws/${id}`)).json();
  const drawn = JSON.parse(execFileSync(tool, ['draw', '--participants', people, '--winners', '100', '--alternates', '10',
    '--commitment-hash', view.commitment_hash, '--beacon', view.beacon_value]));
  const posted = await fetch(`${base}/api/v1/draws/${id}/result`, { method: 'POST', headers: auth,
    body: JSON.stringify({ winners: drawn.winners, alternates: drawn.alternates }) });
  if (posted.status !== 201) throw new Error(`publishing the result answered ${posted.status}`);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const timeOne = async (page, throttle = 1) => {
    if (throttle > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    const t0 = Date.now();
    await page.goto(`${base}/v/${id}?lang=en`);
    await page.waitForSelector('#checks[data-result]', { timeout: 20000 });
    const ms = Date.now() - t0;
    const result = await page.$eval('#checks', (el) => el.dataset.result);
    if (result !== 'verified') throw new Error(`the page says ${result}, not verified`);
    // Where the time went (verify-page.js's marks, ms since navigation start).
    phases.push(await page.evaluate(() => {
      const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
      return { script: at('tirage:start'), loaded: at('tirage:loaded'), checked: at('tirage:checked'), shown: at('tirage:shown'),
               dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) };
    }));
    return ms;
  };
  const cold = [], throttled = [], warm = [];
  let phases = [];
  const phaseLine = (label) => {
    const m = (k) => median(phases.map((p) => p[k]));
    console.log(`  ${label} medians since navigation start: script runs ${m('script')} ms, Wasm + bundle + keys ready ${m('loaded')} ms, checks done ${m('checked')} ms, verdict shown ${m('shown')} ms, DOMContentLoaded ${m('dcl')} ms`);
    phases = [];
  };
  await timeOne(await (await browser.newContext()).newPage());  // Chromium's own first start, not counted
  phases = [];
  for (let i = 0; i < runs; i++) cold.push(await timeOne(await (await browser.newContext()).newPage()));
  const coldPhases = phases;
  phases = [];
  for (let i = 0; i < runs; i++) throttled.push(await timeOne(await (await browser.newContext()).newPage(), THROTTLE));
  const throttledPhases = phases;
  const page = await (await browser.newContext()).newPage();
  await timeOne(page);
  phases = [];
  for (let i = 0; i < runs; i++) warm.push(await timeOne(page));
  const target = (xs, ms) => `(target < ${ms} ms: ${median(xs) < ms ? 'met' : 'NOT met'})`;
  console.log(`== navigation to "verified", ${ENTRIES} entries (100 winners + 10 alternates), headless Chromium, ${runs} runs each`);
  console.log(`cold (new context, nothing cached): median ${median(cold)} ms, max ${Math.max(...cold)} ms ${target(cold, 1000)}`);
  phases = coldPhases;
  phaseLine('cold');
  console.log(`cold, CPU throttled ${THROTTLE}x (CDP Emulation.setCPUThrottlingRate): median ${median(throttled)} ms, max ${Math.max(...throttled)} ms ${target(throttled, 2000)}`);
  phases = throttledPhases;
  phaseLine('throttled');
  console.log(`warm (same context, reload): median ${median(warm)} ms, max ${Math.max(...warm)} ms`);
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  if (browser) await browser.close();
  proc.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed || missing ? 1 : 0);
