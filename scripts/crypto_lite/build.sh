#!/usr/bin/env bash
# Builds tirage::openssl_lite (libcrypto_lite.a) for the Wasm verifier from a configured OpenSSL
# source tree (scripts/bootstrap.sh's, with its generated headers): OpenSSL's
# own curve25519.c (Ed25519), sha256.c, sha512.c, md5_dgst.c and the two
# helpers they call, without EVP or providers. curve25519.c is used through a
# copy made here (never committed) that includes sha512_without_evp.h after
# its own includes, so its SHA-512 calls go to the low-level functions.
#
#   scripts/crypto_lite/build.sh OPENSSL_TREE OUT.a
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tree="$1"; out="$2"
lite="$tree/tirage-lite"
rm -rf "$lite" && mkdir -p "$lite"

# The copy: one line added after '#include <openssl/sha.h>'; refuse to guess if
# the file no longer looks like the one this was written for.
awk -v inc='#include "sha512_without_evp.h"' '{ print } /^#include <openssl\/sha.h>/ && !done { print inc; done = 1 }' \
  "$tree/crypto/ec/curve25519.c" > "$lite/curve25519_lite.c"
grep -q 'sha512_without_evp.h' "$lite/curve25519_lite.c" \
  || { echo "crypto_lite: curve25519.c no longer includes <openssl/sha.h>; update $here" >&2; exit 1; }
grep -q 'EVP_MD_fetch(libctx, SN_sha512, propq)' "$lite/curve25519_lite.c" \
  || { echo "crypto_lite: curve25519.c no longer fetches SHA-512 as expected; update $here" >&2; exit 1; }

# -O2 rather than -Oz: the field arithmetic is the verifier's hot loop, and -Oz
# saves only a few KB here.
flags=(-O2 -I"$tree" -I"$tree/include" -I"$tree/crypto/ec" -I"$here")
objs=()
for f in "$lite/curve25519_lite.c" crypto/sha/sha256.c crypto/sha/sha512.c crypto/md5/md5_dgst.c crypto/mem_clr.c crypto/cpuid.c; do
  [ "${f:0:1}" = / ] || f="$tree/$f"
  o="$lite/$(basename "$f" .c).o"
  emcc "${flags[@]}" -c "$f" -o "$o"
  objs+=("$o")
done
rm -f "$out"
emar rcs "$out" "${objs[@]}"
