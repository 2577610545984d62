// Answers to public reads kept in memory, least recently used first out, within
// a byte budget: what a loop of anonymous requests for the same thing costs is
// a lookup. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace tirage::server {

template <class Value>
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The value kept under key, or nullptr.
  std::shared_ptr<const Value> find(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->value;
  }

  // Keeps value under key, counted as `bytes`; older entries go to stay within the budget.
  void put(const std::string& key, std::shared_ptr<const Value> value, std::size_t bytes) {
    if (bytes > max_bytes_) return;
    std::lock_guard lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) {
      used_ -= it->second->bytes;
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.push_front(Entry{key, std::move(value), bytes});
    index_[key] = order_.begin();
    used_ += bytes;
    while (used_ > max_bytes_) {
      used_ -= order_.back().bytes;
      index_.erase(order_.back().key);
      order_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Value> value;
    std::size_t bytes;
  };
  const std::size_t max_bytes_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
  std::size_t used_ = 0;
};

}  // namespace tirage::server
