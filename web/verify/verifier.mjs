// The Tirage verifier for browsers and Node: a thin, promise-based wrapper
// around the Wasm exports. Every function returns plain objects; errors come
// back as {error: {code, message}}, never as exceptions from the Wasm side.
//
//   import { loadVerifier } from './verifier.mjs';
//   const v = await loadVerifier('/static/verify/tirage_verify.js');
//   const keys = await (await fetch('/.well-known/tirage-keys.json')).json();  // this origin's keys
//   const report = v.verifyBundle(bundle, keys);   // {ok, checks: [{step, title, ok, detail}]}

// moduleOptions go to the Emscripten factory (e.g. locateFile, outside browsers).
export async function loadVerifier(scriptUrl, moduleOptions = {}) {
  const factory = await importFactory(scriptUrl);
  const mod = await factory(moduleOptions);
  const call = (name, ...args) => {
    const ptr = mod.ccall(name, 'number', args.map(() => 'string'), args);
    if (!ptr) return { error: { code: 'out_of_memory', message: 'the verifier ran out of memory' } };
    try {
      return JSON.parse(mod.UTF8ToString(ptr));
    } finally {
      mod._tirage_free(ptr);
    }
  };
  return {
    // keys: the key set to trust, from this page's own origin, never the bundle's.
    // drandChains: chain info objects (as drand's /info) pinned besides quicknet, e.g. a test chain.
    verifyBundle: (bundle, keys, known, drandChains) =>
      call('tirage_verify_bundle', JSON.stringify(bundle), JSON.stringify(keys ?? null), known ? JSON.stringify(known) : '',
           drandChains ? JSON.stringify(drandChains) : ''),
    entryLeafHash: (entry) => call('tirage_entry_leaf_hash', JSON.stringify(entry)),
    handleKey: (args) => call('tirage_handle_key', JSON.stringify(args)),
    checkInclusion: (args) => call('tirage_check_inclusion', JSON.stringify(args)),
    checkConsistency: (args) => call('tirage_check_consistency', JSON.stringify(args)),
    // {chain: <chain info>, round, signature} -> {ok} or {ok: false, reason}: drand's BLS check (blst).
    checkDrandRound: (args) => call('tirage_check_drand_round', JSON.stringify(args)),
  };
}

// The Emscripten output is built with MODULARIZE + EXPORT_ES6, so it is an ES
// module whose default export is the factory.
async function importFactory(scriptUrl) {
  const m = await import(scriptUrl);
  return m.default;
}
