#!/usr/bin/env python3
"""Fake OAuth 2.0 servers of Google, Facebook, Instagram, X and TikTok, in one
process, for tests only (never a production default).

The server under test runs with --oauth-sandbox http://127.0.0.1:PORT, which
turns every https://HOST/PATH into http://127.0.0.1:PORT/HOST/PATH; this fake
dispatches on that HOST/PATH, so it serves the same paths as the real hosts
(../shared/api-reference.md 2.1, 2.2, 4.4, 5.5, 6.4):

  authorize  302 back to redirect_uri with code and state (Instagram adds #_)
  token      checks the client, redirect_uri, code (single use, expiring) and
             the PKCE verifier (S256 base64url; TikTok: S256 as hex), answers
             with each provider's real error shapes; refresh (rotating for X
             and TikTok), Meta's long-lived exchanges, Instagram's refresh
  revoke     Google, Facebook (DELETE /me/permissions), X, TikTok
  identity   userinfo / me / users/me / user/info, refusing expired or revoked tokens
  pages      Facebook /me/accounts with Page tokens, cursor-paged (2 per page); the Page
             tokens are live tokens here too (/_fake/token names their "page_id")

Control endpoints for tests (not part of any real API):
  POST /_fake/identity {"provider", "subject", "email", "email_verified", "name"}  who authorizes next
  POST /_fake/identity {"provider": "facebook", ..., "pages": "[{\"id\",\"name\"}]"}  the Pages that Facebook
                       account manages (a JSON text; default: the three of PAGES)
  POST /_fake/config   {"provider", "access_expires_in", "deny"}                   token lifetime, deny consent
  POST /_fake/config   {"provider": "facebook", "foreign_next": true}             /me/accounts pages on to another host
  POST /_fake/config   {"provider", "kill_access": true}                           every live access token refused from now
  GET  /_fake/log      {"revoked", "refreshes", "exchanges", "issued", "foreign_hits"}
  GET  /_fake/token?token=T   {"provider", "subject", "state": "ok"|"expired"|"revoked", "page_id"?} (404 for a token never issued):
                       lets a platform fake (platform_fake.py --token-check) accept exactly the tokens issued here

usage: fake_oauth.py PORT CLIENT... where CLIENT is provider:client_id:client_secret
"""
import base64
import hashlib
import json
import re
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

LOCK = threading.Lock()
CLIENTS = {}       # provider -> (id, secret)
IDENTITY = {
    "google": {"subject": "g-100", "email": "fan@example.com", "email_verified": True, "name": "Google Fan"},
    "facebook": {"subject": "fb-200", "email": "fan@example.com", "email_verified": True, "name": "Facebook Fan"},
    "instagram": {"subject": "17841400000000001", "app_user_id": "8392019283746512", "name": "demo.shop"},
    "x": {"subject": "2244994945", "name": "demo_shop"},
    "tiktok": {"subject": "afd97af1-b87b-48b9-ac98-410aghda5344", "name": "Demo Shop"},
}
# Access token lifetimes: Meta's long-lived tokens last 60 days, the others about an hour.
CONFIG = {p: {"access_expires_in": 5184000 if p in ("facebook", "instagram") else 3600, "deny": False, "foreign_next": False}
          for p in IDENTITY}
PAGES = [{"id": "104857600000001", "name": "Demo Shop"}, {"id": "104857600000002", "name": "Demo Café"},
         {"id": "104857600000003", "name": "Demo Bakery"}]
CODES = {}         # code -> dict(provider, redirect_uri, challenge, scope, identity, expires, used, tokens)
TOKENS = {}        # access token -> dict(provider, identity, expires, revoked, refresh)
REFRESH = {}       # refresh token -> dict(provider, identity, revoked, scope)
LOG = {"revoked": [], "refreshes": {}, "exchanges": {}, "issued": [], "foreign_hits": 0}
CODE_LIFETIME = {"google": 600, "facebook": 600, "instagram": 3600, "x": 30, "tiktok": 600}


def log_id():
    return time.strftime("%Y%m%d%H%M%S") + secrets.token_hex(6).upper()


