#include "server/oauth/oauth_logins.hpp"

#include "server/log/event_log.hpp"
#include "server/oauth/oauth_states.hpp"
#include "server/random.hpp"
#include "shared/crypto/hmac_sha256.hpp"

namespace tirage::server {

namespace {
const Error kBadOffer = make_error("bad_request", "this link offer is unknown, already used, older than 10 minutes, or from another browser; sign in again");
}

Status OAuthLogins::link(const std::string& provider, const std::string& subject, const std::string& organizer_id,
                         const std::string& email, UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO oauth_identities (provider, subject, organizer_id, email, created_at) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, provider).bind(2, subject).bind(3, organizer_id).bind(4, email).bind(5, now);
  return st.run();
}

Result<LoginDecision> OAuthLogins::resolve(const std::string& provider, const Identity& who, const std::string& browser_token,
                                           const std::string& language, UnixSeconds now) {
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "SELECT o.id, o.email FROM oauth_identities i JOIN organizers o ON o.id = i.organizer_id "
        "WHERE i.provider = ? AND i.subject = ?");
    st.bind(1, provider).bind(2, who.subject);
    if (st.step()) return LoginDecision{LoginDecision::Kind::signed_in, {st.text(0), st.text(1)}, ""};
  }
  if (who.email.empty() || !who.email_verified)
    return make_error("email_unverified", "the provider did not give a verified email address; verify it there, or sign up with email and password");
  auto email = normalize_email(who.email);
  if (!email) return email.error();
  if (auto existing = organizers_.by_email(*email)) {
    const std::string token = random_token();
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "INSERT INTO oauth_link_offers (token_hash, binding_hash, provider, subject, email, organizer_id, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, token_hash(token)).bind(2, token_hash(browser_token)).bind(3, provider).bind(4, who.subject);
    st.bind(5, *email).bind(6, existing->id).bind(7, now + kOfferLifetime);
    if (auto ok = st.run(); !ok) return ok.error();
    return LoginDecision{LoginDecision::Kind::link_offered, *existing, token};
  }
  auto created = organizers_.create_external(*email, language, now);
  if (!created) return created.error();
  if (auto ok = link(provider, who.subject, created->id, *email, now); !ok) return ok.error();
  log_event("info", "signup_external", {{"organizer", created->id}, {"provider", provider}});
  return LoginDecision{LoginDecision::Kind::created, *created, ""};
}

Result<std::pair<std::string, std::string>> OAuthLogins::describe_offer(const std::string& link_token,
                                                                        const std::string& browser_token, UnixSeconds now) const {
  if (link_token.size() != 64 || browser_token.size() != 64) return kBadOffer;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT provider, email, binding_hash FROM oauth_link_offers WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?");
  st.bind(1, token_hash(link_token)).bind(2, now);
  if (!st.step()) return kBadOffer;
  if (!constant_time_equal(as_bytes(st.text(2)), as_bytes(token_hash(browser_token)))) return kBadOffer;
  return std::pair{st.text(0), st.text(1)};
}

Result<Organizer> OAuthLogins::confirm_link(const std::string& link_token, const std::string& browser_token, UnixSeconds now) {
  if (link_token.size() != 64 || browser_token.size() != 64) return kBadOffer;
  std::lock_guard lock(db_.mutex());
  Organizer org;
  Status ok = db_.transaction([&]() -> Status {
    auto st = db_.prepare(
        "SELECT f.provider, f.subject, f.email, f.binding_hash, o.id, o.email FROM oauth_link_offers f "
        "JOIN organizers o ON o.id = f.organizer_id WHERE f.token_hash = ? AND f.used_at IS NULL AND f.expires_at > ?");
    st.bind(1, token_hash(link_token)).bind(2, now);
    if (!st.step()) return kBadOffer;
    if (!constant_time_equal(as_bytes(st.text(3)), as_bytes(token_hash(browser_token)))) return kBadOffer;
    const std::string provider = st.text(0), subject = st.text(1), email = st.text(2);
    org = Organizer{st.text(4), st.text(5)};
    auto use = db_.prepare("UPDATE oauth_link_offers SET used_at = ? WHERE token_hash = ?");
    use.bind(1, now).bind(2, token_hash(link_token));
    if (auto r = use.run(); !r) return r;
    auto verify = db_.prepare("UPDATE organizers SET verified = 1 WHERE id = ?");  // the provider vouched for the address
    verify.bind(1, org.id);
    if (auto r = verify.run(); !r) return r;
    return link(provider, subject, org.id, email, now);
  });
  if (!ok) return ok.error().code == "conflict" ? make_error("conflict", "this provider account is already linked") : ok.error();
  log_event("info", "sign_in_linked", {{"organizer", org.id}});
  return org;
}

Json OAuthLogins::identities(const std::string& organizer_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT provider, email, created_at FROM oauth_identities WHERE organizer_id = ? ORDER BY provider");
  st.bind(1, organizer_id);
  Json out = Json::array();
  while (st.step()) out.push_back(Json{{"provider", st.text(0)}, {"email", st.text(1)}, {"linked_at", format_rfc3339(st.integer(2))}});
  return out;
}

Result<int> OAuthLogins::delete_for_provider_user(const std::string& provider, const std::string& subject) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("DELETE FROM oauth_identities WHERE provider = ? AND subject = ?");
  st.bind(1, provider).bind(2, subject);
  if (auto ok = st.run(); !ok) return ok.error();
  auto count = db_.prepare("SELECT changes()");
  return count.step() ? static_cast<int>(count.integer(0)) : 0;
}

}  // namespace tirage::server
