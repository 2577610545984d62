// build_participant_list a slice at a time, so a page can build the list of a
// million entries without freezing: normalize in slices, sort runs of entries,
// then merge the runs (k-way), dropping repeated keys. The one-shot
// build_participant_list (entry.hpp) is this builder run to the end.
//
//   ParticipantListBuilder b(std::move(raw));
//   while (true) { auto more = b.step(30'000); if (!more) fail(more.error()); if (!*more) break; }
//   ParticipantList list = b.take();
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

class ParticipantListBuilder {
 public:
  explicit ParticipantListBuilder(std::vector<Entry> raw);

  // Does about `work` entries' worth of work (at least one unit); true while
  // work remains. The error (an entry that cannot be normalized) names its
  // 1-based input position, as build_participant_list's does.
  Result<bool> step(std::size_t work);

  // Share of the work done, 0 to 1.
  double progress() const;

  // The finished list (moved out); only after step() returned false.
  ParticipantList take() { return std::move(list_); }

 private:
  // An entry in sort order: the first 8 bytes of its id (big-endian, zero
  // padded) decide most comparisons without touching the strings.
  struct Item {
    std::uint64_t prefix;
    std::size_t index;
  };
  bool less(const Item& a, const Item& b) const;
  void merge(std::size_t work);

  enum class Phase { normalize, sort, merge, done };
  Phase phase_ = Phase::normalize;
  std::vector<Entry> raw_;
  std::vector<Item> items_;
  std::size_t pos_ = 0;  // normalize: next entry; sort: next run start
  // Merge: one cursor per sorted run, a min-heap of run numbers, the output.
  std::vector<std::size_t> run_at_, run_end_, heap_;
  std::size_t merged_ = 0;
  ParticipantList list_;
};

}  // namespace tirage
