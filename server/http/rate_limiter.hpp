// Sliding-window rate limits: at most `limit` events per key in any `window`
// seconds (logins per email, logins per address, lookups per address).
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "shared/core/time.hpp"

namespace tirage::server {

class RateLimiter {
 public:
  RateLimiter(std::size_t limit, UnixSeconds window) : limit_(limit), window_(window) {}
  UnixSeconds window() const { return window_; }
  // True when one more event for key fits in the window now (nothing recorded).
  bool allowed(const std::string& key, UnixSeconds now);
  void record(const std::string& key, UnixSeconds now);
  void clear(const std::string& key);
  // Records the event if it fits; false when the key is over its limit.
  bool take(const std::string& key, UnixSeconds now);

 private:
  std::deque<UnixSeconds>& events(const std::string& key, UnixSeconds now);  // pruned; caller holds mu_
  std::size_t limit_;
  UnixSeconds window_;
  std::mutex mu_;
  std::map<std::string, std::deque<UnixSeconds>> events_;
};

// Login attempts: 5 failures per email and 30 per client address in 15 minutes.
struct LoginLimits {
  RateLimiter per_email{5, 15 * 60};
  RateLimiter per_address{30, 15 * 60};
};

}  // namespace tirage::server
