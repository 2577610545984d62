// The durable outbox: a message is stored in the database before any attempt
// to send it, and retried with exponential backoff until the relay accepts
// it, across restarts. Without an SMTP relay configured, messages wait.
#pragma once

#include <atomic>
#include <condition_variable>
#include <optional>
#include <thread>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"
#include "server/mail/smtp_client.hpp"
#include "server/mail/templates.hpp"

namespace tirage::server {

class Outbox {
 public:
  // retry_base: seconds before the first retry; each later retry waits twice as long (at most an hour).
  Outbox(Database& db, std::optional<SmtpTarget> relay, std::string from, UnixSeconds retry_base = 30)
      : db_(db), relay_(std::move(relay)), from_(std::move(from)), retry_base_(retry_base) {}
  ~Outbox() { stop(); }

  // Stores the message; the sender picks it up. forget_when_sent: the row (address and text) is deleted
  // once the relay accepted it, instead of being kept as sent.
  Status enqueue(const std::string& to, const MailContent& mail, UnixSeconds now, bool forget_when_sent = false);
  // Tries every due message once; returns how many were sent.
  int deliver_due(UnixSeconds now);
  // Starts the background sender (checks every second and when woken).
  void start();
  void stop();

 private:
  Database& db_;
  std::optional<SmtpTarget> relay_;
  std::string from_;
  UnixSeconds retry_base_;
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
};

}  // namespace tirage::server
