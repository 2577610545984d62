// The verify page's drand BLS check (web/verify/drand-bls.js, the esbuild
// bundle of @noble/curves made by `scripts/build.sh web`) under Node, on rounds
// drand quicknet really published (tests/vectors/drand_quicknet.json): they
// verify, and a wrong round, a flipped bit, a wrong key or an unknown scheme do
// not. Also checks that the vector's chain info hashes to quicknet's chain hash
// (drand's definition), so the pinned key is quicknet's. Prints "N passed, N failed".
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(repo, 'web/verify/drand-bls.js');
if (!existsSync(bundle)) {
  console.log(`FAIL  ${bundle} is missing: run scripts/build.sh web`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const { verifyRoundSignature } = await import(pathToFileURL(bundle).href);
const v = JSON.parse(readFileSync(join(repo, 'tests/vectors/drand_quicknet.json'), 'utf8'));
const scheme = v.info.schemeID, publicKey = v.info.public_key;
let passed = 0, failed = 0;
function check(name, cond, detail = '') {
  if (cond) passed++;
  else { failed++; console.log(`FAIL  ${name} ${detail}`); }
}

// drand's chain hash: SHA-256 of period (u32 BE), genesis (i64 BE), public key, group hash, beacon id (unless "default").
const info = v.info, h = createHash('sha256');
const period = Buffer.alloc(4); period.writeUInt32BE(info.period);
const genesis = Buffer.alloc(8); genesis.writeBigInt64BE(BigInt(info.genesis_time));
h.update(period).update(genesis).update(Buffer.from(info.public_key, 'hex')).update(Buffer.from(info.groupHash, 'hex'));
if (info.metadata.beaconID !== 'default') h.update(info.metadata.beaconID);
check('the chain info hashes to the quicknet chain hash', h.digest('hex') === info.hash);

for (const { round, signature } of v.rounds) {
  const ok = verifyRoundSignature({ scheme, publicKey, round, signature });
  check(`round ${round} verifies`, ok.ok === true, JSON.stringify(ok));
  const wrongRound = verifyRoundSignature({ scheme, publicKey, round: round + 1, signature });
  check(`round ${round}'s signature does not verify for round ${round + 1}`, wrongRound.ok === false && /does not verify/.test(wrongRound.reason), JSON.stringify(wrongRound));
  const flipped = signature.slice(0, 40) + ((parseInt(signature[40], 16) ^ 1).toString(16)) + signature.slice(41);
  check(`round ${round} with a flipped bit is refused`, verifyRoundSignature({ scheme, publicKey, round, signature: flipped }).ok === false);
}
const [a, b] = v.rounds;
check('a signature of another round is refused', verifyRoundSignature({ scheme, publicKey, round: a.round, signature: b.signature }).ok === false);
const otherKey = publicKey.slice(0, 2) + (publicKey[2] === '0' ? '1' : '0') + publicKey.slice(3);
check('a wrong public key is refused', verifyRoundSignature({ scheme, publicKey: otherKey, round: a.round, signature: a.signature }).ok === false);
const unknown = verifyRoundSignature({ scheme: 'pedersen-bls-chained', publicKey, round: a.round, signature: a.signature });
check('an unknown scheme is refused by name', unknown.ok === false && unknown.reason.includes('pedersen-bls-chained'), JSON.stringify(unknown));
for (const bad of ['', 'zz', '00'.repeat(48), a.signature.slice(0, 94)])
  check(`malformed signature "${bad.slice(0, 12)}" gives a reason, not an exception`,
        verifyRoundSignature({ scheme, publicKey, round: a.round, signature: bad }).ok === false);
check('round 0 is refused', verifyRoundSignature({ scheme, publicKey, round: 0, signature: a.signature }).ok === false);

console.log(`drand_bls: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
