// A real SMTP server for tests, on a free port of 127.0.0.1, writing what it
// receives to a Maildir: aiosmtpd's Mailbox handler, or with relay options
// tests/fakes/smtp_relay.py (STARTTLS or TLS, AUTH, a JSON line per event);
// and reading the mails back (tests/fakes/read_mail.py).
#pragma once

#include <string>
#include <vector>

#include "shared/protocol/jcs.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {

class MailSink {
 public:
  // relay_args: smtp_relay.py's options besides --port and --maildir (e.g. {"--mode", "starttls", ...}); empty: plain aiosmtpd.
  explicit MailSink(std::vector<std::string> relay_args = {});
  ~MailSink();
  MailSink(const MailSink&) = delete;
  MailSink& operator=(const MailSink&) = delete;
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // The mails for address, oldest first ({"subject","text","has_html"}), waiting up to wait_ms for count of them.
  std::vector<Json> mails_for(const std::string& address, std::size_t count = 1, int wait_ms = 15000) const;
  // What smtp_relay.py said (its JSON lines), empty for plain aiosmtpd.
  std::vector<Json> events() const;

 private:
  std::string dir_;
  int port_;
  Process process_;
};

}  // namespace tirage::testing
