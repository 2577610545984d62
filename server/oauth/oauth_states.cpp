#include "server/oauth/oauth_states.hpp"

#include "server/random.hpp"
#include "shared/crypto/hmac_sha256.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

std::string token_hash(const std::string& token) { return to_hex(sha256(token)); }

Result<IssuedState> OAuthStates::issue(const PendingAuthorization& pending, const std::string& browser_token, UnixSeconds now) {
  IssuedState out;
  out.state = random_token();
  out.browser_token = browser_token.size() == 64 && from_hex(browser_token) ? browser_token : random_token();
  std::lock_guard lock(db_.mutex());
  auto prune = db_.prepare("DELETE FROM oauth_states WHERE expires_at < ?");
  prune.bind(1, now - 86400);  // used and expired rows are kept a day, for the logs' sake, then dropped
  if (auto ok = prune.run(); !ok) return ok.error();
  auto st = db_.prepare(
      "INSERT INTO oauth_states (state_hash, binding_hash, provider, purpose, organizer_id, code_verifier, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, token_hash(out.state)).bind(2, token_hash(out.browser_token)).bind(3, pending.provider).bind(4, pending.purpose);
  if (pending.organizer_id.empty()) st.bind_null(5);
  else st.bind(5, pending.organizer_id);
  st.bind(6, pending.code_verifier).bind(7, now + kLifetime);
  if (auto ok = st.run(); !ok) return ok.error();
  return out;
}

Result<PendingAuthorization> OAuthStates::consume(const std::string& state, const std::string& browser_token,
                                                  const std::string& provider, UnixSeconds now) {
  const Error bad = make_error("bad_state",
                               "this sign-in link is not valid here: it is unknown, already used, older than 10 minutes, "
                               "or was started in another browser; start again");
  if (state.size() != 64 || browser_token.size() != 64) return bad;
  std::lock_guard lock(db_.mutex());
  PendingAuthorization p;
  Status ok = db_.transaction([&]() -> Status {
    auto st = db_.prepare(
        "SELECT binding_hash, provider, purpose, organizer_id, code_verifier, expires_at, used_at FROM oauth_states "
        "WHERE state_hash = ?");
    st.bind(1, token_hash(state));
    if (!st.step()) return bad;
    const std::string binding = st.text(0);
    const std::string want = token_hash(browser_token);
    const bool same_browser = constant_time_equal(as_bytes(binding), as_bytes(want));
    if (!same_browser || st.text(1) != provider || !st.is_null(6) || st.integer(5) <= now) return bad;
    p.provider = st.text(1);
    p.purpose = st.text(2);
    p.organizer_id = st.is_null(3) ? "" : st.text(3);
    p.code_verifier = st.text(4);
    auto use = db_.prepare("UPDATE oauth_states SET used_at = ?, code_verifier = '' WHERE state_hash = ?");
    use.bind(1, now).bind(2, token_hash(state));
    return use.run();
  });
  if (!ok) return ok.error();
  return p;
}

}  // namespace tirage::server
