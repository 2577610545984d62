// "Was I in the draw?" on the verify page. Two ways, both checked here, in the
// browser, against the committed root (data-root), so the server is not trusted:
// - by exact entry: the entry is normalized and hashed here; only its hash goes
//   to the server, which answers its index and audit path;
// - by handle (when the organizer published a handle index): the server
//   answers the entries filed under that handle; each must be that handle
//   (same key, computed here), and its leaf, recomputed here from its id and
//   name, must be in the committed list.
import { errorCode } from './error-codes.js';
import { loadVerifier } from './verifier.mjs';

const verifierUrl = new URL('./tirage_verify.mjs', import.meta.url).href;

function show(out, form, state, className, text) {
  out.className = 'incl-result' + (className ? ' ' + className : '');
  out.textContent = text;
  form.dataset.result = state;
}

async function checkEntry(verifier, form, out, say) {
  const data = new FormData(form);
  const id = String(data.get('id')).trim();
  const entry = { platform: String(data.get('platform')), id, name: String(data.get('name')).trim() || id };
  const leaf = verifier.entryLeafHash(entry);
  if (leaf.error) throw new Error(leaf.error.message);
  const r = await fetch(`/api/v1/draws/${encodeURIComponent(form.dataset.draw)}/inclusion?leaf=${leaf.leaf_hash}`);
  const body = await r.json();
  if (r.status === 429) return show(out, form, 'limited', 'fail', say('incl.rate_limited'));
  if (r.status === 404 && body.error?.code === await errorCode('not_available')) return show(out, form, 'na', '', say('incl.na'));
  if (r.status === 404) return show(out, form, 'out', 'fail', say('incl.out'));
  if (!r.ok) throw new Error(body.error?.message || `HTTP ${r.status}`);
  const check = verifier.checkInclusion({ leaf_hash: leaf.leaf_hash, index: body.index, tree_size: Number(form.dataset.count),
                                          proof: body.proof, root: form.dataset.root });
  const ok = check.ok === true;
  show(out, form, ok ? 'in' : 'bad', ok ? 'pass' : 'fail', ok ? say('incl.in', { index: body.index + 1 }) : say('incl.bad'));
}

// True when the server's entry m is the handle asked about and its proof leads to the committed root.
function entryHolds(verifier, form, platform, askedKey, m) {
  if (!m || typeof m.id !== 'string' || typeof m.name !== 'string') return false;
  const key = verifier.handleKey({ platform, handle: m.name });
  if (key.error || key.key !== askedKey) return false;
  const leaf = verifier.entryLeafHash({ platform, id: m.id, name: m.name });
  if (leaf.error || leaf.entry.id !== m.id || leaf.entry.name !== m.name) return false;
  return verifier.checkInclusion({ leaf_hash: leaf.leaf_hash, index: m.index, tree_size: Number(form.dataset.count),
                                   proof: m.proof, root: form.dataset.root }).ok === true;
}

async function checkHandle(verifier, form, out, say) {
  const data = new FormData(form);
  const platform = String(data.get('platform'));
  const typed = String(data.get('handle')).trim();
  const label = form.querySelector(`option[value="${platform}"]`)?.textContent || platform;
  const asked = verifier.handleKey({ platform, handle: typed });
  if (asked.error) throw new Error(asked.error.message);
  const query = `platform=${encodeURIComponent(platform)}&handle=${encodeURIComponent(typed)}`;
  const r = await fetch(`/api/v1/draws/${encodeURIComponent(form.dataset.draw)}/inclusion?${query}`);
  const body = await r.json();
  if (r.status === 429) return show(out, form, 'limited', 'fail', say('incl.rate_limited'));
  if (r.status === 404 && body.error?.code === await errorCode('not_available')) return show(out, form, 'na', '', say('incl.handle_na'));
  if (r.status === 404) return show(out, form, 'out', 'fail', say('incl.handle_out', { handle: typed, platform: label }));
  if (!r.ok) throw new Error(body.error?.message || `HTTP ${r.status}`);
  const matches = Array.isArray(body.matches) ? body.matches : [];
  const ok = matches.length > 0 && matches.every((m) => entryHolds(verifier, form, platform, asked.key, m));
  if (!ok) return show(out, form, 'bad', 'fail', say('incl.bad'));
  const positions = matches.map((m) => m.index + 1).join(', ');
  let text = matches.length === 1
    ? say('incl.handle_in', { handle: matches[0].name, positions, id: matches[0].id })
    : say('incl.handle_in_many', { handle: matches[0].name, positions, count: matches.length });
  if (body.more === true) text += ' ' + say('incl.handle_more', { count: matches.length });
  show(out, form, 'in', 'pass', text);
}

// Shows the forms the page has (they stay hidden without JavaScript) and wires them.
export function setupInclusionChecks(say) {
  let verifier = null;
  for (const [formId, outId, check] of [['handle-check', 'handle-result', checkHandle], ['inclusion', 'inclusion-result', checkEntry]]) {
    const form = document.getElementById(formId);
    if (!form) continue;
    form.hidden = false;
    const out = document.getElementById(outId);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      show(out, form, 'running', '', say('checks.running'));
      try {
        verifier ??= await loadVerifier(verifierUrl);
        await check(verifier, form, out, say);
      } catch (e) {
        show(out, form, 'error', 'fail', say('incl.error', { message: e.message }));
      }
    });
  }
}
