// The verify page's script: fetches the draw's bundle, runs every check of
// docs/protocol.md section 8 with the Wasm verifier (the same C++ core as the
// server and the `tirage` tool) and this origin's own key set (never the
// bundle's keys), shows each check as a green or red line, and keeps the
// newest signed log head seen in localStorage to detect a rewrite. Once the
// checks hold, the winners, counts and list fingerprint shown are the ones
// just verified, not the server's HTML (which stays for readers without
// JavaScript); the page says so, and says when the two differed.
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

function paragraph(cls, text) {
  const p = document.createElement('p');
  p.className = cls;
  p.textContent = text;
  return p;
}

const pickName = (p) => `${p.entry.name} (${p.entry.platform})`;

// The winners and alternates as the server renders them (server/pages/verify_page.cpp), from a bundle.
function picksSection(bundle) {
  const r = bundle.result.statement;
  const replaced = new Map();
  for (const { statement: sub } of bundle.substitutions || []) {
    const alternate = r.alternates[sub.alternate_rank - 1];
    replaced.set(sub.replaced_rank, (replaced.get(sub.replaced_rank) || '') +
      ` — ${say('replaced', { rank: sub.alternate_rank, reason: sub.reason })}: ${pickName(alternate)}`);
  }
  const section = document.createElement('section');
  section.id = 'picks';
  const list = (heading, cls, texts) => {
    const h2 = document.createElement('h2');
    h2.textContent = heading;
    const ol = document.createElement('ol');
    ol.className = cls;
    for (const t of texts) ol.append(Object.assign(document.createElement('li'), { textContent: t }));
    section.append(h2, ol);
  };
  list(say('heading.winners'), 'winners', r.winners.map((w) => pickName(w) + (replaced.get(w.rank) || '')));
  if (r.alternates.length) list(say('heading.alternates'), 'alternates', r.alternates.map(pickName));
  return section;
}

// Puts the verified bundle's winners, alternates, count and root in place of
// the server's; returns the fields whose server rendering differed.
function showVerified(bundle) {
  const c = bundle.commitment.statement;
  const texts = (root, cls) => (root ? [...root.querySelectorAll(`ol.${cls} > li`)].map((li) => li.textContent) : []);
  const differ = [];
  const old = document.getElementById('picks');
  const fresh = picksSection(bundle);
  for (const cls of ['winners', 'alternates'])
    if (JSON.stringify(texts(old, cls)) !== JSON.stringify(texts(fresh, cls))) differ.push(cls);
  if (old) old.replaceWith(fresh);
  else box.previousElementSibling.before(fresh);  // before the checks' heading
  for (const [field, value] of [['participants', String(c.participants_count)], ['root', c.participants_root]]) {
    const dd = document.querySelector(`dd[data-field="${field}"]`);
    if (!dd || dd.textContent !== value) differ.push(field);
    if (dd) dd.textContent = value;
  }
  return differ;
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
  // Marks for `make bench` (tests/bench/verifier_bench.mjs), which reports where the time goes.
  performance.mark('tirage:start');
  box.replaceChildren(document.createTextNode(say('checks.running')));
  try {
    const [verifier, response, keysResponse] = await Promise.all([
      loadVerifier(new URL('./tirage_verify.mjs', import.meta.url).href),
      fetch(`/api/v1/draws/${encodeURIComponent(id)}/bundle`),
      fetch('/.well-known/tirage-keys.json'),  // this origin's keys: a bundle's own keys prove nothing
    ]);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (!keysResponse.ok) throw new Error(`/.well-known/tirage-keys.json: HTTP ${keysResponse.status}`);
    const [bundle, keys] = await Promise.all([response.json(), keysResponse.json()]);
    performance.mark('tirage:loaded');
    // The server's pinned drand chain, for a test chain (quicknet is built into the verifier).
    const report = verifier.verifyBundle(bundle, keys, null, drandConfig ? [drandConfig.chain] : null);
    performance.mark('tirage:checked');
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
    let note;
    if (ok) {
      const differ = showVerified(bundle);
      note = differ.length
        ? paragraph('note mismatch', say('checks.mismatch', { fields: differ.map((f) => say(`field.${f}`)).join(', ') }))
        : paragraph('note', say('checks.shown_verified'));
      box.dataset.mismatch = differ.join(',');
    } else {
      document.getElementById('picks')?.classList.add('unverified');
      note = paragraph('note unverified', say('checks.unverified'));
    }
    box.replaceChildren(verdict(ok, say(ok ? 'checks.ok' : 'checks.failed')), note, list);
    box.dataset.result = ok ? 'verified' : 'failed';
    performance.mark('tirage:shown');
  } catch (e) {
    document.getElementById('picks')?.classList.add('unverified');
    box.replaceChildren(verdict(false, say('checks.error', { message: e.message })), paragraph('note unverified', say('checks.unverified')));
    box.dataset.result = 'error';
  }
}

setupInclusionChecks(say);
run();
