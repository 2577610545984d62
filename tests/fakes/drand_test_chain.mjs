#!/usr/bin/env node
// Makes a drand test chain for tests/fakes/fake_drand.py --chain: a BLS key
// pair from a fixed seed (so the public key is stable) and real BLS signatures
// (scheme bls-unchained-g1-rfc9380, as quicknet) for a window of rounds around
// now on quicknet's schedule, so a server drawing against the fake relay gets
// rounds that a browser can check with the same code as for drand's own.
//
//   node tests/fakes/drand_test_chain.mjs [--before N] [--after N] > chain.json
//
// Uses @noble/curves from scripts/web/node_modules (installed by the build).
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const noble = join(repo, 'scripts/web/node_modules/@noble/curves/bls12-381.js');
const { bls12_381 } = await import(pathToFileURL(noble).href).catch((e) => {
  console.error(`drand_test_chain: cannot load ${noble} (run scripts/build.sh web first): ${e.message}`);
  process.exit(2);
});

const GENESIS = 1692803367, PERIOD = 3;  // quicknet's schedule, which the server computes rounds from
const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const before = arg('--before', 20), after = arg('--after', 100);

const sigs = bls12_381.shortSignatures;
// A fixed test seed: this key signs nothing but test rounds.
const seed = createHash('sha384').update('tirage fake drand test chain v1').digest();
const { secretKey, publicKey } = sigs.keygen(seed);
const hex = (b) => Buffer.from(b).toString('hex');
const message = (round) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(round));
  return createHash('sha256').update(b).digest();
};

const latest = Math.floor((Date.now() / 1000 - GENESIS) / PERIOD) + 1;
const rounds = {};
for (let r = Math.max(1, latest - before); r <= latest + after; r++)
  rounds[r] = hex(sigs.sign(sigs.hash(message(r), DST), secretKey).toBytes());
process.stdout.write(JSON.stringify({ scheme: 'bls-unchained-g1-rfc9380', public_key: hex(publicKey.toBytes()), rounds }) + '\n');
