// What every browser test file needs, once: named tests counted and
// reported, a real tirage-server on a free port, helper processes and
// scratch folders cleaned up, Debian's Chromium, and screenshots checked
// not to be blank. A test file is
//
//   import { run, test, expect, startServer, launchChromium } from './harness.mjs';
//   await run(async () => {
//     const { base } = await startServer(['--beacon', 'local']);
//     const browser = await launchChromium();
//     await test('the page says hello', async () => { ... expect(ok, 'why not') ... });
//   });
//
// run() prints "N passed, N failed" and exits 1 on any failure, when nothing
// ran, or when its body threw (reported as "FAIL setup"). An argument
// (`node tests/browser/app_test.mjs phone`) runs only the tests whose name
// contains it, for working on one; the others are listed as SKIP.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// A native build product, e.g. native('tirage-server').
export const native = (name) => join(repo, 'build/native', name);
export const shots = join(repo, 'build/screenshots');  // docs/screenshots/ holds the committed copies

const only = process.argv[2] || '';
let passed = 0, failed = 0, skipped = 0;
const processes = [], folders = [], browsers = [];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Throws the message unless cond holds.
export function expect(cond, message) { if (!cond) throw new Error(message); }

// Runs one named test and counts it; a failure is reported and does not stop the file.
export async function test(name, fn) {
  if (only && !name.includes(only)) {
    skipped++;
    console.log(`SKIP  ${name} (not matching "${only}")`);
    return;
  }
  try {
    await fn();
    passed++;
    console.log(`PASS  ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}: ${e.stack || e.message}`);
  }
}

// A TCP port nobody listens on right now.
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Waits until url answers 2xx; throws after timeout ms.
export async function waitForUrl(url, timeout = 10000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    try { if ((await fetch(url)).ok) return; } catch {}
    await sleep(50);
  }
  throw new Error(`${url} never answered`);
}

// A fresh scratch folder, removed when run() ends.
export function workDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  folders.push(dir);
  return dir;
}

// Starts a helper process (silent), stopped with SIGTERM when run() ends.
export function spawnProcess(command, args, options = {}) {
  const p = spawn(command, args, { stdio: 'ignore', ...options });
  processes.push(p);
  return p;
}

// Starts build/native/tirage-server on a free port with `--data data` (a new
// scratch folder unless given) and `--static repo` plus args; resolves once
// /healthz answers, with { base, port, data }.
export async function startServer(args = [], { data, env = process.env, port } = {}) {
  port = port || await freePort();
  data = data || join(workDir('tirage-browser'), 'data');
  const base = `http://127.0.0.1:${port}`;
  const proc = spawnProcess(native('tirage-server'), ['--listen', `127.0.0.1:${port}`, '--data', data, '--static', repo,
    '--public-url', base, ...args], { env });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const until = Date.now() + 10000;
  while (Date.now() < until) {
    if (exited !== null) throw new Error(`tirage-server exited with ${exited} before answering (args: ${args.join(' ')})`);
    try { if ((await fetch(`${base}/healthz`)).ok) return { base, port, data }; } catch {}
    await sleep(50);
  }
  throw new Error(`tirage-server never answered on ${base}/healthz`);
}

// Debian's Chromium through playwright-core, closed when run() ends. webgl:
// a software WebGL2 (SwiftShader) for the organizer app; otherwise no GPU.
export async function launchChromium({ webgl = false, args = [] } = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [
    '--no-sandbox', ...(webgl ? ['--use-gl=swiftshader', '--enable-unsafe-swiftshader'] : ['--disable-gpu', '--disable-quic']),
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args] });
  browsers.push(browser);
  return browser;
}

// Collects, from every page of every context the browser opens from now on,
// what our Content-Security-Policy blocked (Chromium says so on the console);
// a test run ends by expecting the list to be empty.
export function recordCspViolations(browser) {
  const violations = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...options) => {
    const ctx = await newContext(...options);
    ctx.on('page', (page) => page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    }));
    return ctx;
  };
  return violations;
}

// How many distinct colours a PNG screenshot has (every 7th pixel), decoded
// here rather than in the page, so a page's Content-Security-Policy does not matter.
export function pngColours(png) {
  let at = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at), type = png.toString('latin1', at + 4, at + 8), body = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      expect(body[8] === 8 && body[12] === 0, 'screenshot PNG: only 8-bit, non-interlaced images are read');
      channels = { 2: 3, 6: 4 }[body[9]];
      expect(channels, `screenshot PNG: colour type ${body[9]} is not read`);
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)), stride = width * channels;
  let prev = Buffer.alloc(stride), row = Buffer.alloc(stride);
  const seen = new Set();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      row[i] = (line[i] + predictor) & 255;
    }
    for (let x = (y * width) % 7; x < width; x += 7) seen.add((row[x * channels] << 16) | (row[x * channels + 1] << 8) | row[x * channels + 2]);
    [prev, row] = [row, prev];
  }
  return seen.size;
}

// Saves a screenshot under build/screenshots/ and fails when it is blank (a
// page that drew nothing has a handful of colours; a real one has many).
export async function shot(page, name, options = {}) {
  mkdirSync(shots, { recursive: true });
  const colours = pngColours(await page.screenshot({ path: join(shots, name), ...options }));
  expect(colours > 20, `screenshot ${name} looks blank (${colours} colours)`);
}

// Runs a test file's body, then closes browsers, stops processes, removes
// scratch folders, prints the counts and exits (1 on any failure or if no test ran).
export async function run(body) {
  try {
    await body();
  } catch (e) {
    failed++;
    console.log(`FAIL  setup: ${e.stack || e.message}`);
  } finally {
    for (const b of browsers) await b.close().catch(() => {});
    for (const p of processes) p.kill('SIGTERM');
    for (const d of folders) rmSync(d, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (only "${only}")` : ''}`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
