#!/usr/bin/env bash
# Configures (once) and builds one tree, showing warnings, errors and a
# one-line summary instead of CMake's per-file progress; exits non-zero when
# the build fails.
#
#   scripts/build.sh native|wasm
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
jobs=${JOBS:-$(nproc)}
case "${1:-}" in
  native)
    dir=build/native
    [ -f $dir/CMakeCache.txt ] || { echo "configuring $dir"; cmake -S . -B $dir -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ >/dev/null; }
    ;;
  wasm)
    dir=build/wasm
    [ -f $dir/CMakeCache.txt ] || { echo "configuring $dir"; emcmake cmake -S . -B $dir -DCMAKE_BUILD_TYPE=Release -DTIRAGE_WASM_DEPS="$(cat build/wasm-deps.path)" >/dev/null; }
    ;;
  *) echo "usage: scripts/build.sh native|wasm" >&2; exit 2 ;;
esac
start=$SECONDS
log=$dir/build.log
if cmake --build $dir -j "$jobs" >"$log" 2>&1; then
  grep -E 'warning|error' "$log" | grep -v -E '^\[' | head -20 || true
  echo "built $dir in $((SECONDS - start)) s"
else
  grep -E -B2 -A6 'error|Error' "$log" | head -80
  echo "build of $dir FAILED (full log: $log)" >&2
  exit 1
fi
