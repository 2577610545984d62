// A small SMTP client (RFC 5321) for the operator's relay: EHLO, then
// STARTTLS (RFC 3207) or TLS from the start when the URL asks for it, AUTH
// PLAIN or LOGIN (RFC 4954) when it has a user, MAIL FROM, RCPT TO, DATA with
// a MIME multipart/alternative message (UTF-8 text and HTML parts, RFC 2047
// subject). TLS checks the relay's certificate against the system's CAs (and
// --smtp-ca-file) and its name; credentials are never sent without TLS, and a
// relay that stops offering STARTTLS gets nothing (no silent downgrade).
#pragma once

#include <optional>
#include <string>

#include "server/mail/templates.hpp"
#include "shared/core/result.hpp"

namespace tirage::server {

struct SmtpTarget {
  enum class Security { plain, starttls, tls } security = Security::plain;
  std::string host;
  int port = 25;
  std::string user, password;  // AUTH when user is set
  std::string ca_file;         // PEM certificates trusted besides the system's
};

// Parses smtp://host[:port] (plain, default port 25), smtp+starttls://[user[:password]@]host[:port]
// (default 587) or smtps://[user[:password]@]host[:port] (default 465); user and password are
// percent-decoded. A user on plain smtp:// is refused: credentials need TLS.
Result<SmtpTarget> parse_smtp_url(const std::string& url);

// The relay configured by url (empty: none), with the password from TIRAGE_SMTP_PASSWORD or
// TIRAGE_SMTP_PASSWORD_FILE when the URL has a user and no password, and ca_file.
Result<std::optional<SmtpTarget>> smtp_target_from_config(const std::string& url, const std::string& ca_file);

// Sends one message; the error quotes the server's reply that refused it, or says why TLS failed.
Status smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const MailContent& mail,
                 int timeout_ms);

}  // namespace tirage::server
