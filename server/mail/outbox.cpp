#include "server/mail/outbox.hpp"

#include <algorithm>
#include <chrono>

#include "server/log/event_log.hpp"

namespace tirage::server {

namespace {
constexpr int kTimeoutMs = 10000;
// base, 2 base, 4 base, ... capped at 1 hour between attempts.
UnixSeconds backoff(UnixSeconds base, std::int64_t attempts) {
  return std::min<UnixSeconds>(3600, base << std::min<std::int64_t>(attempts, 7));
}
}  // namespace

Status Outbox::enqueue(const std::string& to, const MailContent& mail, UnixSeconds now, bool forget_when_sent) {
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "INSERT INTO outbox (recipient, subject, body_text, body_html, next_attempt_at, forget_when_sent)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, to).bind(2, mail.subject).bind(3, mail.text).bind(4, mail.html).bind(5, now);
    st.bind(6, std::int64_t{forget_when_sent});
    if (auto ok = st.run(); !ok) return ok;
  }
  wake_.notify_one();
  return {};
}

int Outbox::deliver_due(UnixSeconds now) {
  if (!relay_) return 0;
  struct Pending {
    std::int64_t id, attempts;
    std::string to;
    MailContent mail;
  };
  std::vector<Pending> due;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "SELECT id, attempts, recipient, subject, body_text, body_html FROM outbox WHERE sent_at IS NULL AND "
        "next_attempt_at <= ? ORDER BY id LIMIT 50");
    st.bind(1, now);
    while (st.step()) due.push_back({st.integer(0), st.integer(1), st.text(2), {st.text(3), st.text(4), st.text(5)}});
  }
  int sent = 0;
  for (const auto& p : due) {
    Status ok = smtp_send(*relay_, from_, p.to, p.mail, kTimeoutMs);
    std::lock_guard lock(db_.mutex());
    if (ok) {
      // A mail to an address we must not keep (a deleted account's) goes with its sending.
      auto forget = db_.prepare("DELETE FROM outbox WHERE id = ? AND forget_when_sent = 1");
      forget.bind(1, p.id);
      (void)forget.run();
      auto st = db_.prepare("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
      st.bind(1, now).bind(2, p.id);
      (void)st.run();
      ++sent;
      log_event("info", "mail_sent", {{"outbox_id", p.id}});
    } else {
      auto st = db_.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?");
      st.bind(1, now + backoff(retry_base_, p.attempts)).bind(2, ok.error().message).bind(3, p.id);
      (void)st.run();
      log_event("warn", "mail_retry", {{"outbox_id", p.id}, {"attempts", p.attempts + 1}, {"error", ok.error().message}});
    }
  }
  return sent;
}

void Outbox::start() {
  if (!relay_) {
    log_event("warn", "mail_disabled", {{"reason", "no --smtp-url: messages wait in the outbox"}});
    return;
  }
  worker_ = std::thread([this] {
    while (!stopping_) {
      deliver_due(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_.load(); });
    }
  });
}

void Outbox::stop() {
  stopping_ = true;
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

}  // namespace tirage::server
