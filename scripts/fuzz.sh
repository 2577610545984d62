#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/CMakeLists.txt) in the fuzz tree
# (build/fuzz: clang, ASan + UBSan; scripts/build.sh fuzz) and runs each.
# `make test-fuzz` runs a fixed number of inputs from a fixed seed (FUZZ_RUNS,
# default 200000, seed 1), so CI is repeatable; explore longer with
# FUZZ_SECONDS=600 scripts/fuzz.sh (`make fuzz`: random seed, time-bounded).
# Seeds come from tests/fuzz/corpus/<name> (and tests/vectors/bundle for
# fuzz_bundle; add every crash input there); long runs keep new interesting
# inputs in build/fuzz/corpus. FUZZ_TARGETS limits the run to some targets
# (FUZZ_TARGETS=fuzz_csv, or tests/fuzz/fuzz_csv.cpp).
# Prints "N passed, N failed"; a crash fails, with its input kept for replay
# (build/fuzz/<name>-crash-...; `build/native/<name> FILE` replays it without libFuzzer).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -n "${FUZZ_SECONDS:-}" ]; then
  budget=(-max_total_time="$FUZZ_SECONDS"); what="${FUZZ_SECONDS}s"
else
  budget=(-runs="${FUZZ_RUNS:-200000}" -seed=1); what="${FUZZ_RUNS:-200000} inputs, seed 1"
fi
out=build/fuzz
wanted=()
for target in ${FUZZ_TARGETS:-}; do wanted+=("$(basename "$target" .cpp)"); done
[ ${#wanted[@]} -gt 0 ] || wanted=(fuzzers)
if ! scripts/build.sh fuzz "${wanted[@]}"; then
  echo "fuzzing: the fuzz tree did not build"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0
# fuzzers.txt (written when CMake configures build/fuzz): "name seed-dir..." per fuzzer.
while read -r name seeds; do
  if [ "${wanted[0]}" != fuzzers ] && [[ " ${wanted[*]} " != *" $name "* ]]; then continue; fi
  # A repeatable run starts from the committed seeds only, not from what earlier runs kept.
  if [ -n "${FUZZ_SECONDS:-}" ]; then corpus="$out/corpus/$name"; mkdir -p "$corpus"; else corpus=$(mktemp -d); fi
  echo "fuzz: $name ($what)"
  # shellcheck disable=SC2086
  if "$out/$name" "${budget[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$out/$name-" "$corpus" $seeds < /dev/null > "$out/$name.log" 2>&1; then
    passed=$((passed + 1))
    tail -1 "$out/$name.log"
  else
    failed=$((failed + 1))
    echo "FAIL  $name (log: $out/$name.log)"; grep -E 'ERROR|SUMMARY|Test unit written' "$out/$name.log" | head -5
  fi
  [ -n "${FUZZ_SECONDS:-}" ] || rm -rf "$corpus"
done < "$out/fuzzers.txt"
[ $((passed + failed)) -gt 0 ] || { echo "fuzzing: no fuzzer matched '${FUZZ_TARGETS:-}'"; failed=1; }
echo "fuzzing: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
