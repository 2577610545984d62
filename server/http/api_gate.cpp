#include "server/http/api_gate.hpp"

#include <algorithm>
#include <regex>

#include "server/accounts/api_key_scopes.hpp"
#include "server/http/api_response.hpp"
#include "server/http/connection_front.hpp"
#include "shared/core/hex.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string hash_hex(const std::string& s) { return to_hex(sha256(s)); }

// The API key a request presents (Authorization: Bearer tk_...), empty when none.
std::string bearer_key(const httplib::Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  return starts_with(auth, "Bearer ") ? auth.substr(7) : std::string();
}

// The credential an Idempotency-Key is kept under: the API key, else the session cookie (either name).
std::string credential_of(const httplib::Request& req) {
  if (auto key = bearer_key(req); !key.empty()) return "key:" + key;
  for (const char* name : {"__Host-tirage_session", "tirage_session"})
    if (auto token = request_cookie(req, name); !token.empty()) return "session:" + token;
  return {};
}

// What one request left for after(): set by before(), read once on the same thread.
struct Pending {
  std::string rate_key;         // the API key's hash, when the request used one
  std::string idempotency_row;  // credential hash, when before() reserved an Idempotency-Key
  std::string idempotency_key;
};
thread_local Pending pending;

}  // namespace

std::string required_scope(const std::string& method, const std::string& path) {
  if (method == "GET" || method == "HEAD") return "read";
  static const std::regex draw_writes(R"(^/api/v1/draws(/[A-Za-z0-9_-]{1,100}/(result|substitutions|leaves|handles))?$)");
  static const std::regex import_writes(R"(^/api/v1/imports(/[A-Za-z0-9_-]{1,100}(/resume)?)?$)");
  if (method == "POST" && std::regex_match(path, draw_writes)) return "draw";
  if ((method == "POST" || method == "DELETE") && std::regex_match(path, import_writes)) return "import";
  return "all";
}

httplib::Server::HandlerResponse ApiGate::before(const httplib::Request& req, httplib::Response& res, UnixSeconds now) {
  using R = httplib::Server::HandlerResponse;
  pending = {};
  if (!starts_with(req.path, "/api/v1/")) return R::Unhandled;
  const std::string key = bearer_key(req);
  if (!key.empty()) {
    pending.rate_key = hash_hex(key);
    if (!per_key_.take(pending.rate_key, now)) {
      const auto usage = per_key_.usage(pending.rate_key, now);
      res.set_header("Retry-After", std::to_string(std::max<UnixSeconds>(1, usage.resets_at - now)));
      send_error(res, make_error("rate_limited", "this API key made " + std::to_string(per_key_.limit()) +
                                                     " requests in the last minute, its limit; wait as Retry-After says"));
      return R::Handled;
    }
    const std::string wanted = required_scope(req.method, req.path);
    if (auto live = organizers_.live_api_key(key)) {
      const std::string& scopes = live->scopes;
      if (!has_scope(scopes, wanted)) {
        send_error(res, make_error("insufficient_scope", req.method + " " + req.path.substr(0, 200) + " needs an API key with " +
                                                             (wanted == "all" ? std::string("every scope (read, draw, import)")
                                                                              : "the \"" + wanted + "\" scope") +
                                                             "; this key has: " + (scopes.empty() ? "none" : scopes)));
        return R::Handled;
      }
    }
  }

  const std::string idem = req.get_header_value("Idempotency-Key");
  if (req.method != "POST" || !req.has_header("Idempotency-Key")) return R::Unhandled;
  const std::string credential = credential_of(req);
  if (credential.empty()) return R::Unhandled;  // public POSTs (sign-up, webhooks) have their own replay rules
  if (idem.empty() || idem.size() > 255 ||
      std::any_of(idem.begin(), idem.end(), [](unsigned char c) { return c < 0x21 || c > 0x7e; })) {
    send_error(res, make_error("bad_request", "the Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces"));
    return R::Handled;
  }
  const std::string row = hash_hex(credential);
  // The body is not in req yet (cpp-httplib reads it after this handler); the front has it whole.
  const std::string fingerprint = hash_hex(req.method + " " + req.target + "\n" + req.get_header_value("Content-Type") + "\n" +
                                           std::string(body_in_flight()));
  std::lock_guard lock(db_.mutex());
  purge_expired(now);
  {
    // The purge runs once a minute: this key's own expired row must not be replayed meanwhile.
    auto expired = db_.prepare("DELETE FROM idempotent_requests WHERE credential_hash = ? AND idempotency_key = ? AND created_at < ?");
    expired.bind(1, row).bind(2, idem).bind(3, static_cast<std::int64_t>(now - kIdempotencyWindow));
    (void)expired.run();
  }
  auto st = db_.prepare(
      "SELECT fingerprint, status, content_type, body, location FROM idempotent_requests WHERE credential_hash = ? AND idempotency_key = ?");
  st.bind(1, row).bind(2, idem);
  if (st.step()) {
    if (st.text(0) != fingerprint) {
      send_error(res, make_error("idempotency_key_reused", "this Idempotency-Key was used for another request (method, path or body) "
                                                           "in the last 24 hours; use a new key for a new request"));
      return R::Handled;
    }
    if (st.is_null(1)) {
      res.set_header("Retry-After", "1");
      send_error(res, make_error("idempotency_in_progress", "the first request with this Idempotency-Key is still running; ask again in a moment"));
      return R::Handled;
    }
    res.status = static_cast<int>(st.integer(1));
    res.set_content(st.blob(3), st.text(2).c_str());
    if (!st.is_null(4)) res.set_header("Location", st.text(4));
    res.set_header("Idempotent-Replayed", "true");
    return R::Handled;
  }
  auto reserve = db_.prepare("INSERT INTO idempotent_requests (credential_hash, idempotency_key, fingerprint, created_at) VALUES (?, ?, ?, ?)");
  reserve.bind(1, row).bind(2, idem).bind(3, fingerprint).bind(4, static_cast<std::int64_t>(now));
  if (auto ok = reserve.run(); !ok) {
    send_error(res, make_error("internal", "could not keep the Idempotency-Key: " + ok.error().message));
    return R::Handled;
  }
  pending.idempotency_row = row;
  pending.idempotency_key = idem;
  return R::Unhandled;
}

