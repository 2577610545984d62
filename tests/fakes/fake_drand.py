#!/usr/bin/env python3
"""A fake drand relay for tests: the HTTP API of a drand node (GET
/{chain_hash}/info, /{chain_hash}/public/{round}, /public/latest) for a test
chain whose rounds are really signed: its chain info and each round's BLS
signature (scheme bls-unchained-g1-rfc9380, as quicknet) come from
drand_test_signer (tests/fakes/drand_test_signer.cpp, built with blst), asked
for exactly the round requested, so a test may run as long as it needs.
randomness = SHA-256(signature), as drand's. Rounds are published on the
chain's schedule; asking for a future round gives 425 Too Early, as relays do.
Every answer allows any origin, as drand's relays do (the verify page calls
them from the browser). GET /stats counts requests.

  fake_drand.py --port P --signer PATH [--name NAME] [--fail N] [--slow-ms MS] [--slow-rounds-ms MS] [--garbage | --lie]

--signer PATH  the drand_test_signer binary (build/native/drand_test_signer)
--name NAME    the test chain (key and beacon id) to serve (default tirage-test)
--fail N       answer the first N requests with 500
--slow-ms MS   sleep MS before every answer (to test client timeouts)
--slow-rounds-ms MS  sleep MS before answering a round (the chain's info stays
               quick, so a server starts with drand and then finds its relay hanging)
--garbage      answer rounds whose randomness is not H(signature)
--lie          answer rounds with a signature that is not the chain's (the same
               round signed by another key: a valid-looking G1 point) and
               randomness = its SHA-256, as a lying relay would
"""
import argparse
import hashlib
import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--signer", required=True)
    ap.add_argument("--name", default="tirage-test")
    ap.add_argument("--fail", type=int, default=0)
    ap.add_argument("--slow-ms", type=int, default=0)
    ap.add_argument("--slow-rounds-ms", type=int, default=0)
    ap.add_argument("--garbage", action="store_true")
    ap.add_argument("--lie", action="store_true")
    args = ap.parse_args()

    def signer(*argv):
        return subprocess.run([args.signer, *argv], check=True, capture_output=True, text=True).stdout

    info = json.loads(signer("info", "--name", args.name))
    chain, genesis, period = info["hash"], info["genesis_time"], info["period"]
    signing_name = args.name + "-liar" if args.lie else args.name
    state = {"failures_left": args.fail, "requests": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            with lock:
                state["requests"] += 1
                failing = state["failures_left"] > 0
                if failing:
                    state["failures_left"] -= 1
            if args.slow_ms:
                time.sleep(args.slow_ms / 1000)
            if failing:
                return self.answer(500, {"error": "injected failure"})
            parts = self.path.strip("/").split("/")
            if parts == ["stats"]:
                return self.answer(200, {"requests": state["requests"]})
            if len(parts) < 2 or parts[0] != chain:
                return self.answer(404, {"error": "unknown chain"})
            if parts[1:] == ["info"]:
                return self.answer(200, info)
            if len(parts) == 3 and parts[1] == "public":
                if args.slow_rounds_ms:
                    time.sleep(args.slow_rounds_ms / 1000)
                latest = (int(time.time()) - genesis) // period + 1
                if parts[2] == "latest":
                    number = latest
                elif parts[2].isdigit() and len(parts[2]) <= 18:
                    number = int(parts[2])
                else:
                    return self.answer(400, {"error": "bad round"})
                if number < 1:
                    return self.answer(404, {"error": "no round 0"})
                if number > latest:
                    return self.answer(425, {"error": "round not yet published"})
                sig = bytes.fromhex(signer("sign", "--name", signing_name, str(number)).strip())
                randomness = hashlib.sha256(sig).hexdigest()
                if args.garbage:
                    randomness = "00" * 32
                return self.answer(200, {"round": number, "randomness": randomness, "signature": sig.hex()})
            return self.answer(404, {"error": "not found"})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("fake drand listening on %d (chain %s, %s)" % (args.port, chain, args.name), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
