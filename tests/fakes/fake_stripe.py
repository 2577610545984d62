#!/usr/bin/env python3
"""A fake Stripe for tests: the part of Stripe's API Tirage calls, stateful,
form-encoded in and JSON out, in Stripe's shapes and error shapes, plus a
checkout page that "pays", a customer portal page that cancels, and signed
webhooks (Stripe-Signature: t=...,v1=HMAC-SHA256(secret, t.body)) with
duplicates, reordering, concurrency and holding on demand. Never a
production default: the server reaches it only through --stripe-api-url.

  fake_stripe.py --port P --api-key sk_test_... --webhook-url URL --webhook-secret whsec_... --plans FILE

API (Authorization: Bearer <api key>; a wrong key answers 401):
  POST /v1/customers, POST /v1/checkout/sessions, POST /v1/billing_portal/sessions
  GET  /v1/customers/{id}, /v1/checkout/sessions/{id}, /v1/subscriptions/{id}, /v1/invoices/{id}
Every POST must carry Idempotency-Key (Tirage's rule): the same key with the
same parameters replays the first answer (Idempotent-Replayed: true); with
other parameters it answers 400 idempotency_error. Unknown parameters and
prices answer 400 invalid_request_error naming the param.

Pages: GET /pay/{session} (a "Pay" button), GET /portal/{session} (a "Cancel plan" button).
Test controls (JSON bodies): POST /_test/delivery {"duplicates","reverse","concurrent","hold"},
POST /_test/flush, POST /_test/fail_payment|pay_invoice|cancel {"subscription"},
POST /_test/redeliver {"event","times","concurrent"}, GET /_test/events, GET /_test/requests.
"""
import argparse
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.RLock()
STATE = {"customers": {}, "sessions": {}, "subscriptions": {}, "invoices": {}, "portal": {}, "events": [],
         "idempotency": {}, "requests": [], "prices": {}, "held": []}
DELIVERY = {"duplicates": 1, "reverse": False, "concurrent": False, "hold": False}

KNOWN = {
    "customers": {"email", "name", "metadata[organizer_id]"},
    "checkout/sessions": {"mode", "line_items[0][price]", "line_items[0][quantity]", "customer", "customer_email",
                          "client_reference_id", "success_url", "cancel_url", "metadata[organizer_id]", "metadata[plan]",
                          "tax_id_collection[enabled]", "customer_update[name]", "customer_update[address]",
                          "billing_address_collection", "subscription_data[metadata][organizer_id]",
                          "payment_intent_data[metadata][organizer_id]", "allow_promotion_codes"},
    "billing_portal/sessions": {"customer", "return_url"},
}


def new_id(prefix):
    return prefix + secrets.token_hex(12)


def stripe_error(status, type_, message, param=None, code=None):
    err = {"type": type_, "message": message}
    if param:
        err["param"] = param
    if code:
        err["code"] = code
        err["doc_url"] = "https://stripe.com/docs/error-codes/" + code.replace("_", "-")
    return status, {"error": err}


def missing(kind, id_):
    return stripe_error(404, "invalid_request_error", "No such %s: '%s'" % (kind, id_), "id", "resource_missing")


def load_prices(path):
    with open(path) as f:
        plans = json.load(f)
    for plan in plans["plans"]:
        for interval, by_currency in plan.get("prices", {}).items():
            for currency, p in by_currency.items():
                STATE["prices"][p["stripe_price"]] = {
                    "id": p["stripe_price"], "object": "price", "currency": currency, "unit_amount": p["amount"],
                    "type": "one_time" if interval == "once" else "recurring",
                    "recurring": None if interval == "once" else {"interval": interval, "interval_count": 1},
                    "product": "prod_" + plan["id"], "active": True}


def metadata(form, prefix):
    out = {}
    for k, v in form.items():
        if k.startswith(prefix + "[") and k.endswith("]"):
            out[k[len(prefix) + 1:-1]] = v
    return out


# --- webhooks -----------------------------------------------------------------

