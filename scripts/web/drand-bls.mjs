// Entry point of web/verify/drand-bls.js (bundled by scripts/web/bundle.mjs):
// the BLS check of a drand round, on @noble/curves, for the verify page.
// Pure: no network, no DOM. The page decides where keys and rounds come from.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';

// drand's schemes this check knows: quicknet's (signatures on G1, public key on G2, RFC 9380 hash to curve).
const SCHEMES = {
  'bls-unchained-g1-rfc9380': { dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_' },
};

function bytesFromHex(hex, what) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    throw new Error(`${what} is not hex`);
  return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

// The message drand signs for `round` in unchained schemes: SHA-256 of the round as 8 bytes, big endian.
export function roundMessage(round) {
  if (!Number.isSafeInteger(round) || round < 1) throw new Error(`round ${round} is not a positive integer`);
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(round));
  return sha256(b);
}

// {ok: true} when signatureHex is drand's BLS signature of `round` under
// publicKeyHex for `scheme`; {ok: false, reason} otherwise (malformed input,
// unknown scheme or a signature that does not verify). Never throws.
export function verifyRoundSignature({ scheme, publicKey, round, signature }) {
  const s = SCHEMES[scheme];
  if (!s) return { ok: false, reason: `drand scheme "${scheme}" is not supported` };
  try {
    const sigs = bls12_381.shortSignatures;
    const point = sigs.hash(roundMessage(round), s.dst);
    const ok = sigs.verify(bytesFromHex(signature, 'the signature'), point, bytesFromHex(publicKey, 'the public key'));
    return ok ? { ok: true } : { ok: false, reason: 'the BLS signature does not verify' };
  } catch (e) {
    return { ok: false, reason: `malformed signature or key: ${e.message}` };
  }
}
