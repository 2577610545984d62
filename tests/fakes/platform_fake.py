"""Shared machinery of the platform fakes (fake_instagram.py, fake_facebook.py,
fake_youtube.py, fake_x.py, fake_tiktok.py): an HTTP/1.1 keep-alive server,
bearer-token checks with expiry, opaque cursors, and faults injected by page
number. Each fake speaks its platform's documented wire format
(../shared/api-reference.md); this module only carries what they share.

Common flags of every fake:
  --port P            where to listen (the --sandbox server expects 8701-8705)
  --comments N        comments on the fake's giveaway post (default 60)
  --token T           the access token accepted (default sandbox-token);
                      "fresh-token" is always accepted too (a refreshed token)
  --token-check URL   also accept the tokens that fake_oauth.py issued for this
                      platform and still holds live (asks URL?token=T, its
                      /_fake/token); revoked or expired there means refused here

Control endpoints (tests only; never part of a platform's API):
  POST /_fake/config  JSON merged into the configuration, e.g.
                      {"drop_at":[3]}          close the connection mid-body on page request 3
                      {"malformed_at":[5]}     answer page request 5 with truncated JSON (HTTP 200)
                      {"throttle_at":[4]}      the platform's own throttling error on page request 4
                      {"http429_at":[6]}       a bare HTTP 429 with Retry-After: 1
                      {"error5xx_at":[7]}      HTTP 500/503 on page request 7
                      {"expire_after":10}      the first token expires after 10 page requests
                      {"slow_ms":5}            sleep before each answer
  GET  /_fake/stats   {"requests","page_requests","connections","offsets":[...],"tokens":[...],"times":[...]}
                      (connections: TCP connections accepted, to see that clients keep them alive)
"""
import argparse
import base64
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlparse

BASE_TIME = 1763632800  # 2025-11-20T10:00:00Z: comment i is posted at BASE_TIME + 3 i


def iso_meta(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(t))


def iso_z(t, millis=False):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + (".000Z" if millis else "Z")


def encode_cursor(offset):
    return base64.urlsafe_b64encode(("o:%d" % offset).encode()).decode().rstrip("=")


def decode_cursor(cursor):
    """The offset in a cursor we made, or None for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if raw.startswith("o:"):
            return int(raw[2:])
    except Exception:
        pass
    return None


def comment_text(i):
    return ["I'm in! @friend%d" % i, "Done ✅ @pal%d @buddy%d" % (i, i + 1), "Count me in 🎁", "me please #giveaway"][i % 4]


class Fake:
    """One fake platform. Subclasses implement route(handler, method, path, query, body)."""

    name = "platform"
    default_port = 0

    def __init__(self, args):
        self.lock = threading.Lock()
        self.config = {
            "comments": args.comments, "token": args.token, "drop_at": [], "malformed_at": [], "throttle_at": [],
            "http429_at": [], "error5xx_at": [], "expire_after": None, "slow_ms": 0,
        }
        self.stats = {"requests": 0, "page_requests": 0, "connections": 0, "offsets": [], "tokens": [], "times": []}
        self.token_check = getattr(args, "token_check", None)

    # --- helpers for subclasses -------------------------------------------------------------
    def token_of(self, handler, query):
        auth = handler.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        return query.get("access_token", [""])[0]

    def issued_token(self, token):
        """What fake_oauth.py says of a token it issued for this platform ({"state", "page_id"?, ...}), or None."""
        if not self.token_check or not token:
            return None
        try:
            with urllib.request.urlopen(self.token_check + "?token=" + quote(token, safe=""), timeout=5) as r:
                answer = json.loads(r.read())
        except (urllib.error.URLError, ValueError, OSError):
            return None
        return answer if answer.get("provider") in self.oauth_providers else None

    def issued_token_state(self, token):
        """What fake_oauth.py says of a token it issued: 'ok', 'expired', or None (not one of its live tokens)."""
        answer = self.issued_token(token)
        return answer and {"ok": "ok", "expired": "expired"}.get(answer.get("state"))

    oauth_providers = ()  # which fake_oauth providers issue this platform's tokens (set by subclasses)

    def token_state(self, token):
        """'ok', 'expired' or 'invalid' for a token at this moment."""
        with self.lock:
            expire_after = self.config["expire_after"]
            pages = self.stats["page_requests"]
            accepted = self.config["token"]
        if token == "fresh-token":
            return "ok"
        if token != accepted:
            return self.issued_token_state(token) or "invalid"
        if expire_after is not None and pages >= expire_after:
            return "expired"
        return "ok"

    def page_request(self, offset):
        """Counts a page request and returns the fault to inject for it, if any."""
        with self.lock:
            self.stats["page_requests"] += 1
            n = self.stats["page_requests"]
            if len(self.stats["offsets"]) < 500000:
                self.stats["offsets"].append(offset)
                self.stats["times"].append(time.time())
            for fault in ("drop_at", "malformed_at", "throttle_at", "http429_at", "error5xx_at"):
                if n in self.config[fault]:
                    return fault
        return None

    # --- HTTP plumbing ----------------------------------------------------------------------
    def serve(self, port):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # The headers and the body leave in two writes: with Nagle's algorithm on, the body waits
            # for the ACK of the headers, which the client delays by up to 40 ms, on every answer.
            disable_nagle_algorithm = True

            def setup(self):
                super().setup()
                with fake.lock:
                    fake.stats["connections"] += 1

            def log_message(self, *a):
                pass

            def send(self, status, body, headers=None, fault=None):
                data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
                if fault == "malformed_at":
                    data = data[: max(1, len(data) // 2)]
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if fault == "drop_at":
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(data)

            def handle_any(self, method):
                url = urlparse(self.path)
                query = parse_qs(url.query)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with fake.lock:
                    fake.stats["requests"] += 1
                    slow = fake.config["slow_ms"]
                if slow:
                    time.sleep(slow / 1000)
                if url.path == "/_fake/config" and method == "POST":
                    with fake.lock:
                        fake.config.update(json.loads(body or b"{}"))
                    return self.send(200, fake.config)
                if url.path == "/_fake/stats":
                    with fake.lock:
                        return self.send(200, fake.stats)
                token = fake.token_of(self, query)
                with fake.lock:
                    if token and token not in fake.stats["tokens"]:
                        fake.stats["tokens"].append(token)
                fake.route(self, method, url.path, query, body, token)

            def do_GET(self):
                self.handle_any("GET")

            def do_POST(self):
                self.handle_any("POST")

        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        server.daemon_threads = True
        print("%s fake listening on 127.0.0.1:%d" % (self.name, port), flush=True)
        server.serve_forever()


def main(fake_class):
    ap = argparse.ArgumentParser(description=fake_class.__doc__)
    ap.add_argument("--port", type=int, default=fake_class.default_port)
    ap.add_argument("--comments", type=int, default=60)
    ap.add_argument("--token", default="sandbox-token")
    ap.add_argument("--token-check", default=None, help="fake_oauth.py's /_fake/token URL: accept the tokens it issued")
    args = ap.parse_args()
    fake_class(args).serve(args.port)