def sign(payload, t=None):
    t = int(time.time()) if t is None else t
    mac = hmac.new(ARGS.webhook_secret.encode(), ("%d." % t).encode() + payload, hashlib.sha256).hexdigest()
    return "t=%d,v1=%s" % (t, mac)


def post_event(event):
    payload = json.dumps(event, indent=2).encode()  # pretty-printed like Stripe's: the server must not re-serialize
    for attempt in range(ARGS.retries):
        status = None
        try:
            req = urllib.request.Request(ARGS.webhook_url, data=payload, method="POST", headers={
                "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": sign(payload),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"})
            with urllib.request.urlopen(req, timeout=10) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception:
            status = None
        with LOCK:
            event["_deliveries"].append(status)
        if status is not None and 200 <= status < 300:
            return
        time.sleep(ARGS.retry_seconds)


def deliver(events):
    """Sends a batch of events as the delivery settings say, in a background thread."""
    with LOCK:
        if DELIVERY["hold"]:
            STATE["held"].extend(events)
            return
        mode = dict(DELIVERY)
    batch = list(reversed(events)) if mode["reverse"] else list(events)

    def run():
        for event in batch:
            copies = max(1, mode["duplicates"])
            if mode["concurrent"]:
                threads = [threading.Thread(target=post_event, args=(event,)) for _ in range(copies)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
            else:
                for _ in range(copies):
                    post_event(event)
    threading.Thread(target=run, daemon=True).start()


def event(type_, obj, previous=None):
    e = {"id": new_id("evt_"), "object": "event", "api_version": "2025-06-30.basil", "created": int(time.time()),
         "type": type_, "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
         "data": {"object": json.loads(json.dumps(obj))}}
    if previous:
        e["data"]["previous_attributes"] = previous
    e["_deliveries"] = []
    STATE["events"].append(e)
    return e


def public(e):
    return {k: v for k, v in e.items() if k != "_deliveries"}


def post_event_public(e):
    return e


# --- objects ------------------------------------------------------------------

def new_invoice(sub, status):
    inv = {"id": new_id("in_"), "object": "invoice", "customer": sub["customer"], "subscription": sub["id"],
           "status": status, "currency": sub["currency"], "amount_due": sub["items"]["data"][0]["price"]["unit_amount"],
           "attempt_count": 1, "created": int(time.time())}
    STATE["invoices"][inv["id"]] = inv
    return inv


def complete_session(cs):
    """The customer paid: what Stripe does when Checkout succeeds."""
    events = []
    if not cs["customer"]:
        cus = {"id": new_id("cus_"), "object": "customer", "email": cs.get("customer_email"), "metadata": {}}
        STATE["customers"][cus["id"]] = cus
        cs["customer"] = cus["id"]
    price = STATE["prices"][cs["_price"]]
    cs["status"] = "complete"
    cs["payment_status"] = "paid"
    if cs["mode"] == "subscription":
        now = int(time.time())
        period = 365 * 86400 if price["recurring"]["interval"] == "year" else 30 * 86400
        sub = {"id": new_id("sub_"), "object": "subscription", "customer": cs["customer"], "status": "active",
               "currency": price["currency"], "cancel_at_period_end": False, "created": now,
               "metadata": cs["_subscription_metadata"],
               "items": {"object": "list", "data": [{"id": new_id("si_"), "object": "subscription_item", "price": price,
                                                     "quantity": 1, "current_period_start": now,
                                                     "current_period_end": now + period}]}}
        STATE["subscriptions"][sub["id"]] = sub
        cs["subscription"] = sub["id"]
        inv = new_invoice(sub, "paid")
        events += [event("checkout.session.completed", public_session(cs)), event("customer.subscription.created", sub),
                   event("invoice.paid", inv)]
    else:
        events.append(event("checkout.session.completed", public_session(cs)))
    return events


def public_session(cs):
    return {k: v for k, v in cs.items() if not k.startswith("_")}


# --- HTTP ---------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body, headers=None, content_type="application/json"):
        data = body if isinstance(body, bytes) else (json.dumps(body).encode() if content_type == "application/json" else body.encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", new_id("req_"))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, url):
        self.send_response(303)
        self.send_header("Location", url)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        return auth == "Bearer " + ARGS.api_key

    # --- GET ---
    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/v1/"):
            return self.api("GET", path[4:], {}, None)
        if path.startswith("/pay/"):
            with LOCK:
                cs = STATE["sessions"].get(path[5:])
            if not cs:
                return self.send(404, "<p>No such checkout session</p>", content_type="text/html; charset=utf-8")
            price = STATE["prices"][cs["_price"]]
            page = ("<!doctype html><meta charset=utf-8><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1>"
                    "<p id=amount>%s %.2f %s</p><form method=post><button id=pay>Pay</button></form>"
                    "<form method=post action='/pay/%s/cancel'><button id=back>Back</button></form>") % (
                html.escape(price["product"]), price["unit_amount"] / 100, price["currency"].upper(), cs["id"])
            return self.send(200, page, content_type="text/html; charset=utf-8")
        if path.startswith("/portal/"):
            with LOCK:
                ps = STATE["portal"].get(path[8:])
            if not ps:
                return self.send(404, "<p>No such portal session</p>", content_type="text/html; charset=utf-8")
            page = ("<!doctype html><meta charset=utf-8><title>Fake Stripe portal</title><h1>Fake customer portal</h1>"
                    "<p id=customer>%s</p><form method=post action='/portal/%s/cancel'><button id=cancel>Cancel plan</button></form>"
                    "<a id=return href='%s'>Return</a>") % (html.escape(ps["customer"]), ps["id"], html.escape(ps["return_url"]))
            return self.send(200, page, content_type="text/html; charset=utf-8")
        if path == "/_test/events":
            with LOCK:
                return self.send(200, [{"id": e["id"], "type": e["type"], "deliveries": list(e["_deliveries"])}
                                       for e in STATE["events"]])
        if path == "/_test/requests":
            with LOCK:
                return self.send(200, STATE["requests"])
        return self.send(*stripe_error(404, "invalid_request_error", "Unrecognized request URL (GET: %s)" % path))

    # --- POST ---
    def do_POST(self):
        path = urllib.parse.urlparse(self.path).path
        raw = self.body()
        if path.startswith("/v1/"):
            form = dict(urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True, strict_parsing=False))
            return self.api("POST", path[4:], form, raw)
        if path.startswith("/pay/"):
            parts = path.split("/")
            with LOCK:
                cs = STATE["sessions"].get(parts[2])
                if not cs:
                    return self.send(404, "<p>No such checkout session</p>", content_type="text/html; charset=utf-8")
                if len(parts) == 4 and parts[3] == "cancel":
                    return self.redirect(cs["cancel_url"])
                events = complete_session(cs) if cs["status"] == "open" else []
            deliver(events)
            return self.redirect(cs["success_url"].replace("{CHECKOUT_SESSION_ID}", cs["id"]))
        if path.startswith("/portal/") and path.endswith("/cancel"):
            with LOCK:
                ps = STATE["portal"].get(path.split("/")[2])
                if not ps:
                    return self.send(404, "<p>No such portal session</p>", content_type="text/html; charset=utf-8")
                events = []
                for sub in STATE["subscriptions"].values():
                    if sub["customer"] == ps["customer"] and sub["status"] != "canceled":
                        sub["status"] = "canceled"
                        sub["canceled_at"] = int(time.time())
                        events.append(event("customer.subscription.deleted", sub))
            deliver(events)
            return self.redirect(ps["return_url"])
        if path.startswith("/_test/"):
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return self.send(400, {"error": "bad json"})
            return self.control(path[7:], body)
        return self.send(*stripe_error(404, "invalid_request_error", "Unrecognized request URL (POST: %s)" % path))

    def control(self, what, body):
        events = []
        with LOCK:
            if what == "delivery":
                for k in DELIVERY:
                    if k in body:
                        DELIVERY[k] = body[k]
                return self.send(200, DELIVERY)
            if what == "flush":
                events, STATE["held"] = STATE["held"], []
                DELIVERY["hold"] = False
            elif what == "redeliver":
                e = next((e for e in STATE["events"] if e["id"] == body.get("event")), None)
                if not e:
                    return self.send(404, {"error": "no such event"})
                saved = dict(DELIVERY)
                DELIVERY.update({"duplicates": body.get("times", 1), "concurrent": body.get("concurrent", False),
                                 "reverse": False, "hold": False})
                deliver([e])
                DELIVERY.update(saved)
                return self.send(200, {"redelivered": e["id"]})
            elif what in ("fail_payment", "pay_invoice", "cancel"):
                sub = STATE["subscriptions"].get(body.get("subscription", ""))
                if not sub:
                    return self.send(404, {"error": "no such subscription"})
                before = sub["status"]
                if what == "fail_payment":
                    sub["status"] = "past_due"
                    inv = new_invoice(sub, "open")
                    events = [event("invoice.payment_failed", inv),
                              event("customer.subscription.updated", sub, {"status": before})]
                elif what == "pay_invoice":
                    sub["status"] = "active"
                    inv = new_invoice(sub, "paid")
                    events = [event("invoice.paid", inv), event("customer.subscription.updated", sub, {"status": before})]
                else:
                    sub["status"] = "canceled"
                    events = [event("customer.subscription.deleted", sub)]
            else:
                return self.send(404, {"error": "unknown control " + what})
        deliver(events)
        return self.send(200, {"events": [e["id"] for e in events]})

    # --- the API ---
    def api(self, method, path, form, raw):
        key = self.headers.get("Idempotency-Key")
        with LOCK:
            STATE["requests"].append({"method": method, "path": path, "idempotency_key": key, "form": form})
        if not self.authorized():
            shown = self.headers.get("Authorization", "")[7:]
            return self.send(*stripe_error(401, "invalid_request_error",
                                           "Invalid API Key provided: %s***%s" % (shown[:8], shown[-4:])))
        if method == "GET":
            return self.send(*self.retrieve(path))
        if not key:
            return self.send(*stripe_error(400, "invalid_request_error", "fake Stripe: Tirage sends an Idempotency-Key on every POST"))
        if len(key) > 255:
            return self.send(*stripe_error(400, "invalid_request_error", "Idempotency-Key is longer than 255 characters"))
        fingerprint = hashlib.sha256((path + "\n" + json.dumps(sorted(form.items()))).encode()).hexdigest()
        with LOCK:
            seen = STATE["idempotency"].get(key)
            if seen:
                if seen[0] != fingerprint:
                    return self.send(*stripe_error(
                        400, "idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters they were first used "
                        "with. Try using a key other than '%s' if you meant to execute a different request." % key))
                return self.send(seen[1], seen[2], {"Idempotent-Replayed": "true", "Idempotency-Key": key})
            status, body = self.create(path, form)
            if status != 400:  # requests that fail validation are not saved, as at Stripe
                STATE["idempotency"][key] = (fingerprint, status, body)
        return self.send(status, body, {"Idempotency-Key": key})

    def create(self, path, form):
        if path not in KNOWN:
            return stripe_error(404, "invalid_request_error", "Unrecognized request URL (POST: /v1/%s)" % path)
        for k in form:
            if k not in KNOWN[path]:
                return stripe_error(400, "invalid_request_error", "Received unknown parameter: %s" % k, k, "parameter_unknown")
        now = int(time.time())
        if path == "customers":
            cus = {"id": new_id("cus_"), "object": "customer", "email": form.get("email"), "created": now,
                   "metadata": metadata(form, "metadata"), "livemode": False}
            STATE["customers"][cus["id"]] = cus
            return 200, cus
        if path == "billing_portal/sessions":
            if not form.get("customer"):
                return stripe_error(400, "invalid_request_error", "Missing required param: customer.", "customer", "parameter_missing")
            if form["customer"] not in STATE["customers"]:
                return stripe_error(400, "invalid_request_error", "No such customer: '%s'" % form["customer"], "customer", "resource_missing")
            ps = {"id": new_id("bps_"), "object": "billing_portal.session", "configuration": "bpc_fake", "created": now,
                  "customer": form["customer"], "flow": None, "livemode": False, "locale": None, "on_behalf_of": None,
                  "return_url": form.get("return_url"), "url": ARGS.base_url + "/portal/"}
            ps["url"] += ps["id"]
            STATE["portal"][ps["id"]] = ps
            return 200, ps
        # checkout/sessions
        for required in ("mode", "success_url", "line_items[0][price]"):
            if not form.get(required):
                return stripe_error(400, "invalid_request_error", "Missing required param: %s." % required, required, "parameter_missing")
        if form["mode"] not in ("payment", "subscription", "setup"):
            return stripe_error(400, "invalid_request_error", "Invalid mode: must be one of payment, setup, or subscription", "mode")
        price = STATE["prices"].get(form["line_items[0][price]"])
        if not price:
            return stripe_error(400, "invalid_request_error", "No such price: '%s'" % form["line_items[0][price]"],
                                "line_items[0][price]", "resource_missing")
        if (form["mode"] == "subscription") != (price["type"] == "recurring"):
            return stripe_error(400, "invalid_request_error",
                                "You must provide at least one recurring price in `subscription` mode when using prices."
                                if form["mode"] == "subscription" else
                                "You specified `payment` mode but passed a recurring price.", "line_items[0][price]")
        if form.get("customer") and form["customer"] not in STATE["customers"]:
            return stripe_error(400, "invalid_request_error", "No such customer: '%s'" % form["customer"], "customer", "resource_missing")
        if form.get("tax_id_collection[enabled]") == "true" and form.get("customer") and not form.get("customer_update[name]"):
            return stripe_error(400, "invalid_request_error",
                                "customer_update[name] must be `auto` when tax ID collection is enabled for an existing customer",
                                "customer_update[name]")
        cs = {"id": new_id("cs_test_"), "object": "checkout.session", "mode": form["mode"], "status": "open",
              "payment_status": "unpaid", "url": "", "success_url": form["success_url"], "cancel_url": form.get("cancel_url"),
              "client_reference_id": form.get("client_reference_id"), "customer": form.get("customer"),
              "customer_email": form.get("customer_email"), "subscription": None, "currency": price["currency"],
              "amount_subtotal": price["unit_amount"], "amount_total": price["unit_amount"],
              "metadata": metadata(form, "metadata"), "livemode": False, "created": now, "expires_at": now + 86400,
              "tax_id_collection": {"enabled": form.get("tax_id_collection[enabled]") == "true"},
              "_price": price["id"], "_subscription_metadata": metadata(form, "subscription_data[metadata]")}
        cs["url"] = ARGS.base_url + "/pay/" + cs["id"]
        STATE["sessions"][cs["id"]] = cs
        return 200, public_session(cs)

    def retrieve(self, path):
        parts = path.split("/")
        table = {"customers": ("customers", "customer"), "subscriptions": ("subscriptions", "subscription"),
                 "invoices": ("invoices", "invoice")}
        with LOCK:
            if len(parts) == 2 and parts[0] in table:
                name, kind = table[parts[0]]
                obj = STATE[name].get(parts[1])
                return (200, obj) if obj else missing(kind, parts[1])
            if len(parts) == 3 and parts[:2] == ["checkout", "sessions"]:
                cs = STATE["sessions"].get(parts[2])
                return (200, public_session(cs)) if cs else missing("checkout.session", parts[2])
        return stripe_error(404, "invalid_request_error", "Unrecognized request URL (GET: /v1/%s)" % path)


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--api-key", required=True)
    ap.add_argument("--webhook-url", required=True)
    ap.add_argument("--webhook-secret", required=True)
    ap.add_argument("--plans", required=True)
    ap.add_argument("--retries", type=int, default=40)
    ap.add_argument("--retry-seconds", type=float, default=0.5)
    ARGS = ap.parse_args()
    ARGS.base_url = "http://127.0.0.1:%d" % ARGS.port
    load_prices(ARGS.plans)
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
