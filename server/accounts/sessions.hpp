// Server-side sessions for the browser: a random token in an HttpOnly,
// SameSite=Lax cookie (its SHA-256 stored; "__Host-" prefixed and Secure over
// https, server/http/cookies.hpp), and a per-session CSRF token the page must
// echo in X-CSRF-Token on every state-changing request.
#pragma once

#include <optional>
#include <string>

#include "server/db/database.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

inline constexpr const char* kSessionCookie = "tirage_session";

// The Set-Cookie value for a session token (HttpOnly, SameSite=Lax; Secure and "__Host-" over https); max_age 0 clears it.
std::string session_cookie(const std::string& token, UnixSeconds max_age, bool https);

struct Session {
  Organizer organizer;
  std::string csrf_token;
};

struct NewSession {
  std::string token, csrf_token;
};

class Sessions {
 public:
  explicit Sessions(Database& db) : db_(db) {}
  static constexpr UnixSeconds kLifetime = 14 * 86400;

  Result<NewSession> create(const Organizer& org, UnixSeconds now);
  // The live session for a cookie token.
  std::optional<Session> find(const std::string& token, UnixSeconds now) const;
  Status destroy(const std::string& token);

 private:
  Database& db_;
};

// One-time tokens for email verification and password reset: random, stored
// hashed, expiring, and consumed on first use.
class OneTimeTokens {
 public:
  explicit OneTimeTokens(Database& db) : db_(db) {}
  Result<std::string> issue(const std::string& organizer_id, const std::string& purpose, UnixSeconds now,
                            UnixSeconds lifetime);
  // The organizer id if the token is live for that purpose; marks it used.
  Result<std::string> consume(const std::string& token, const std::string& purpose, UnixSeconds now);

 private:
  Database& db_;
};

}  // namespace tirage::server
