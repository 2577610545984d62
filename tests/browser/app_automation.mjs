// Drives the organizer app through its automation interface (wasm/app/automation):
// each frame the app lists its widgets (key, kind, label, value, rectangle) and a
// state object; tests read that snapshot and act with the real mouse and keyboard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { repo, sleep } from './harness.mjs';

// The native server and the app's automation build; when one is missing the test stops here, saying which.
export function requireAppBuild() {
  const server = join(repo, 'build/native/tirage-server');
  const appDir = join(repo, 'build/wasm/app-automation');
  for (const f of [server, join(appDir, 'tirage_app.js'), join(appDir, 'tirage_app.wasm'), join(appDir, 'DejaVuSans.ttf')])
    if (!existsSync(f)) { console.log(`FAIL  missing ${f} (run make build)`); process.exit(1); }
  return { server, appDir };
}

// A new page of ctx that prints the page's errors and keeps its main frame's URLs in page.visited (backFromConnecting).
export async function trackedPage(ctx) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  page.visited = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) page.visited.push(f.url()); });
  return page;
}

// The app's latest snapshot, or null while the app is not loaded (or a navigation is in progress).
export async function snapshot(page) {
  try {
    return await page.evaluate(() => window.tirageApp && window.tirageApp._tirage_automation_snapshot
      ? JSON.parse(window.tirageApp.UTF8ToString(window.tirageApp._tirage_automation_snapshot())) : null);
  } catch { return null; }  // the page's context was replaced mid-call
}

// Polls snapshots until pred returns something truthy, which it returns; throws naming `what` on timeout.
export async function waitFor(page, what, pred, timeout = 20000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await snapshot(page);
    if (last) { const v = pred(last); if (v) return v; }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; state ${JSON.stringify(last && last.state)}; items ${last && last.items.map(i => i.key).join(' ')}`);
}

// All the text items of a snapshot, one per line.
export const textOf = (s) => s.items.filter((i) => i.kind === 'text').map((i) => i.label).join('\n');
// The widget once it exists (visible or not).
export const present = (page, key) => waitFor(page, `widget ${key}`, (s) => s.items.find((i) => i.key === key));
// The widget once it is on screen.
export const item = (page, key) => waitFor(page, `widget ${key}`, (s) => s.items.find((i) => i.key === key && i.visible && i.w > 0));
// The app's state once pred holds for it.
export const state = (page, what, pred, timeout) => waitFor(page, what, (s) => pred(s.state) && s.state, timeout);
// The app's text once it includes needle.
export const textWith = (page, what, needle, timeout) => waitFor(page, what, (s) => textOf(s).includes(needle) && textOf(s), timeout);

// Scrolls the app (mouse wheel, as a user would) until the widget is on screen. A widget scrolled out of
// its window is not drawn, so not in the snapshot: after a moment's wait for it to appear (it may come with
// an answer), the search scrolls up, then down, and so on until the timeout.
export async function reveal(page, key, timeout = 20000) {
  const start = Date.now();
  let direction = -1, wheels = 0, last;
  while (Date.now() - start < timeout) {
    last = await snapshot(page);
    const i = last && last.items.find((x) => x.key === key);
    if (i && i.visible && i.w > 0) return i;
    if (!i && Date.now() - start < 3000) { await sleep(50); continue; }
    if (!i && ++wheels % 30 === 0) direction = -direction;
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, vp.height / 2);
    // Drawn but clipped: above the middle of the window it is hidden at the top (under the top bar), else at the bottom.
    await page.mouse.wheel(0, 300 * (i ? (i.y < vp.height / 2 ? -1 : 1) : direction));
    await sleep(80);
  }
  throw new Error(`timed out waiting for widget ${key} on screen; state ${JSON.stringify(last && last.state)}; items ${last && last.items.map((x) => x.key).join(' ')}`);
}

// Clicks the widget with the mouse, scrolling it into view first.
export async function click(page, key) {
  const i = await reveal(page, key);
  // A number field is the text box then its - and + buttons: aim at the box.
  const x = i.kind === 'number' ? i.x + 20 : i.x + i.w / 2, y = i.y + i.h / 2;
  await page.mouse.move(x, y);
  await sleep(40);
  await page.mouse.down();
  await sleep(40);
  await page.mouse.up();
  await sleep(60);
}

// Types text into the field (replacing what it held unless clear is false), then Tab.
export async function type(page, key, text, { clear = true } = {}) {
  await click(page, key);
  // ImGui 1.86 samples key state once per frame: a key pressed and released
  // within one frame is missed, so keys are held for a few frames.
  if (clear) { await page.keyboard.press('Control+A', { delay: 80 }); await page.keyboard.press('Backspace', { delay: 80 }); }
  await page.keyboard.type(text, { delay: 15 });
  await page.keyboard.press('Tab', { delay: 80 });
  await sleep(60);
}

// Waits until the page came back to the app from connecting platform (page.visited: the main frame's URLs, kept
// by the test), after `earlier` such returns.
export async function backFromConnecting(page, platform, earlier = 0) {
  const back = (u) => u.includes(`/app?connected=${platform}`);
  for (let i = 0; i < 400 && page.visited.filter(back).length <= earlier; i++) await sleep(50);
  if (page.visited.filter(back).length <= earlier) throw new Error(`never came back from connecting: ${page.visited.join(' ')}`);
}

// The server's own view of an import, fetched with the page's session.
export const serverImport = (page, id) => page.evaluate(async (id) => (await fetch(`/api/v1/imports/${id}`)).json(), id);
