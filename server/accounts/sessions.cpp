#include "server/accounts/sessions.hpp"

#include "server/http/cookies.hpp"
#include "server/random.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {
std::string hashed(const std::string& token) { return to_hex(sha256(token)); }
}  // namespace

std::string session_cookie(const std::string& token, UnixSeconds max_age, bool https) {
  return set_cookie(kSessionCookie, token, max_age, https);
}

Result<NewSession> Sessions::create(const Organizer& org, UnixSeconds now) {
  NewSession s{random_token(), random_token()};
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO sessions (token_hash, organizer_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, hashed(s.token)).bind(2, org.id).bind(3, s.csrf_token).bind(4, now).bind(5, now + kLifetime);
  if (auto ok = st.run(); !ok) return ok.error();
  return s;
}

std::optional<Session> Sessions::find(const std::string& token, UnixSeconds now) const {
  if (token.size() != 64) return std::nullopt;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT o.id, o.email, s.csrf_token FROM sessions s JOIN organizers o ON o.id = s.organizer_id "
      "WHERE s.token_hash = ? AND s.expires_at > ?");
  st.bind(1, hashed(token)).bind(2, now);
  if (!st.step()) return std::nullopt;
  return Session{{st.text(0), st.text(1)}, st.text(2)};
}

Status Sessions::destroy(const std::string& token) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("DELETE FROM sessions WHERE token_hash = ?");
  st.bind(1, hashed(token));
  return st.run();
}

Result<std::string> OneTimeTokens::issue(const std::string& organizer_id, const std::string& purpose, UnixSeconds now,
                                         UnixSeconds lifetime) {
  const std::string token = random_token();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("INSERT INTO one_time_tokens (token_hash, organizer_id, purpose, expires_at) VALUES (?, ?, ?, ?)");
  st.bind(1, hashed(token)).bind(2, organizer_id).bind(3, purpose).bind(4, now + lifetime);
  if (auto ok = st.run(); !ok) return ok.error();
  return token;
}

Result<std::string> OneTimeTokens::consume(const std::string& token, const std::string& purpose, UnixSeconds now) {
  const Error invalid = make_error("bad_request", "this link is invalid, expired or already used");
  std::lock_guard lock(db_.mutex());
  std::string organizer;
  Status ok = db_.transaction([&]() -> Status {
    auto st = db_.prepare(
        "SELECT organizer_id FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND "
        "expires_at > ?");
    st.bind(1, hashed(token)).bind(2, purpose).bind(3, now);
    if (!st.step()) return invalid;
    organizer = st.text(0);
    auto use = db_.prepare("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ?");
    use.bind(1, now).bind(2, hashed(token));
    return use.run();
  });
  if (!ok) return ok.error();
  return organizer;
}

}  // namespace tirage::server
