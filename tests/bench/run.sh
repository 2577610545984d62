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
echo "== import path, native: 1M CSV rows read, filtered, listed (baseline: memchr scan of the same bytes); 1M-row .xlsx read"
mkdir -p build/bench
[ -f build/bench/comments_1m.xlsx ] || python3 tests/bench/make_big_xlsx.py build/bench/comments_1m.xlsx 1000000
build/native/import_bench --rows 1000000 --xlsx build/bench/comments_1m.xlsx
echo "== import path, Wasm (node $(node --version))"
node --no-experimental-fetch build/wasm/import_bench.js --rows 1000000 --xlsx build/bench/comments_1m.xlsx
echo "== organizer app in headless Chromium (1 M CSV rows)"
node tests/bench/app_bench.mjs 1000000
echo "== organizer app: 100,000 comments of a post imported from the fake Instagram (headless Chromium, real server)"
node tests/bench/app_import_bench.mjs 100000
echo "== the verify page: verifier and widget sizes, navigation to \"verified\" (headless Chromium)"
(cd tests/browser && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; })
node tests/bench/verifier_bench.mjs
echo "== OAuth paths of the server (native)"
build/native/oauth_bench --calls 100000
echo "== platform JSON parse throughput, native (shared/platforms)"
build/native/platform_parse_bench --mb 64
echo "== platform JSON parse throughput, Wasm (node $(node --version))"
node --no-experimental-fetch build/wasm/platform_parse_bench.js --mb 64
for extra in tests/bench/server_bench.sh tests/bench/billing_bench.sh tests/bench/platform_import_bench.sh; do
  if [ -x "$extra" ]; then "$extra"; fi
done
