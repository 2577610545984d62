#include "server/accounts/login_limiter.hpp"

namespace tirage::server {

void LoginLimiter::prune(std::deque<UnixSeconds>& q, UnixSeconds now) {
  while (!q.empty() && q.front() <= now - kWindow) q.pop_front();
}

bool LoginLimiter::allowed(const std::string& email, const std::string& address, UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto& e = by_email_[email];
  auto& a = by_address_[address];
  prune(e, now);
  prune(a, now);
  return e.size() < kPerEmail && a.size() < kPerAddress;
}

void LoginLimiter::failed(const std::string& email, const std::string& address, UnixSeconds now) {
  std::lock_guard lock(mu_);
  by_email_[email].push_back(now);
  by_address_[address].push_back(now);
}

void LoginLimiter::succeeded(const std::string& email) {
  std::lock_guard lock(mu_);
  by_email_.erase(email);
}

}  // namespace tirage::server
