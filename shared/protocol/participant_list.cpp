#include "shared/protocol/participant_list.hpp"

#include <algorithm>
#include <cstring>

namespace tirage {

namespace {
// Entries sorted per run before the merge: small enough that one run sorts
// in a few milliseconds in Wasm, large enough that the merge has few runs.
constexpr std::size_t kRunSize = 32768;

std::uint64_t id_prefix(const std::string& id) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, id.data(), std::min<std::size_t>(id.size(), 8));
  std::uint64_t v = 0;
  for (unsigned char b : bytes) v = v << 8 | b;
  return v;
}

// Keys (platform ":" id) compared byte-wise without building them, unless the
// platforms differ (rare: one list usually comes from one platform).
int compare_keys(const Entry& a, const Entry& b) {
  if (a.platform == b.platform) return a.id.compare(b.id);
  return a.key().compare(b.key());
}
}  // namespace

ParticipantListBuilder::ParticipantListBuilder(std::vector<Entry> raw) : raw_(std::move(raw)) {
  items_.reserve(raw_.size());
  if (raw_.empty()) phase_ = Phase::done;
}

bool ParticipantListBuilder::less(const Item& a, const Item& b) const {
  const Entry& ea = raw_[a.index];
  const Entry& eb = raw_[b.index];
  // The prefix orders ids only within one platform; the index keeps the
  // first of equal keys first (what a stable sort would do).
  if (ea.platform == eb.platform && a.prefix != b.prefix) return a.prefix < b.prefix;
  const int c = compare_keys(ea, eb);
  return c != 0 ? c < 0 : a.index < b.index;
}

Result<bool> ParticipantListBuilder::step(std::size_t work) {
  work = std::max<std::size_t>(work, 1);
  const std::size_t n = raw_.size();
  if (phase_ == Phase::normalize) {
    const std::size_t stop = pos_ + std::min(n - pos_, work);
    for (; pos_ < stop; ++pos_) {
      auto e = normalize_entry(std::move(raw_[pos_]));
      if (!e) return make_error(e.error().code, "entry " + std::to_string(pos_ + 1) + ": " + e.error().message);
      raw_[pos_] = std::move(*e);
      items_.push_back({id_prefix(raw_[pos_].id), pos_});
    }
    if (pos_ == n) {
      phase_ = Phase::sort;
      pos_ = 0;
    }
    return true;
  }
  if (phase_ == Phase::sort) {
    const auto by_key = [this](const Item& a, const Item& b) { return less(a, b); };
    std::size_t done = 0;
    while (pos_ < n && done < work) {
      const std::size_t end = std::min(n, pos_ + kRunSize);
      std::sort(items_.begin() + static_cast<std::ptrdiff_t>(pos_), items_.begin() + static_cast<std::ptrdiff_t>(end), by_key);
      run_at_.push_back(pos_);
      run_end_.push_back(end);
      done += end - pos_;
      pos_ = end;
    }
    if (pos_ == n) {
      phase_ = Phase::merge;
      list_.entries.reserve(n);
      for (std::size_t r = 0; r < run_at_.size(); ++r) heap_.push_back(r);
      std::make_heap(heap_.begin(), heap_.end(), [this](std::size_t x, std::size_t y) {
        return less(items_[run_at_[y]], items_[run_at_[x]]);
      });
    }
    return true;
  }
  if (phase_ == Phase::merge) {
    merge(work);
    return phase_ != Phase::done;
  }
  return false;
}

void ParticipantListBuilder::merge(std::size_t work) {
  // A min-heap of runs by their next item; each pop yields the next entry in
  // (key, input position) order, so the first of a repeated key comes first.
  const auto later = [this](std::size_t x, std::size_t y) { return less(items_[run_at_[y]], items_[run_at_[x]]); };
  for (std::size_t k = 0; k < work && !heap_.empty(); ++k) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const std::size_t r = heap_.back();
    Entry& e = raw_[items_[run_at_[r]].index];
    if (!list_.entries.empty() && compare_keys(list_.entries.back(), e) == 0) ++list_.duplicates_dropped;
    else list_.entries.push_back(std::move(e));
    ++merged_;
    if (++run_at_[r] < run_end_[r]) std::push_heap(heap_.begin(), heap_.end(), later);
    else heap_.pop_back();
  }
  if (heap_.empty()) {
    phase_ = Phase::done;
    raw_ = {};
    items_ = {};
  }
}

double ParticipantListBuilder::progress() const {
  const std::size_t n = raw_.size();
  switch (phase_) {
    case Phase::normalize: return n == 0 ? 0.0 : static_cast<double>(pos_) / static_cast<double>(3 * n);
    case Phase::sort: return (static_cast<double>(n) + static_cast<double>(pos_)) / static_cast<double>(3 * n);
    case Phase::merge: return (2.0 * static_cast<double>(n) + static_cast<double>(merged_)) / static_cast<double>(3 * n);
    case Phase::done: return 1.0;
  }
  return 1.0;
}

}  // namespace tirage