def s256(verifier, provider):
    digest = hashlib.sha256(verifier.encode()).digest()
    if provider == "tiktok":
        return digest.hex()  # TikTok Login Kit: hex, not base64url
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# Each provider's error shapes (api-reference.md 1.2, 4.4, 5.5, 6.3, 6.4).
def oauth_error(provider, kind, detail):
    if provider == "facebook":
        subcode = {"code_used": 36009, "code_invalid": 36008}.get(kind)
        body = {"error": {"message": detail, "type": "OAuthException", "code": 100, "fbtrace_id": secrets.token_hex(6)}}
        if subcode:
            body["error"]["error_subcode"] = subcode
        return 400, body
    if provider == "instagram":
        return 400, {"error_type": "OAuthException", "code": 400, "error_message": detail}
    if provider == "tiktok":
        code = "invalid_request" if kind in ("pkce", "bad_request") else ("invalid_client" if kind == "client" else "invalid_grant")
        return 400, {"error": code, "error_description": detail, "log_id": log_id()}
    if provider == "x":
        if kind == "client":
            return 401, {"error": "unauthorized_client", "error_description": "Missing valid authorization header"}
        return 400, {"error": "invalid_request", "error_description": detail}
    # Google
    if kind == "client":
        return 401, {"error": "invalid_client", "error_description": "Unauthorized"}
    return 400, {"error": "invalid_grant", "error_description": detail}


