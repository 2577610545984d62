#!/usr/bin/env bash
# Billing benchmarks (make bench): Stripe webhook deliveries into a real
# tirage-server. Each delivery's signature is checked (HMAC-SHA256 over the raw
# body) and its event id stored durably once; duplicates are answered from the
# stored id. Distinct events use a type that needs no call to Stripe, so this
# measures the server, not the fake.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
server=build/native/tirage-server
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
duration=${BENCH_SECONDS:-10}
secret=whsec_bench_secret

port=$(free_port)
STRIPE_WEBHOOK_SECRET=$secret $server --listen 127.0.0.1:$port --data "$work/data" --beacon local --threads 64 2>"$work/server.log" &
pids+=($!)
for i in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# 20000 distinct signed events (about 1 KiB each, like Stripe's), one per line: signature TAB body.
python3 - "$secret" > "$work/events.tsv" <<'PY'
import hashlib, hmac, json, sys, time
secret, t = sys.argv[1].encode(), int(time.time()) + 60
pad = "x" * 700
for i in range(20000):
    body = json.dumps({"id": "evt_bench%06d" % i, "object": "event", "type": "invoice.created", "created": t,
                       "data": {"object": {"id": "in_bench%06d" % i, "object": "invoice", "description": pad}}})
    sig = hmac.new(secret, b"%d." % t + body.encode(), hashlib.sha256).hexdigest()
    print("t=%d,v1=%s\t%s" % (t, sig, body))
PY
cat > "$work/events.lua" <<LUA
-- Each wrk thread starts at its own offset, so threads send different events.
local threads = 0
function setup(thread) thread:set("offset", threads * 10000); threads = threads + 1 end
local events, i = {}, 0
for line in io.lines("$work/events.tsv") do
  local sig, body = line:match("^([^\t]+)\t(.*)$")
  events[#events + 1] = {sig, body}
end
request = function()
  i = i + 1
  local e = events[(offset + i - 1) % #events + 1]
  return wrk.format("POST", "/api/v1/stripe/webhook", {["Content-Type"] = "application/json", ["Stripe-Signature"] = e[1]}, e[2])
end
LUA
echo "== Stripe webhooks: distinct events, each verified and stored once (wrk -t2 -c16 -d${duration}s)"
wrk -t2 -c16 -d"${duration}s" -s "$work/events.lua" "http://127.0.0.1:$port/" > "$work/wrk-events.txt"
stored=$(sqlite3 "$work/data/tirage.db" "SELECT COUNT(*), SUM(deliveries) FROM stripe_events")
echo "webhooks: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-events.txt") deliveries/s; events stored, deliveries: ${stored/|/, }; non-2xx: $(awk '/Non-2xx/ {print $5}' "$work/wrk-events.txt")"
# The disk's own rate of durable writes in the same folder: each new event costs two fsync'd commits
# (stored on arrival, marked processed after), so the target is half of it or better.
fsyncs=$(python3 - "$work" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.bin")
fd, n, start = os.open(path, os.O_WRONLY | os.O_CREAT), 300, time.time()
for _ in range(n):
    os.write(fd, b"x" * 4096)
    os.fsync(fd)
print("%.0f" % (n / (time.time() - start)))
PY
)
echo "baseline: $fsyncs fsync'd 4 KiB writes/s on this disk (target: deliveries/s >= half of it)"
