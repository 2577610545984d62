// A small SMTP client (RFC 5321) for a relay the operator runs: plain TCP,
// EHLO, MAIL FROM, RCPT TO, DATA with a MIME multipart/alternative message
// (UTF-8 text and HTML parts, RFC 2047 subject). No TLS or AUTH: point it at
// a local relay (postfix, or the provider's relay on a private network).
#pragma once

#include <string>

#include "server/mail/templates.hpp"
#include "shared/core/result.hpp"

namespace tirage::server {

struct SmtpTarget {
  std::string host;
  int port = 25;
};

// Parses smtp://host:port.
Result<SmtpTarget> parse_smtp_url(const std::string& url);

// Sends one message; the error quotes the server's reply that refused it.
Status smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const MailContent& mail,
                 int timeout_ms);

}  // namespace tirage::server
