#!/usr/bin/env bash
# Server benchmarks (make bench): wrk against GET /api/v1/draws/{id} and
# against nginx serving a static file of the same size, in the same run; the
# same read while 64 slow clients trickle request bodies; and
# durable publish throughput (POST /api/v1/draws: each one signed and appended
# to the log in its own fsync'd transaction).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tool=build/native/tirage
server=${TIRAGE_SERVER_BIN:-build/native/tirage-server}  # another build can be compared
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
duration=${BENCH_SECONDS:-10}

port=$(free_port)
key=$($server user add --data "$work/data" --email bench@example.com --password 'bench password 123' --api-key --plan business 2>/dev/null | tail -1)
$server --listen 127.0.0.1:$port --data "$work/data" --beacon local --threads 64 2>"$work/server.log" &
pids+=($!)
for i in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# One published draw to read.
for i in $(seq 1 1000); do printf '{"platform":"list","id":"@fan%d","name":"Fan %d"}\n' $i $i; done > "$work/p.jsonl"
root=$($tool participants "$work/p.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["participants_root"])')
body="{\"giveaway_id\":\"g_bench\",\"title\":\"Bench\",\"participants_root\":\"$root\",\"participants_count\":1000,\"winners\":3,\"alternates\":2,\"beacon\":{\"source\":\"local\"}}"
draw=$(curl -sf -XPOST "http://127.0.0.1:$port/api/v1/draws" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["draw_id"])')
sleep 11
view=$(curl -sf "http://127.0.0.1:$port/api/v1/draws/$draw")
ch=$(echo "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["commitment_hash"])')
bv=$(echo "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["beacon_value"])')
$tool draw --participants "$work/p.jsonl" --winners 3 --alternates 2 --commitment-hash "$ch" --beacon "$bv" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"winners":d["winners"],"alternates":d["alternates"]}))' > "$work/result.json"
curl -sf -XPOST "http://127.0.0.1:$port/api/v1/draws/$draw/result" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d @"$work/result.json" >/dev/null
curl -sf "http://127.0.0.1:$port/api/v1/draws/$draw" > "$work/static.json"
size=$(stat -c %s "$work/static.json")

# nginx serving a file of the same size.
nport=$(free_port)
mkdir -p "$work/nginx/logs" "$work/www"
cp "$work/static.json" "$work/www/draw.json"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5

rate() { wrk -t2 -c50 -d"${duration}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
echo "== GET of a published draw ($size bytes), wrk -t2 -c50 -d${duration}s"
ours=$(rate "http://127.0.0.1:$port/api/v1/draws/$draw")
theirs=$(rate "http://127.0.0.1:$nport/draw.json")
echo "tirage-server: $ours requests/s"
echo "nginx (same size static file): $theirs requests/s"
python3 -c "print('ratio: %.1f%% of nginx (target >= 50%%)' % (100 * $ours / $theirs))"

# Slow clients hold connections, never request threads (server/http/connection_front.hpp).
echo "== the same read while 64 slow clients trickle request bodies (tests/bench/slow_clients.py), wrk -t2 -c50 -d${duration}s"
python3 tests/bench/slow_clients.py --port "$port" --clients 64 --seconds $((duration + 30)) > "$work/slow.log" &
slow=$!
pids+=($slow)
sleep 1
healthz=$(curl -s --max-time 30 -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/healthz")
with_slow=$(rate "http://127.0.0.1:$port/api/v1/draws/$draw")
kill "$slow" 2>/dev/null || true
echo "tirage-server with 64 slow clients connected: $with_slow requests/s ($(python3 -c "print('%.1f' % (100 * $with_slow / $ours))")% of the rate without them); /healthz took ${healthz} s"
echo "baseline (openssl speed -seconds 2 -bytes 64 -evp sha256): $(openssl speed -seconds 2 -bytes 64 -evp sha256 2>/dev/null | tail -1)"

echo "== durable publishes: POST /api/v1/draws, each signed and appended in its own transaction"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"giveaway_id":"g_load","title":"Load","participants_root":"$root","participants_count":1000,"winners":1,"beacon":{"source":"local"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
before=$(curl -sf "http://127.0.0.1:$port/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["log_size"])')
wrk -t2 -c16 -d"${duration}s" -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/draws" > "$work/wrk-post.txt"
after=$(curl -sf "http://127.0.0.1:$port/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["log_size"])')
failed=$(awk '/Non-2xx/ {print $5}' "$work/wrk-post.txt")
echo "publishes: $((after - before)) durable log appends in ${duration}s = $(( (after - before) / duration ))/s (wrk: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-post.txt") requests/s, ${failed:-0} non-2xx; target >= 1000/s)"
