#!/usr/bin/env bash
# Configures (once) and builds one tree, showing warnings, errors and a
# one-line summary instead of CMake's per-file progress; exits non-zero when
# the build fails.
#
#   scripts/build.sh native|wasm|fuzz [target...]   (default: every target; for fuzz, the fuzzers)
#
# TIRAGE_BUILD_TESTS=OFF when configuring leaves the test suites out (the Dockerfile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
jobs=${JOBS:-$(nproc)}
# ccache, when installed, lets several checkouts (worktrees, fresh clones) share
# compiled objects; CCACHE_BASEDIR and CCACHE_NOHASHDIR make their absolute
# paths not matter (debug info may then name another checkout's files).
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
fi
case "${1:-}" in
  native)
    dir=build/native
    [ -f $dir/CMakeCache.txt ] || { echo "configuring $dir"; cmake -S . -B $dir -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ -DTIRAGE_BUILD_TESTS="${TIRAGE_BUILD_TESTS:-ON}" "${launcher[@]}" >/dev/null; }
    ;;
  wasm)
    dir=build/wasm
    [ -f $dir/CMakeCache.txt ] || { echo "configuring $dir"; emcmake cmake -S . -B $dir -DCMAKE_BUILD_TYPE=Release -DTIRAGE_WASM_DEPS="$(cat build/wasm-deps.path)" -DTIRAGE_BUILD_TESTS="${TIRAGE_BUILD_TESTS:-ON}" "${launcher[@]}" >/dev/null; }
    ;;
  fuzz)
    # The libFuzzer tree (tests/fuzz/CMakeLists.txt, scripts/fuzz.sh): clang, ASan, UBSan.
    # Warnings are the native tree's business (clang-14 warns where g++ does not).
    dir=build/fuzz
    [ -f $dir/CMakeCache.txt ] || { echo "configuring $dir"; cmake -S . -B $dir -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 -DTIRAGE_FUZZ=ON -DTIRAGE_WERROR=OFF -DTIRAGE_BUILD_TESTS=ON "${launcher[@]}" >/dev/null; }
    [ $# -gt 1 ] || set -- fuzz fuzzers
    ;;
  *) echo "usage: scripts/build.sh native|wasm|fuzz [target...]" >&2; exit 2 ;;
esac
start=$SECONDS
log=$dir/build.log
targets=()
for t in "${@:2}"; do targets+=(--target "$t"); done
if cmake --build $dir -j "$jobs" "${targets[@]}" >"$log" 2>&1; then
  grep -E 'warning|error' "$log" | grep -v -E '^\[' | head -20 || true
  echo "built $dir in $((SECONDS - start)) s"
else
  grep -E -B2 -A6 'error|Error' "$log" | head -80
  echo "build of $dir FAILED (full log: $log)" >&2
  exit 1
fi
