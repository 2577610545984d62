#!/usr/bin/env bash
# `make run`: serves Tirage on http://localhost:8080 with its data in var/
# (ignored by git). Until the server exists in this checkout, runs a sample
# draw with the `tirage` tool instead and says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${PORT:-8080}
if [ -x build/native/tirage-server ]; then
  mkdir -p var/data
  echo "Tirage: serving http://localhost:$port (data in var/data; Ctrl-C to stop)"
  exec build/native/tirage-server --listen "127.0.0.1:$port" --data var/data --public-url "http://localhost:$port"
fi

echo "tirage-server is not built in this checkout yet: running a sample draw with build/native/tirage instead."
mkdir -p var/sample
people=var/sample/participants.jsonl
for i in $(seq 1 1000); do printf '{"platform":"list","id":"@fan%d","name":"Fan %d"}\n' "$i" "$i"; done > "$people"
echo "participants ($people):"
build/native/tirage participants "$people"
commitment=$(printf 'sample commitment' | sha256sum | cut -c1-64)
beacon=$(printf 'sample beacon' | sha256sum | cut -c1-64)
echo "draw of 3 winners and 2 alternates (commitment hash $commitment, beacon $beacon):"
build/native/tirage draw --participants "$people" --winners 3 --alternates 2 \
  --commitment-hash "$commitment" --beacon "$beacon" | grep -E '"(name|rank|index|seed|participants_root)"'
