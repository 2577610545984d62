// The verify page's online drand line, for a draw whose beacon is a drand
// round. The round's BLS signature itself is one of the core's checks (the
// Wasm verifier, blst, against the chain's pinned key: works offline); here,
// when online, the same round is fetched from drand's public API (the relays
// the server uses, all at once) and must carry the same signature. Offline, the
// line says that this check could not run, and is neither green nor red.

const RELAY_TIMEOUT_MS = 4000;
const MAX_ANSWER_BYTES = 16 * 1024;  // a drand round is a few hundred bytes

// The response's body as text, refused (and the download cancelled) past max bytes.
async function boundedText(response, max) {
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new Error('answer too large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  return new TextDecoder().decode(all);
}

// One relay's round, or throws with a short reason.
async function fetchRound(relay, chainHash, round) {
  const url = `${relay.replace(/\/+$/, '')}/${chainHash}/public/${round}`;
  const r = await fetch(url, { signal: AbortSignal.timeout(RELAY_TIMEOUT_MS), credentials: 'omit', cache: 'no-store' });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const body = JSON.parse(await boundedText(r, MAX_ANSWER_BYTES));
  if (body.round !== round || typeof body.signature !== 'string') throw new Error(`not round ${round}`);
  return body;
}

// {state: 'pass'|'fail'|'skip', key, vars} lines for the bundle's drand beacon;
// `drand` is the page's pinned chain ({chain: <chain info>, relays}) or null
// when the server does not know the chain; `verifier` is the loaded Wasm verifier.
export async function drandLines(bundle, drand, verifier) {
  const beacon = bundle?.result?.statement?.beacon;
  if (!beacon || beacon.source !== 'drand') return [];
  const round = beacon.round;
  if (!drand || drand.chain?.hash !== beacon.chain_hash)
    return [{ state: 'fail', key: 'drand.unknown_chain', vars: { chain: String(beacon.chain_hash).slice(0, 16) } }];

  // Every relay at once; the first whose answer holds decides (BLS signatures are
  // unique, so a relay's valid signature that differs means the result's is not drand's).
  const ours = String(beacon.signature).toLowerCase();
  const attempts = (drand.relays || []).map(async (relay) => {
    const host = new URL(relay).host;
    try {
      const got = await fetchRound(relay, drand.chain.hash, round);
      if (got.signature.toLowerCase() === ours) return { host, same: true };
      const theirs = verifier.checkDrandRound({ chain: drand.chain, round, signature: got.signature });
      if (theirs.ok !== true) throw new Error('its signature does not verify');
      return { host, same: false };
    } catch (e) {
      throw new Error(`${host}: ${e.name === 'TimeoutError' ? 'timeout' : e.message}`);
    }
  });
  try {
    const { host, same } = await Promise.any(attempts);
    return [same ? { state: 'pass', key: 'drand.online_ok', vars: { relay: host, round } }
                 : { state: 'fail', key: 'drand.online_bad', vars: { relay: host, round, reason: 'the result carries another value' } }];
  } catch (e) {
    const reasons = (e.errors || []).map((x) => x.message).join('; ');
    return [{ state: 'skip', key: 'drand.online_skipped', vars: { reason: reasons || 'no relay configured' } }];
  }
}
