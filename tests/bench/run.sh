#!/usr/bin/env bash
# `make bench`: the protocol core natively and in Wasm (Node), each figure
# beside the raw SHA-256 rate of 64-byte messages measured in the same run on
# the same side, plus OpenSSL's own figure as the machine's baseline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
echo "== machine baseline: openssl speed -evp sha256 (64-byte blocks)"
openssl speed -seconds 2 -bytes 64 -evp sha256 2>/dev/null | tail -1
echo "== native core"
build/native/core_bench --leaves 1000000 --leaves 10000000 --draw-n 10000000 --draw-k 100
echo "== Wasm core (node $(node --version))"
node --no-experimental-fetch build/wasm/core_bench.js --leaves 1000000 --leaves 10000000 --draw-n 10000000 --draw-k 100
echo "== organizer app in headless Chromium (1 M CSV rows)"
node tests/bench/app_bench.mjs 1000000
echo "== OAuth paths of the server (native)"
build/native/oauth_bench --calls 100000
for extra in tests/bench/server_bench.sh; do
  if [ -x "$extra" ]; then "$extra"; fi
done
