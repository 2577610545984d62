#!/usr/bin/env bash
# Import of 100,000 Instagram comments (25 per page, as the Graph API pages by
# default: 4,000 pages) from the fake Instagram server through a real
# tirage-server (--sandbox) into its SQLite file. Reports wall time, the time
# the import spent waiting on the (fake) platform vs in our code (parse +
# save), and pages/comments per second. COMMENTS=N changes the size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
comments=${COMMENTS:-100000}
server=build/native/tirage-server
[ -x "$server" ] || { echo "import_bench: $server is missing (make build)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fake_port=$(port); server_port=$(port)

python3 tests/fakes/fake_instagram.py --port "$fake_port" --comments "$comments" >"$work/fake.log" 2>&1 &
pids+=($!)
key=$("$server" user add --data "$work/data" --email bench@example.com --password 'a long enough password' --api-key --plan pro 2>/dev/null | tail -1)
"$server" --listen "127.0.0.1:$server_port" --data "$work/data" --beacon local --sandbox --sandbox-token sandbox-token \
  --platform-url "instagram=http://127.0.0.1:$fake_port" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$server_port/healthz" >/dev/null && break; sleep 0.1; done

echo "== import of $comments Instagram comments (25 per page) from the fake through tirage-server"
start=$(date +%s.%N)
id=$(curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"platform":"instagram","post_id":"17900000000000001","include_replies":false}' \
  "http://127.0.0.1:$server_port/api/v1/imports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while :; do
  job=$(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$server_port/api/v1/imports/$id")
  state=$(echo "$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
  [ "$state" != running ] && break
  sleep 0.5
done
end=$(date +%s.%N)
# The fake's own count: TCP connections accepted and requests answered (keep-alive shows as few connections).
curl -sf "http://127.0.0.1:$fake_port/_fake/stats" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("fake: connections=%d requests=%d (both counting this stats request)" % (s["connections"], s["requests"]))'
echo "$job" | python3 -c '
import json, sys
j = json.load(sys.stdin); wall = float(sys.argv[2]) - float(sys.argv[1]); p = j["progress"]; t = j["timing"]
net, ours, parse = t["network_ms"] / 1000, t["work_ms"] / 1000, t["parse_ms"] / 1000
print("state=%s comments=%d pages=%d wall=%.1fs network_wait=%.1fs (%.0f%%) our_code=%.1fs (%.0f%%: parse %.1fs, "
      "SQLite save and the rest %.1fs) other=%.1fs comments_per_s=%.0f ms_per_page: network=%.1f ours=%.2f parse=%.3f"
      % (j["state"], p["comments"], p["pages"], wall, net, 100 * net / wall, ours, 100 * ours / wall, parse, ours - parse,
         wall - net - ours, p["comments"] / wall, 1000 * net / max(1, p["pages"]), 1000 * ours / max(1, p["pages"]),
         1000 * parse / max(1, p["pages"])))
if j["state"] != "done": sys.exit("import did not finish: %s" % j.get("error"))
' "$start" "$end"
