#include "shared/filters/draw_entries.hpp"

#include <algorithm>

namespace tirage {

DrawEntries::DrawEntries(const std::vector<Comment>& comments, const FilterResult& result, const FilterRules& rules)
    : comments_(&comments), result_(&result), one_per_person_(rules.one_per_person) {
  entries_.reserve(result.kept);
}

bool DrawEntries::step(std::size_t max_comments) {
  const std::size_t n = std::min(comments_->size(), result_->reasons.size());
  const std::size_t stop = next_ + std::min(n - next_, std::max<std::size_t>(max_comments, 1));
  for (; next_ < stop; ++next_) {
    if (result_->reasons[next_] != FilterReason::kept) continue;
    const Comment& c = (*comments_)[next_];
    Entry e{c.platform, person_id(c), c.handle.empty() ? c.user_id : c.handle};
    if (!one_per_person_) {
      const std::size_t k = ++per_person_[e.id];
      e.id += '#';
      e.id += c.comment_id.empty() ? std::to_string(k) : c.comment_id;
    }
    entries_.push_back(std::move(e));
  }
  return next_ < n;
}

double DrawEntries::progress() const {
  const std::size_t n = std::min(comments_->size(), result_->reasons.size());
  return n == 0 ? 1.0 : static_cast<double>(next_) / static_cast<double>(n);
}

std::vector<Entry> entries_for_draw(const std::vector<Comment>& comments, const FilterResult& result,
                                    const FilterRules& rules) {
  DrawEntries run(comments, result, rules);
  while (run.step(static_cast<std::size_t>(-1))) {
  }
  return run.take();
}

}  // namespace tirage
