#!/usr/bin/env bash
# Runs the same `tirage` invocations with the native build and the Wasm build
# (under Node) and fails, showing the difference, when their outputs or exit
# codes differ. One implementation, two compilers: they must agree byte for byte.
#
#   tests/wasm/compare_cli.sh NATIVE_TOOL "WASM_TOOL_COMMAND"
set -uo pipefail
native=$1
wasm=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vectors="$(cd "$here/../vectors" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inputs: the RFC 6962 reference leaves, 1000 generated leaves, participant lists,
# and the organizer app's participant files (CSV, .xlsx, pasted, JSON Lines) with rules.
printf '\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n' > "$work/eight.hex"
for i in $(seq 1 1000); do echo "leaf number $i"; done > "$work/thousand.txt"
{
  for i in $(seq 1 300); do printf '{"platform":"list","id":"@User%d","name":"User %d"}\n' "$i" "$i"; done
  printf '{"platform":"instagram","id":"17841","name":"Zo\\u00e9"}\n'
  printf '{"platform":"x","id":"42","name":"Zoe\\u0301 M\\u00fcller"}\n'
  printf '{"platform":"list","id":"@user7","name":"duplicate of User 7"}\n'
} > "$work/people.jsonl"
printf '{"platform":"list","id":"a","name":"a"}\n{"platform":\n' > "$work/broken.jsonl"
h1=$(printf 'c%.0s' $(seq 64)); h2=$(printf '7%.0s' $(seq 64))

cases=(
  "merkle root --hex|$work/eight.hex"
  "merkle prove --index 5 --hex|$work/eight.hex"
  "merkle consistency --old 3 --hex|$work/eight.hex"
  "merkle root|$work/thousand.txt"
  "merkle prove --index 777|$work/thousand.txt"
  "merkle consistency --old 513|$work/thousand.txt"
  "merkle prove --index 1000|$work/thousand.txt"
  "participants $work/people.jsonl|/dev/null"
  "participants $work/broken.jsonl|/dev/null"
  "participants $vectors/participants/comments.csv --hashtags '#noel' --entries -|/dev/null"
  "participants $vectors/import/excel_fr_1252.csv --platform instagram --handle-column 1 --time-column date --from 2026-12-25T00:00:00Z|/dev/null"
  "participants $vectors/import/utf16le_tab.csv|/dev/null"
  "participants $vectors/import/export_metadata.xlsx --platform instagram --hashtags noel --min-mentions 2|/dev/null"
  "participants $vectors/import/basic.xlsx --one-per-comment|/dev/null"
  "participants - --format text --platform tiktok|$vectors/participants/pasted_fr.txt"
  "participants $vectors/participants/instagram_comments.jsonl --one-per-comment --hashtags noel --from 2026-12-01T00:00:00Z --until 2026-12-24T18:00:00Z --organizer @brand --min-mentions 1 --keywords gagner,participe|/dev/null"
  "participants $vectors/participants/instagram_comments.jsonl --min-account-age 30 --now 2026-12-24T17:00:00Z|/dev/null"
  "participants $vectors/participants/comments.csv --commitment $vectors/bundle/valid.json|/dev/null"
  "participants $vectors/import/malformed_quote.csv|/dev/null"
  "participants $vectors/import/bad_xml.xlsx|/dev/null"
  "participants $vectors/participants/comments.csv --handle-column pseudo|/dev/null"
  "draw --participants $work/people.jsonl --winners 5 --alternates 3 --commitment-hash $h1 --beacon $h2|/dev/null"
  "draw --participants $work/people.jsonl --winners 300 --alternates 2 --commitment-hash $h1 --beacon $h2|/dev/null"
  "draw --participants $work/people.jsonl --winners 303 --alternates 1 --commitment-hash $h1 --beacon $h2|/dev/null"
  "rfc3797 --pool 25 --select 10 9319 '2 5 12 8 10' '9 18 26 34 41 45'|/dev/null"
  "verify - --keys $here/../vectors/bundle/keys.json|$here/../vectors/bundle/valid.json"
  "verify - --keys $here/../vectors/bundle/keys.json|$here/../vectors/bundle/valid-rotated.json"
  "verify - --keys $here/../vectors/bundle/keys.json|$here/../vectors/bundle/tampered-winner.json"
  "verify - --keys $here/../vectors/bundle/keys.json|$here/../vectors/bundle/forged-self-signed.json"
  "verify - --keys $here/../vectors/bundle/keys.json|$here/../vectors/bundle/logged-after-beacon.json"
  "verify -|$here/../vectors/bundle/valid.json"
)

passed=0 failed=0
for c in "${cases[@]}"; do
  args=${c%|*} input=${c##*|}
  if [ ! -e "$input" ]; then
    echo "FAIL  $args: input $input is missing"; failed=$((failed + 1)); continue
  fi
  eval "\"$native\" $args" < "$input" > "$work/n.out" 2> "$work/n.err"; n_code=$?
  eval "$wasm $args" < "$input" > "$work/w.out" 2> "$work/w.err"; w_code=$?
  if [ "$n_code" = "$w_code" ] && cmp -s "$work/n.out" "$work/w.out" && cmp -s "$work/n.err" "$work/w.err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL  tirage $args"
    echo "      exit codes: native $n_code, wasm $w_code"
    diff <(cat "$work/n.out" "$work/n.err") <(cat "$work/w.out" "$work/w.err") | head -20 | sed 's/^/      /'
  fi
done
echo "native/Wasm cross-check: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
