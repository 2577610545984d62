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
local events, i = {}, 0
for line in io.lines("$work/events.tsv") do
  local sig, body = line:match("^([^\t]+)\t(.*)$")
  events[#events + 1] = {sig, body}
end
request = function()
  i = i % #events + 1
  return wrk.format("POST", "/api/v1/stripe/webhook",
                    {["Content-Type"] = "application/json", ["Stripe-Signature"] = events[i][1]}, events[i][2])
end
LUA
echo "== Stripe webhooks: distinct events, each verified and stored once (wrk -t2 -c16 -d${duration}s)"
wrk -t2 -c16 -d"${duration}s" -s "$work/events.lua" "http://127.0.0.1:$port/" > "$work/wrk-events.txt"
stored=$(sqlite3 "$work/data/tirage.db" "SELECT COUNT(*), SUM(deliveries) FROM stripe_events")
echo "webhooks: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-events.txt") deliveries/s; events stored, deliveries: ${stored/|/, }; non-2xx: $(awk '/Non-2xx/ {print $5}' "$work/wrk-events.txt")"
echo "(target >= 500 deliveries/s: Stripe sends far fewer; every first delivery is an fsync'd transaction)"
