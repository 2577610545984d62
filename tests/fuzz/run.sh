#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each.
# `make test` runs a fixed number of inputs from a fixed seed (FUZZ_RUNS,
# default 200000, seed 1), so CI is repeatable; explore longer by hand with
# FUZZ_SECONDS=600 tests/fuzz/run.sh (random seed, time-bounded). Seeds come
# from tests/vectors and tests/fuzz/corpus (add every crash input there);
# new interesting inputs are kept in build/fuzz/corpus. FUZZ_TARGETS limits
# the run to some targets (FUZZ_TARGETS=tests/fuzz/fuzz_csv.cpp).
# Prints "N passed, N failed"; a crash fails, with its input kept for replay.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -n "${FUZZ_SECONDS:-}" ]; then
  budget=(-max_total_time="$FUZZ_SECONDS"); what="${FUZZ_SECONDS}s"
else
  budget=(-runs="${FUZZ_RUNS:-200000}" -seed=1); what="${FUZZ_RUNS:-200000} inputs, seed 1"
fi
out=build/fuzz
mkdir -p "$out"
cxx=clang++-14
# blst (drand's BLS), as scripts/bootstrap.sh built it natively.
blst=$(cat build/blst-native.path 2>/dev/null) && [ -f "$blst/lib/libblst.a" ] \
  || { echo "fuzz: blst is missing (run scripts/bootstrap.sh)"; echo "0 passed, 1 failed"; exit 1; }
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -isystem "$blst/include")
core_sources=(shared/core/*.cpp shared/crypto/*.cpp shared/protocol/*.cpp shared/import/*.cpp shared/filters/*.cpp shared/oauth/*.cpp shared/platforms/*.cpp)

if [ ! -f "$out/libcore.a" ] || [ -n "$(find shared -newer "$out/libcore.a" -name '*.[ch]pp' | head -1)" ]; then
  echo "fuzz: building the core with clang, ASan and UBSan"
  rm -f "$out"/*.o
  for src in "${core_sources[@]}"; do
    obj="$out/$(echo "$src" | tr / _).o"
    $cxx "${flags[@]/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,}" -c "$src" -o "$obj" &
    while [ "$(jobs -r | wc -l)" -ge "$(nproc)" ]; do wait -n; done
  done
  wait
  rm -f "$out/libcore.a"  # ar only adds members: a renamed or deleted source would linger in it
  ar rcs "$out/libcore.a" "$out"/*.o
fi

passed=0 failed=0
for target in ${FUZZ_TARGETS:-tests/fuzz/fuzz_*.cpp}; do
  name=$(basename "$target" .cpp)
  # A target may name server sources it needs on a "// fuzz-sources:" line.
  extra=$(sed -n 's|^// fuzz-sources:||p' "$target")
  # shellcheck disable=SC2086
  $cxx "${flags[@]}" "$target" $extra "$out/libcore.a" "$blst/lib/libblst.a" -lcrypto -lutf8proc -lz -lpugixml -o "$out/$name" || { failed=$((failed + 1)); continue; }
  corpus="$out/corpus/$name"
  mkdir -p "$corpus"
  seeds=()
  [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
  [ "$name" = fuzz_bundle ] && seeds+=(tests/vectors/bundle)
  echo "fuzz: $name ($what)"
  # A repeatable run starts from the committed seeds only, not from what earlier runs kept.
  [ -z "${FUZZ_SECONDS:-}" ] && corpus=$(mktemp -d) && trap 'rm -rf "$corpus"' RETURN EXIT
  if "$out/$name" "${budget[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$out/$name-" "$corpus" "${seeds[@]}" > "$out/$name.log" 2>&1; then
    passed=$((passed + 1))
    tail -1 "$out/$name.log"
  else
    failed=$((failed + 1))
    echo "FAIL  $name (log: $out/$name.log)"; grep -E 'ERROR|SUMMARY|Test unit written' "$out/$name.log" | head -5
  fi
done
echo "fuzzing: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
