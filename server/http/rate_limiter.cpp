#include "server/http/rate_limiter.hpp"

namespace tirage::server {

std::deque<UnixSeconds>& RateLimiter::events(const std::string& key, UnixSeconds now) {
  // Forget keys that went quiet, so the map does not grow without bound.
  if (events_.size() > 100000) {
    for (auto it = events_.begin(); it != events_.end();)
      it = !it->second.empty() && it->second.back() > now - window_ ? std::next(it) : events_.erase(it);
  }
  auto& q = events_[key];
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
  return q;
}

bool RateLimiter::allowed(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  return events(key, now).size() < limit_;
}

void RateLimiter::record(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  events(key, now).push_back(now);
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard lock(mu_);
  events_.erase(key);
}

bool RateLimiter::take(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto& q = events(key, now);
  if (q.size() >= limit_) return false;
  q.push_back(now);
  return true;
}

}  // namespace tirage::server
