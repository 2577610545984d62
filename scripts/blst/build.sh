#!/usr/bin/env bash
# Builds supranational's blst (BLS12-381) as a static library into a prefix
# (include/blst.h, include/blst_aux.h, lib/libblst.a), from the blst sources
# the npm tarball of @chainsafe/blst carries (its blst/ folder).
#
#   scripts/blst/build.sh BLST_SRC PREFIX native|wasm
#
# wasm: portable C (__BLST_NO_ASM__, 32-bit limbs), compiled with emcc at -Oz.
# native: blst's own x86-64/armv8 assembly (build/assembly.S) with
# __BLST_PORTABLE__ (no ADX or other ISA extension: the library runs on any
# CPU of the architecture, so the cache and images can move between machines).
# blst 0.3.10's portable C is for 32-bit limbs only: on x86-64 its no_asm.h
# needs a double-width limb type it defines for 32-bit targets alone, so
# __BLST_NO_ASM__ does not compile natively.
set -euo pipefail
src="$1"; prefix="$2"; kind="$3"
[ -f "$src/src/server.c" ] && [ -f "$src/bindings/blst.h" ] || { echo "blst: no blst sources in $src" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case "$kind" in
  wasm)
    # -Oz: every visitor of the verify page downloads it, and a drand draw's
    # one check stays in tens of milliseconds (docs/verifier.md has the figures).
    emcc -Oz -fno-builtin -D__BLST_NO_ASM__ -Wall -Wextra -Werror -c "$src/src/server.c" -o "$work/server.o"
    emar rcs "$work/libblst.a" "$work/server.o"
    ;;
  native)
    avx=(); [ "$(uname -m)" = x86_64 ] && avx=(-mno-avx)  # blst's advice: no AVX transitions around its code
    cc -O2 -fno-builtin -fPIC "${avx[@]}" -D__BLST_PORTABLE__ -Wall -Wextra -Werror -c "$src/src/server.c" -o "$work/server.o"
    cc -O2 -fPIC -D__BLST_PORTABLE__ -c "$src/build/assembly.S" -o "$work/assembly.o"
    ar rcs "$work/libblst.a" "$work/server.o" "$work/assembly.o"
    ;;
  *) echo "usage: scripts/blst/build.sh BLST_SRC PREFIX native|wasm" >&2; exit 2 ;;
esac
mkdir -p "$prefix/lib" "$prefix/include"
cp "$src/bindings/blst.h" "$src/bindings/blst_aux.h" "$prefix/include/"
cp "$src/LICENSE" "$prefix/LICENSE"
mv "$work/libblst.a" "$prefix/lib/libblst.a"