void ApiGate::purge_expired(UnixSeconds now) {
  UnixSeconds last = last_purge_.load();
  if (now - last < kPurgeEvery || !last_purge_.compare_exchange_strong(last, now)) return;
  auto purge = db_.prepare("DELETE FROM idempotent_requests WHERE created_at < ?");
  purge.bind(1, static_cast<std::int64_t>(now - kIdempotencyWindow));
  (void)purge.run();
}

void ApiGate::after(const httplib::Request&, httplib::Response& res, UnixSeconds now) {
  Pending done = std::move(pending);
  pending = {};
  if (!done.rate_key.empty()) {
    const auto usage = per_key_.usage(done.rate_key, now);
    res.set_header("RateLimit-Limit", std::to_string(per_key_.limit()));
    res.set_header("RateLimit-Remaining", std::to_string(per_key_.limit() - std::min(usage.used, per_key_.limit())));
    res.set_header("RateLimit-Reset", std::to_string(std::max<UnixSeconds>(0, usage.resets_at - now)));
  }
  if (done.idempotency_row.empty()) return;
  std::lock_guard lock(db_.mutex());
  const bool keep = res.status < 500 && res.status != 401 && res.status != 403 && res.status != 429 && res.body.size() <= kMaxKeptAnswer;
  if (keep) {
    auto st = db_.prepare(
        "UPDATE idempotent_requests SET status = ?, content_type = ?, body = ?, location = ? WHERE credential_hash = ? AND idempotency_key = ?");
    st.bind(1, static_cast<std::int64_t>(res.status)).bind(2, res.get_header_value("Content-Type")).bind_blob(3, res.body);
    st.bind_optional(4, res.has_header("Location") ? std::optional<std::string>(res.get_header_value("Location")) : std::nullopt);
    st.bind(5, done.idempotency_row).bind(6, done.idempotency_key);
    if (st.run()) return;
  }
  // Not kept (or could not be): the key is free again, so the client's retry runs the request.
  auto st = db_.prepare("DELETE FROM idempotent_requests WHERE credential_hash = ? AND idempotency_key = ?");
  st.bind(1, done.idempotency_row).bind(2, done.idempotency_key);
  (void)st.run();
}

}  // namespace tirage::server
