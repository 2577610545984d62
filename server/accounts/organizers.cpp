#include "server/accounts/organizers.hpp"

#include <algorithm>

#include "server/accounts/passwords.hpp"
#include "server/accounts/api_key_scopes.hpp"
#include "server/random.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {
std::string key_hash(const std::string& key) { return to_hex(sha256(key)); }
}  // namespace

Result<std::string> normalize_email(std::string_view raw) {
  std::string e;
  for (char c : raw)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') e.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const auto at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || at != e.rfind('@') || e.find('.', at) == std::string::npos ||
      e.back() == '.')
    return make_error("bad_request", "\"" + std::string(raw.substr(0, 80)) + "\" is not an email address");
  for (unsigned char c : e)
    if (c < 0x21 || c == '<' || c == '>' || c == '"' || c == ',' || c == ';')
      return make_error("bad_request", "the email address has a character that is not allowed");
  return e;
}

std::string email_limit_key(std::string_view raw) {
  if (auto e = normalize_email(raw)) return *e;
  std::string e;
  for (char c : raw.substr(0, 1024))
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') e.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return e.substr(0, 254);
}

Result<Organizer> Organizers::create(const std::string& raw_email, const std::string& password, bool verified,
                                     const std::string& language, UnixSeconds now) {
  auto email = normalize_email(raw_email);
  if (!email) return email.error();
  if (auto ok = password_acceptable(password, *email); !ok) return ok.error();
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  Organizer org{random_id("o_"), *email};
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO organizers (id, email, password_hash, verified, language, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, org.id).bind(2, org.email).bind(3, *hash).bind(4, verified ? 1 : 0).bind(5, language).bind(6, now);
  if (auto ok = st.run(); !ok)
    return ok.error().code == "conflict" ? make_error("conflict", "an account with this email already exists")
                                         : ok.error();
  return org;
}

Result<Organizer> Organizers::create_external(const std::string& raw_email, const std::string& language, UnixSeconds now) {
  auto email = normalize_email(raw_email);
  if (!email) return email.error();
  Organizer org{random_id("o_"), *email};
  std::lock_guard lock(db_.mutex());
  // "!" is no scrypt hash, so no password opens this account until one is set by a reset.
  auto st = db_.prepare(
      "INSERT INTO organizers (id, email, password_hash, verified, language, created_at) VALUES (?, ?, '!', 1, ?, ?)");
  st.bind(1, org.id).bind(2, org.email).bind(3, language).bind(4, now);
  if (auto ok = st.run(); !ok)
    return ok.error().code == "conflict" ? make_error("conflict", "an account with this email already exists")
                                         : ok.error();
  return org;
}

std::optional<Organizer> Organizers::by_email(const std::string& raw) const {
  auto email = normalize_email(raw);
  if (!email) return std::nullopt;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT id, email FROM organizers WHERE email = ?");
  st.bind(1, *email);
  if (!st.step()) return std::nullopt;
  return Organizer{st.text(0), st.text(1)};
}

Result<Organizer> Organizers::authenticate(const std::string& raw_email, const std::string& password) const {
  const Error invalid = make_error("invalid_credentials", "wrong email or password");
  auto email = normalize_email(raw_email);
  std::string id, stored, mail;
  if (email) {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare("SELECT id, email, password_hash FROM organizers WHERE email = ?");
    st.bind(1, *email);
    if (st.step()) {
      id = st.text(0);
      mail = st.text(1);
      stored = st.text(2);
    }
  }
  // Hash even for unknown emails, so timing does not tell which accounts exist.
  static const std::string kDummy = *hash_password("timing-equalizer-password");
  const bool ok = check_password(password, stored.empty() ? kDummy : stored);
  if (!ok || id.empty()) return invalid;
  return Organizer{id, mail};
}

Result<NewApiKey> Organizers::create_api_key(const Organizer& org, const std::string& label, UnixSeconds now,
                                             const std::string& scopes) {
  NewApiKey k{random_id("k_"), "tk_" + random_token()};
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("INSERT INTO api_keys (id, organizer_id, key_hash, label, created_at, scopes) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, k.id).bind(2, org.id).bind(3, key_hash(k.key)).bind(4, label.substr(0, 100)).bind(5, now).bind(6, scopes);
  if (auto ok = st.run(); !ok) return ok.error();
  return k;
}

Status Organizers::revoke_api_key(const Organizer& org, const std::string& key_id, UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  auto find = db_.prepare("SELECT 1 FROM api_keys WHERE id = ? AND organizer_id = ? AND revoked_at IS NULL");
  find.bind(1, key_id).bind(2, org.id);
  if (!find.step()) return make_error("not_found", "there is no live API key " + key_id.substr(0, 64));
  auto st = db_.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND organizer_id = ?");
  st.bind(1, now).bind(2, key_id).bind(3, org.id);
  return st.run();
}

Json Organizers::list_api_keys(const Organizer& org) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT id, label, created_at, revoked_at, scopes FROM api_keys WHERE organizer_id = ? ORDER BY created_at, id");
  st.bind(1, org.id);
  Json out = Json::array();
  while (st.step()) {
    out.push_back(Json{{"id", st.text(0)},
                       {"label", st.text(1)},
                       {"created_at", format_rfc3339(st.integer(2))},
                       {"revoked", !st.is_null(3)},
                       {"scopes", scopes_json(st.text(4))}});
  }
  return Json{{"api_keys", out}};
}

std::optional<Organizer> Organizers::by_api_key(const std::string& key) const {
  auto live = live_api_key(key);
  if (!live) return std::nullopt;
  return live->organizer;
}

std::optional<LiveApiKey> Organizers::live_api_key(const std::string& key) const {
  if (key.size() != 67 || key.rfind("tk_", 0) != 0) return std::nullopt;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT o.id, o.email, k.scopes FROM api_keys k JOIN organizers o ON o.id = k.organizer_id "
      "WHERE k.key_hash = ? AND k.revoked_at IS NULL");
  st.bind(1, key_hash(key));
  if (!st.step()) return std::nullopt;
  return LiveApiKey{Organizer{st.text(0), st.text(1)}, st.text(2)};
}

Status Organizers::set_verified(const std::string& id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE organizers SET verified = 1 WHERE id = ?");
  st.bind(1, id);
  return st.run();
}

bool Organizers::verified(const std::string& id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT verified FROM organizers WHERE id = ?");
  st.bind(1, id);
  return st.step() && st.integer(0) != 0;
}

Status Organizers::set_password(const std::string& id, const std::string& password) {
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE organizers SET password_hash = ? WHERE id = ?");
  st.bind(1, *hash).bind(2, id);
  return st.run();
}

std::string Organizers::language(const std::string& id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT language FROM organizers WHERE id = ?");
  st.bind(1, id);
  return st.step() ? st.text(0) : "en";
}

}  // namespace tirage::server
