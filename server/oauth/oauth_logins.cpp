#include "server/oauth/oauth_logins.hpp"

#include "server/accounts/access_reset.hpp"
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

Result<std::string> OAuthLogins::offer(const std::string& provider, const Identity& who, const std::string& email,
                                       const std::string& organizer_id, const std::string& browser_token, bool proven_by_mail,
                                       UnixSeconds now) {
  const std::string token = random_token();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO oauth_link_offers (token_hash, binding_hash, provider, subject, email, organizer_id, expires_at, proven_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, token_hash(token)).bind(2, token_hash(browser_token)).bind(3, provider).bind(4, who.subject);
  st.bind(5, email).bind_optional(6, organizer_id.empty() ? std::nullopt : std::optional(organizer_id));
  st.bind(7, now + kOfferLifetime).bind(8, proven_by_mail ? "mail" : "provider");
  if (auto ok = st.run(); !ok) return ok.error();
  return token;
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
  if (who.email.empty())
    return make_error("email_unverified", "the provider gave no email address; allow it to share your address, or sign up with email and password");
  auto email = normalize_email(who.email);
  if (!email) return email.error();
  const auto existing = organizers_.by_email(*email);
  if (!who.email_verified) {
    // Nobody vouched for the address: the offer goes there, and the browser must come back with it.
    auto token = offer(provider, who, *email, existing ? existing->id : "", browser_token, true, now);
    if (!token) return token.error();
    return LoginDecision{LoginDecision::Kind::offer_mailed, existing ? *existing : Organizer{"", *email}, *token};
  }
  if (existing) {
    auto token = offer(provider, who, *email, existing->id, browser_token, false, now);
    if (!token) return token.error();
    return LoginDecision{LoginDecision::Kind::link_offered, *existing, *token};
  }
  auto created = organizers_.create_external(*email, language, now);
  if (!created) return created.error();
  if (auto ok = link(provider, who.subject, created->id, *email, now); !ok) return ok.error();
  log_event("info", "signup_external", {{"organizer", created->id}, {"provider", provider}});
  return LoginDecision{LoginDecision::Kind::created, *created, ""};
}

Result<OfferView> OAuthLogins::describe_offer(const std::string& link_token, const std::string& browser_token, UnixSeconds now) const {
  if (link_token.size() != 64 || browser_token.size() != 64) return kBadOffer;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT provider, email, binding_hash, proven_by, organizer_id IS NULL AND "
      "NOT EXISTS (SELECT 1 FROM organizers WHERE email = oauth_link_offers.email) "
      "FROM oauth_link_offers WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?");
  st.bind(1, token_hash(link_token)).bind(2, now);
  if (!st.step()) return kBadOffer;
  if (!constant_time_equal(as_bytes(st.text(2)), as_bytes(token_hash(browser_token)))) return kBadOffer;
  const LinkOfferKind kind = st.text(3) == "provider" ? LinkOfferKind::link_vouched
                             : st.integer(4) != 0      ? LinkOfferKind::create_mailed
                                                       : LinkOfferKind::link_mailed;
  return OfferView{st.text(0), st.text(1), kind};
}

Result<Organizer> OAuthLogins::confirm_link(const std::string& link_token, const std::string& browser_token, UnixSeconds now) {
  if (link_token.size() != 64 || browser_token.size() != 64) return kBadOffer;
  std::lock_guard lock(db_.mutex());
  Organizer org;
  AccessEnded ended;
  Status ok = db_.transaction([&]() -> Status {
    auto st = db_.prepare(
        "SELECT provider, subject, email, binding_hash, organizer_id FROM oauth_link_offers "
        "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?");
    st.bind(1, token_hash(link_token)).bind(2, now);
    if (!st.step()) return kBadOffer;
    if (!constant_time_equal(as_bytes(st.text(3)), as_bytes(token_hash(browser_token)))) return kBadOffer;
    const std::string provider = st.text(0), subject = st.text(1), email = st.text(2), offered_to = st.text(4);
    auto use = db_.prepare("UPDATE oauth_link_offers SET used_at = ? WHERE token_hash = ?");
    use.bind(1, now).bind(2, token_hash(link_token));
    if (auto r = use.run(); !r) return r;
    // A mailed offer for an address with no account creates it (unless one appeared meanwhile).
    if (auto existing = offered_to.empty() ? organizers_.by_email(email) : std::optional<Organizer>()) org = *existing;
    else if (offered_to.empty()) {
      auto created = organizers_.create_external(email, "en", now);
      if (!created) return created.error();
      org = *created;
    } else {
      auto find = db_.prepare("SELECT id, email FROM organizers WHERE id = ?");
      find.bind(1, offered_to);
      if (!find.step()) return kBadOffer;
      org = Organizer{find.text(0), find.text(1)};
    }
    // The address is now proven by its owner; if nobody had proven it before, whoever signed up
    // with it (sessions, API keys, the password they chose) loses the account.
    if (!organizers_.verified(org.id)) {
      auto r = end_every_access(db_, org.id, now, true);
      if (!r) return r.error();
      ended = *r;
      if (auto v = organizers_.set_verified(org.id); !v) return v;
    }
    return link(provider, subject, org.id, email, now);
  });
  if (!ok) return ok.error().code == "conflict" ? make_error("conflict", "this provider account is already linked") : ok.error();
  log_event("info", "sign_in_linked", {{"organizer", org.id}, {"sessions_ended", ended.sessions}, {"api_keys_revoked", ended.api_keys}});
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
