// The verify page's script: fetches the draw's bundle, runs every check of
// protocol.md section 8 with the Wasm verifier (the same C++ core as the
// server and the `tirage` tool), shows each check as a green or red line, and
// keeps the newest signed log head seen in localStorage to detect a rewrite.
import { loadVerifier } from './verifier.mjs';
import { drandLines } from './drand-recheck.js';
import { setupInclusionChecks } from './inclusion-check.js';

const box = document.getElementById('checks');
const strings = JSON.parse(document.getElementById('strings').textContent);
const say = (key, vars = {}) => strings[key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const STORE = 'tirage.sth';
const drandConfig = (() => {
  const el = document.getElementById('drand');
  return el ? JSON.parse(el.textContent) : null;
})();

// state: true (holds), false (fails) or 'skip' (could not run: neither green nor red).
function line(ok, text, detail) {
  const li = document.createElement('li');
  li.className = ok === 'skip' ? 'skip' : ok ? 'pass' : 'fail';
  li.textContent = (ok === 'skip' ? '– ' : ok ? '✓ ' : '✗ ') + text;
  if (detail) {
    const small = document.createElement('small');
    small.textContent = ' ' + detail;
    li.append(small);
  }
  return li;
}

function verdict(ok, text) {
  const p = document.createElement('p');
  p.className = 'verdict ' + (ok ? 'pass' : 'fail');
  p.id = 'verdict';
  p.textContent = text;
  return p;
}

async function checkLogHistory(verifier, sth, list) {
  const head = sth.statement;
  let seen = null;
  try { seen = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch { seen = null; }
  if (!seen || !seen.statement) {
    list.append(line(true, say('checks.log_first', { size: head.tree_size })));
    localStorage.setItem(STORE, JSON.stringify(sth));
    return true;
  }
  const older = seen.statement.tree_size <= head.tree_size ? seen.statement : head;
  const newer = older === head ? seen.statement : head;
  let ok = older.tree_size === newer.tree_size ? older.root_hash === newer.root_hash : false;
  if (older.tree_size !== newer.tree_size) {
    const r = await fetch(`/api/v1/log/consistency?first=${older.tree_size}&second=${newer.tree_size}`);
    const proof = r.ok ? (await r.json()).consistency : null;
    ok = !!proof && verifier.checkConsistency({ old_size: older.tree_size, new_size: newer.tree_size,
      old_root: older.root_hash, new_root: newer.root_hash, proof }).ok === true;
  }
  list.append(line(ok, ok ? say('checks.log_consistent', { old: older.tree_size, new: newer.tree_size })
                          : say('checks.log_inconsistent')));
  if (ok && head.tree_size >= seen.statement.tree_size) localStorage.setItem(STORE, JSON.stringify(sth));
  return ok;
}

async function run() {
  const id = box.dataset.draw;
  if (box.dataset.status !== 'drawn') return;  // nothing to check until the result exists
  box.replaceChildren(document.createTextNode(say('checks.running')));
  try {
    const [verifier, response] = await Promise.all([
      loadVerifier(new URL('./tirage_verify.mjs', import.meta.url).href),
      fetch(`/api/v1/draws/${encodeURIComponent(id)}/bundle`),
    ]);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bundle = await response.json();
    // The server's pinned drand chain, for a test chain (quicknet is built into the verifier).
    const report = verifier.verifyBundle(bundle, null, drandConfig ? [drandConfig.chain] : null);
    if (report.error) throw new Error(report.error.message);
    const list = document.createElement('ul');
    list.className = 'checks';
    // Each check in the page's language (by its stable id), in English when a translation is missing.
    const title = (c) => (strings[`check.${c.id}`] ? say(`check.${c.id}`, { n: c.n }) : c.title);
    for (const c of report.checks) list.append(line(c.ok, title(c), c.ok ? '' : c.detail));
    const historyOk = report.ok ? await checkLogHistory(verifier, bundle.log.sth, list) : true;
    let drandOk = true;
    for (const d of await drandLines(bundle, drandConfig, verifier)) {
      list.append(line(d.state === 'skip' ? 'skip' : d.state === 'pass', say(d.key, d.vars)));
      drandOk &&= d.state !== 'fail';
    }
    const ok = report.ok && historyOk && drandOk;
    box.replaceChildren(verdict(ok, say(ok ? 'checks.ok' : 'checks.failed')), list);
    box.dataset.result = ok ? 'verified' : 'failed';
  } catch (e) {
    box.replaceChildren(verdict(false, say('checks.error', { message: e.message })));
    box.dataset.result = 'error';
  }
}

setupInclusionChecks(say);
run();
