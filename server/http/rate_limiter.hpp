// Sliding-window rate limits: at most `limit` events per key in any `window`
// seconds (logins per email, sign-ups per address, lookups per address).
// Memory is bounded: at most `capacity` keys are remembered (the least
// recently used one is forgotten first), each with at most `limit` times, and
// keys longer than 256 bytes are cut, so a flood of distinct keys costs a
// fixed amount of memory.
#pragma once

#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/core/time.hpp"

namespace tirage::server {

class RateLimiter {
 public:
  static constexpr std::size_t kDefaultCapacity = 20000;
  static constexpr std::size_t kMaxKeyBytes = 256;
  RateLimiter(std::size_t limit, UnixSeconds window, std::size_t capacity = kDefaultCapacity)
      : limit_(limit), window_(window), capacity_(capacity) {}
  UnixSeconds window() const { return window_; }
  // True when one more event for key fits in the window now (nothing recorded, nothing remembered).
  bool allowed(const std::string& key, UnixSeconds now);
  void record(const std::string& key, UnixSeconds now);
  void clear(const std::string& key);
  // Records the event if it fits; false when the key is over its limit.
  bool take(const std::string& key, UnixSeconds now);
  struct Usage {
    std::size_t used = 0;       // events in the window now
    UnixSeconds resets_at = 0;  // when the oldest of them leaves the window (now when there is none)
  };
  // What key has used of its window (for RateLimit-* headers); remembers nothing new.
  Usage usage(const std::string& key, UnixSeconds now);
  std::size_t limit() const { return limit_; }
  // How many keys are remembered now (at most the capacity).
  std::size_t size();

 private:
  struct Entry {
    std::vector<UnixSeconds> times;        // oldest first, at most limit_
    std::list<std::string>::iterator use;  // position in recent_
  };
  // The live entry for key (pruned, marked as just used), created when create is true; caller holds mu_.
  Entry* find(const std::string& key, UnixSeconds now, bool create);
  std::size_t limit_;
  UnixSeconds window_;
  std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recent_;  // most recently used first
};

// Account limits, per normalized email (accounts/organizers.hpp email_limit_key) and per client address:
// failed logins 5 per email and 30 per address in 15 minutes; sign-ups 3 per email and 10 per address
// in an hour; password resets 3 per email and 10 per address in an hour.
struct AccountLimits {
  RateLimiter login_per_email{5, 15 * 60};
  RateLimiter login_per_address{30, 15 * 60};
  RateLimiter signup_per_email{3, 3600};
  RateLimiter signup_per_address{10, 3600};
  RateLimiter reset_per_email{3, 3600};
  RateLimiter reset_per_address{10, 3600};
};

}  // namespace tirage::server
