#include "shared/filters/draw_entries.hpp"

#include <unordered_map>

namespace tirage {

std::vector<Entry> entries_for_draw(const std::vector<Comment>& comments, const FilterResult& result,
                                    const FilterRules& rules) {
  std::vector<Entry> entries;
  entries.reserve(result.kept);
  std::unordered_map<std::string, std::size_t> per_person;  // one per comment without ids: the n-th
  for (std::size_t i = 0; i < comments.size() && i < result.reasons.size(); ++i) {
    if (result.reasons[i] != FilterReason::kept) continue;
    const Comment& c = comments[i];
    Entry e{c.platform, person_id(c), c.handle.empty() ? c.user_id : c.handle};
    if (!rules.one_per_person) {
      const std::size_t n = ++per_person[e.id];
      e.id += '#';
      e.id += c.comment_id.empty() ? std::to_string(n) : c.comment_id;
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace tirage