def invalid_token(provider):
    if provider in ("facebook", "instagram"):
        return 400, {"error": {"message": "Error validating access token: Session has expired.", "type": "OAuthException",
                               "code": 190, "error_subcode": 463, "fbtrace_id": secrets.token_hex(6)}}
    if provider == "x":
        return 401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
    if provider == "tiktok":
        return 401, {"data": {}, "error": {"code": "access_token_invalid",
                                           "message": "The access token is invalid or not found in the request.", "log_id": log_id()}}
    return 401, {"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}


def issue_tokens(provider, identity, scope, with_refresh):
    access = {"google": "ya29.", "facebook": "EAAG", "instagram": "IGAA", "x": "", "tiktok": "act."}[provider] + secrets.token_urlsafe(24)
    lifetime = CONFIG[provider]["access_expires_in"]
    LOG["issued"].append(access)
    TOKENS[access] = {"provider": provider, "identity": identity, "expires": time.time() + lifetime, "revoked": False}
    body = {"access_token": access, "token_type": "Bearer" if provider in ("google", "tiktok") else "bearer", "expires_in": lifetime}
    if scope:
        body["scope"] = scope
    if with_refresh:
        refresh = {"google": "1//0g", "x": "", "tiktok": "rft."}.get(provider, "") + secrets.token_urlsafe(24)
        LOG["issued"].append(refresh)
        REFRESH[refresh] = {"provider": provider, "identity": identity, "revoked": False, "scope": scope, "access": access}
        TOKENS[access]["refresh"] = refresh
        body["refresh_token"] = refresh
        if provider == "tiktok":
            body["refresh_expires_in"] = 15552000
    if provider == "tiktok":
        body["open_id"] = identity["subject"]
    return body


def live_token(token):
    t = TOKENS.get(token)
    if not t or t["revoked"] or t["expires"] <= time.time():
        return None
    return t


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_oauth: " + (fmt % args) + "\n")

    # -- plumbing --------------------------------------------------------------
    def send(self, status, body, headers=None):
        data = json.dumps(body).encode() if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 65536:
            return None
        raw = self.rfile.read(length).decode() if length else ""
        ctype = self.headers.get("Content-Type", "")
        if raw and ctype.startswith("application/json"):
            return {k: str(v) for k, v in json.loads(raw).items()}
        return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}

    def bearer(self, query):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        return query.get("access_token", "")

    def client_ok(self, provider, params):
        cid, secret = CLIENTS.get(provider, (None, None))
        if cid is None:
            return False
        auth = self.headers.get("Authorization", "")
        if provider == "x":
            if not auth.startswith("Basic "):
                return False
            try:
                got = base64.b64decode(auth[6:]).decode()
            except Exception:
                return False
            return got == f"{cid}:{secret}"
        key = "client_key" if provider == "tiktok" else "client_id"
        return params.get(key) == cid and params.get("client_secret") == secret

    # -- dispatch --------------------------------------------------------------
    def route(self, method):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        path = re.sub(r"/v\d+\.\d+/", "/", url.path)  # Graph API versions: any vNN.N
        with LOCK:
            try:
                return self.handle_path(method, path, query)
            except (ValueError, KeyError) as e:
                return self.send(400, {"error": "bad_request", "error_description": f"fake: {e}"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    def handle_path(self, method, path, q):
        if path == "/_fake/identity" and method == "POST":
            body = self.form()
            IDENTITY[body.pop("provider")].update({k: (v in (True, "true", "True")) if k == "email_verified" else v for k, v in body.items()})
            return self.send(200, {"ok": True})
        if path == "/_fake/config" and method == "POST":
            body = self.form()
            p = body.pop("provider")
            if "access_expires_in" in body:
                CONFIG[p]["access_expires_in"] = int(body["access_expires_in"])
            if "deny" in body:
                CONFIG[p]["deny"] = body["deny"] in ("true", "True", "1")
            if body.get("kill_access") in ("true", "True", "1", True):
                for t in TOKENS.values():  # as a password change does: access tokens die, refresh tokens live
                    if t["provider"] == p:
                        t["revoked"] = True
            if "foreign_next" in body:
                CONFIG[p]["foreign_next"] = body["foreign_next"] in ("true", "True", "1")
            return self.send(200, {"ok": True})
        if path == "/_fake/log":
            return self.send(200, LOG)
        if path == "/_fake/token" and method == "GET":
            t = TOKENS.get(q.get("token", ""))
            if t is None:
                return self.send(404, {"state": "unknown"})
            state = "revoked" if t["revoked"] else ("expired" if t["expires"] <= time.time() else "ok")
            answer = {"provider": t["provider"], "subject": t["identity"]["subject"], "state": state}
            if "page_id" in t:
                answer["page_id"] = t["page_id"]
            return self.send(200, answer)

        authorize = {
            "/accounts.google.com/o/oauth2/v2/auth": "google",
            "/www.facebook.com/dialog/oauth": "facebook",
            "/www.instagram.com/oauth/authorize": "instagram",
            "/api.instagram.com/oauth/authorize": "instagram",
            "/x.com/i/oauth2/authorize": "x",
            "/twitter.com/i/oauth2/authorize": "x",
            "/www.tiktok.com/v2/auth/authorize/": "tiktok",
        }
        if path in authorize and method == "GET":
            return self.authorize(authorize[path], q)
        token_paths = {"/oauth2.googleapis.com/token": "google", "/api.x.com/2/oauth2/token": "x",
                       "/open.tiktokapis.com/v2/oauth/token/": "tiktok", "/api.instagram.com/oauth/access_token": "instagram"}
        if path in token_paths and method == "POST":
            return self.token(token_paths[path], self.form() or {})
        if path == "/graph.facebook.com/oauth/access_token" and method == "GET":
            if q.get("grant_type") == "fb_exchange_token":
                return self.long_lived("facebook", q.get("fb_exchange_token", ""), q)
            return self.token("facebook", q)
        if path == "/graph.instagram.com/access_token" and method == "GET":
            return self.long_lived("instagram", q.get("access_token", ""), q)
        if path == "/graph.instagram.com/refresh_access_token" and method == "GET":
            return self.instagram_refresh(q)
        if path == "/oauth2.googleapis.com/revoke" and method == "POST":
            return self.revoke("google", q.get("token") or (self.form() or {}).get("token", ""))
        if path == "/api.x.com/2/oauth2/revoke" and method == "POST":
            body = self.form() or {}
            if not self.client_ok("x", body):
                return self.send(*oauth_error("x", "client", ""))
            return self.revoke("x", body.get("token", ""))
        if path == "/open.tiktokapis.com/v2/oauth/revoke/" and method == "POST":
            body = self.form() or {}
            if not self.client_ok("tiktok", body):
                return self.send(*oauth_error("tiktok", "client", "Client key or secret is incorrect."))
            return self.revoke("tiktok", body.get("token", ""))
        if path == "/graph.facebook.com/me/accounts" and method == "GET":
            return self.pages(q)
        if path.startswith("/evil.example/"):
            LOG["foreign_hits"] += 1  # a client followed a paging link off the platform's host
            return self.send(200, {"data": []})
        if path == "/graph.facebook.com/me/permissions" and method == "DELETE":
            return self.revoke("facebook", q.get("access_token", ""))
        identity = {
            "/openidconnect.googleapis.com/v1/userinfo": "google",
            "/graph.facebook.com/me": "facebook",
            "/graph.instagram.com/me": "instagram",
            "/api.x.com/2/users/me": "x",
            "/open.tiktokapis.com/v2/user/info/": "tiktok",
        }
        if path in identity and method == "GET":
            return self.identity(identity[path], q)
        return self.send(404, {"error": "not_found", "error_description": f"fake_oauth has no {method} {path}"})

    # -- endpoints -------------------------------------------------------------
    def authorize(self, provider, q):
        key = "client_key" if provider == "tiktok" else "client_id"
        if q.get(key) != CLIENTS.get(provider, (None,))[0]:
            return self.send(400, {"error": "invalid_client", "error_description": f"unknown {key}"})
        redirect_uri, state = q.get("redirect_uri", ""), q.get("state", "")
        if not redirect_uri or q.get("response_type") != "code" or not q.get("scope") or not state:
            return self.send(400, {"error": "invalid_request", "error_description": "redirect_uri, response_type=code, scope and state are required"})
        challenge = q.get("code_challenge", "")
        if provider in ("x", "tiktok") and (not challenge or q.get("code_challenge_method") != "S256"):
            return self.send(400, {"error": "invalid_request", "error_description": "code_challenge with code_challenge_method=S256 is required"})
        sep = "&" if "?" in redirect_uri else "?"
        if CONFIG[provider]["deny"]:
            return self.redirect(redirect_uri + sep + urlencode({"error": "access_denied", "error_description": "The user denied the request", "state": state}))
        code = secrets.token_urlsafe(18)
        CODES[code] = {"provider": provider, "redirect_uri": redirect_uri, "challenge": challenge, "scope": q["scope"],
                       "identity": dict(IDENTITY[provider]), "expires": time.time() + CODE_LIFETIME[provider], "used": False,
                       "offline": q.get("access_type") == "offline" or "offline.access" in q["scope"] or provider == "tiktok",
                       "issued": []}
        target = redirect_uri + sep + urlencode({"code": code, "state": state})
        return self.redirect(target + ("#_" if provider == "instagram" else ""))

    def token(self, provider, p):
        grant = p.get("grant_type", "")
        if provider != "facebook" and grant not in ("authorization_code", "refresh_token"):
            return self.send(*oauth_error(provider, "bad_request", "Unsupported grant_type"))
        if not self.client_ok(provider, p):
            return self.send(*oauth_error(provider, "client", "Invalid client credentials"))
        if grant == "refresh_token":
            return self.refresh(provider, p)
        code = CODES.get(p.get("code", ""))
        if code is None or code["provider"] != provider:
            return self.send(*oauth_error(provider, "code_invalid", "Invalid authorization code"))
        if code["used"]:
            # RFC 6749 10.5: a replayed code also revokes what it gave.
            for t in code["issued"]:
                TOKENS[t]["revoked"] = True
            return self.send(*oauth_error(provider, "code_used", "This authorization code has been used"))
        if code["expires"] <= time.time():
            return self.send(*oauth_error(provider, "code_expired", "Authorization code is expired."))
        if p.get("redirect_uri") != code["redirect_uri"]:
            return self.send(*oauth_error(provider, "redirect", "redirect_uri does not match the authorization request"))
        if code["challenge"]:
            verifier = p.get("code_verifier", "")
            if not verifier or s256(verifier, provider) != code["challenge"]:
                return self.send(*oauth_error(provider, "pkce", "Code verifier or code challenge is invalid."))
        code["used"] = True
        LOG["exchanges"][provider] = LOG["exchanges"].get(provider, 0) + 1
        body = issue_tokens(provider, code["identity"], code["scope"], code["offline"] and provider in ("google", "x", "tiktok"))
        code["issued"].append(body["access_token"])
        if provider == "instagram":
            TOKENS[body["access_token"]]["expires"] = time.time() + 3600  # short-lived
            return self.send(200, {"data": [{"access_token": body["access_token"], "user_id": code["identity"]["app_user_id"],
                                             "permissions": code["scope"]}]})
        if provider == "facebook":
            TOKENS[body["access_token"]]["expires"] = time.time() + 3600
            return self.send(200, {"access_token": body["access_token"], "token_type": "bearer", "expires_in": 3600})
        return self.send(200, body)

    def refresh(self, provider, p):
        r = REFRESH.get(p.get("refresh_token", ""))
        if r is None or r["revoked"] or r["provider"] != provider:
            return self.send(*oauth_error(provider, "refresh", "Token has been expired or revoked."))
        LOG["refreshes"][provider] = LOG["refreshes"].get(provider, 0) + 1
        rotate = provider in ("x", "tiktok")
        if rotate:
            r["revoked"] = True
        body = issue_tokens(provider, r["identity"], r["scope"], rotate)
        if not rotate:
            TOKENS[body["access_token"]]["refresh"] = p["refresh_token"]
        return self.send(200, body)

    def long_lived(self, provider, short, q):
        t = live_token(short)
        if provider == "facebook" and not self.client_ok("facebook", q):
            return self.send(*oauth_error("facebook", "client", "Error validating client secret."))
        if provider == "instagram" and q.get("client_secret") != CLIENTS.get("instagram", (None, None))[1]:
            return self.send(*oauth_error("instagram", "client", "Error validating client secret."))
        if t is None or t["provider"] != provider:
            return self.send(*invalid_token(provider))
        body = issue_tokens(provider, t["identity"], "", False)
        TOKENS[body["access_token"]]["expires"] = time.time() + max(CONFIG[provider]["access_expires_in"], 0)
        return self.send(200, {"access_token": body["access_token"], "token_type": "bearer",
                               "expires_in": CONFIG[provider]["access_expires_in"]})

    def instagram_refresh(self, q):
        if q.get("grant_type") != "ig_refresh_token":
            return self.send(*oauth_error("instagram", "bad_request", "grant_type must be ig_refresh_token"))
        t = live_token(q.get("access_token", ""))
        if t is None or t["provider"] != "instagram":
            return self.send(*invalid_token("instagram"))
        LOG["refreshes"]["instagram"] = LOG["refreshes"].get("instagram", 0) + 1
        body = issue_tokens("instagram", t["identity"], "", False)
        return self.send(200, {"access_token": body["access_token"], "token_type": "bearer", "expires_in": body["expires_in"]})

    def revoke(self, provider, token):
        hit = False
        if token in TOKENS and TOKENS[token]["provider"] == provider:
            TOKENS[token]["revoked"] = True
            if TOKENS[token].get("refresh") in REFRESH:
                REFRESH[TOKENS[token]["refresh"]]["revoked"] = True
            hit = True
        if token in REFRESH and REFRESH[token]["provider"] == provider:
            REFRESH[token]["revoked"] = True
            for t in TOKENS.values():  # revoking the grant ends its access tokens too
                if t.get("refresh") == token:
                    t["revoked"] = True
            hit = True
        if not hit:
            if provider == "google":
                return self.send(400, {"error": "invalid_token", "error_description": "Token expired or revoked"})
            if provider == "facebook":
                return self.send(*invalid_token("facebook"))
        LOG["revoked"].append({"provider": provider, "token": token})
        if provider == "facebook":
            return self.send(200, {"success": True})
        if provider == "x":
            return self.send(200, {"revoked": True})
        return self.send(200, {})

    def pages(self, q):
        """GET /me/accounts: the Pages with their Page tokens, cursor-paged, at most 2 per page (Meta caps limit)."""
        token = self.bearer(q)
        t = live_token(token)
        if t is None or t["provider"] != "facebook":
            return self.send(*invalid_token("facebook"))
        start = int(base64.b64decode(q["after"]).decode()) if q.get("after") else 0
        size = min(int(q.get("limit", 25)), 2)
        pages = json.loads(t["identity"]["pages"]) if t["identity"].get("pages") else PAGES
        chunk = pages[start:start + size]
        data = []
        for p in chunk:
            page_token = "EAAGpage" + p["id"] + token[-6:]
            # A Page token lives as long as the user token it came from, and dies with it.
            TOKENS[page_token] = {"provider": "facebook", "identity": t["identity"], "expires": t["expires"],
                                  "revoked": False, "page_id": p["id"]}
            data.append(dict(p, access_token=page_token))
        body = {"data": data,
                "paging": {"cursors": {"before": base64.b64encode(str(start).encode()).decode(),
                                       "after": base64.b64encode(str(start + len(chunk)).encode()).decode()}}}
        if start + size < len(pages):
            host = "evil.example" if CONFIG["facebook"]["foreign_next"] else "graph.facebook.com/v23.0"
            body["paging"]["next"] = f"https://{host}/me/accounts?" + urlencode(
                {"fields": q.get("fields", ""), "limit": size, "access_token": token, "after": body["paging"]["cursors"]["after"]})
        return self.send(200, body)

    def identity(self, provider, q):
        t = live_token(self.bearer(q))
        if t is None or t["provider"] != provider:
            return self.send(*invalid_token(provider))
        who = t["identity"]
        if provider == "google":
            return self.send(200, {"sub": who["subject"], "email": who["email"], "email_verified": who["email_verified"],
                                   "name": who["name"]})
        if provider == "facebook":
            body = {"id": who["subject"], "name": who["name"]}
            if who.get("email") and who.get("email_verified"):
                body["email"] = who["email"]
            return self.send(200, body)
        if provider == "instagram":
            return self.send(200, {"user_id": who["subject"], "username": who["name"], "id": who["app_user_id"]})
        if provider == "x":
            return self.send(200, {"data": {"id": who["subject"], "name": who["name"], "username": who["name"]}})
        return self.send(200, {"data": {"user": {"open_id": who["subject"], "display_name": who["name"]}},
                               "error": {"code": "ok", "message": "", "log_id": log_id()}})


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    port = int(sys.argv[1])
    for spec in sys.argv[2:]:
        provider, cid, secret = spec.split(":", 2)
        CLIENTS[provider] = (cid, secret)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"fake_oauth listening on {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
