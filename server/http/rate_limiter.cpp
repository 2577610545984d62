#include "server/http/rate_limiter.hpp"

#include <algorithm>

namespace tirage::server {

RateLimiter::Entry* RateLimiter::find(const std::string& raw_key, UnixSeconds now, bool create) {
  const std::string key = raw_key.substr(0, kMaxKeyBytes);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (!create) return nullptr;
    if (entries_.size() >= capacity_ && !recent_.empty()) {
      // Full: forget the key used least recently (its events are the stalest we hold).
      entries_.erase(recent_.back());
      recent_.pop_back();
    }
    recent_.push_front(key);
    it = entries_.emplace(key, Entry{{}, recent_.begin()}).first;
  } else {
    recent_.splice(recent_.begin(), recent_, it->second.use);
  }
  auto& times = it->second.times;
  times.erase(times.begin(), std::find_if(times.begin(), times.end(), [&](UnixSeconds t) { return t > now - window_; }));
  return &it->second;
}

bool RateLimiter::allowed(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  Entry* e = find(key, now, false);
  return !e || e->times.size() < limit_;
}

RateLimiter::Usage RateLimiter::usage(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  Entry* e = find(key, now, false);
  if (!e || e->times.empty()) return {0, now};
  return {e->times.size(), e->times.front() + window_};
}

void RateLimiter::record(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  Entry* e = find(key, now, true);
  if (e->times.size() >= limit_) e->times.erase(e->times.begin());  // the newest limit_ events are all that matter
  e->times.push_back(now);
}

void RateLimiter::clear(const std::string& raw_key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(raw_key.substr(0, kMaxKeyBytes));
  if (it == entries_.end()) return;
  recent_.erase(it->second.use);
  entries_.erase(it);
}

bool RateLimiter::take(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mu_);
  Entry* e = find(key, now, true);
  if (e->times.size() >= limit_) return false;
  e->times.push_back(now);
  return true;
}

std::size_t RateLimiter::size() {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace tirage::server
