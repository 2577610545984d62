#!/usr/bin/env python3
"""A fake drand relay for tests: the HTTP API of a drand node for the quicknet
chain (GET /{chain_hash}/info, /{chain_hash}/public/{round}, /public/latest),
with made-up but self-consistent rounds: signature = 48 bytes derived from the
round number, randomness = SHA-256(signature), as drand's own are. Rounds are
published on quicknet's real schedule; asking for a future round gives 425 Too
Early, as relays do. Without --chain the BLS signatures are not real (only a
BLS check could tell); with --chain FILE (made by drand_test_chain.mjs) the
relay serves a test chain: that file's public key and real BLS signatures made
with its test key, so the browser's BLS check runs as against drand itself.
Every answer allows any origin, as drand's relays do (the verify page calls
them from the browser).

  fake_drand.py --port P [--chain FILE] [--fail N] [--slow-ms MS] [--slow-rounds-ms MS] [--garbage]

--fail N      answer the first N requests with 500
--slow-ms MS  sleep MS before every answer (to test client timeouts)
--slow-rounds-ms MS  sleep MS before answering a round (the chain's info stays quick, so a
              server starts with drand and then finds its relay hanging)
--garbage     answer rounds whose randomness is not H(signature)
--chain FILE  serve the test chain in FILE ({"public_key", "rounds": {round: signature}});
              rounds outside it answer 404
"""
import argparse
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHAIN = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
GENESIS = 1692803367
PERIOD = 3
PUBLIC_KEY = ("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d"
              "1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a")


def signature(round_number):
    seed = hashlib.sha256(b"fake drand round %d" % round_number).digest()
    return (seed + hashlib.sha256(seed).digest())[:48]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--fail", type=int, default=0)
    ap.add_argument("--slow-ms", type=int, default=0)
    ap.add_argument("--slow-rounds-ms", type=int, default=0)
    ap.add_argument("--garbage", action="store_true")
    ap.add_argument("--chain")
    args = ap.parse_args()
    chain = None
    if args.chain:
        with open(args.chain) as f:
            chain = json.load(f)
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
            if len(parts) < 2 or parts[0] != CHAIN:
                return self.answer(404, {"error": "unknown chain"})
            if parts[1:] == ["info"]:
                return self.answer(200, {"public_key": chain["public_key"] if chain else PUBLIC_KEY, "period": PERIOD, "genesis_time": GENESIS,
                                         "hash": CHAIN, "groupHash": "00" * 32,
                                         "schemeID": "bls-unchained-g1-rfc9380",
                                         "metadata": {"beaconID": "quicknet"}})
            if len(parts) == 3 and parts[1] == "public":
                if args.slow_rounds_ms:
                    time.sleep(args.slow_rounds_ms / 1000)
                latest = (int(time.time()) - GENESIS) // PERIOD + 1
                if parts[2] == "latest":
                    number = latest
                elif parts[2].isdigit():
                    number = int(parts[2])
                else:
                    return self.answer(400, {"error": "bad round"})
                if number > latest:
                    return self.answer(425, {"error": "round not yet published"})
                if chain:
                    if str(number) not in chain["rounds"]:
                        return self.answer(404, {"error": "round %d is outside the test chain" % number})
                    sig = bytes.fromhex(chain["rounds"][str(number)])
                else:
                    sig = signature(number)
                randomness = hashlib.sha256(sig).hexdigest()
                if args.garbage:
                    randomness = "00" * 32
                return self.answer(200, {"round": number, "randomness": randomness, "signature": sig.hex()})
            return self.answer(404, {"error": "not found"})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("fake drand listening on %d" % args.port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
