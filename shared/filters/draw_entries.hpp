// From filtered comments to the protocol's participant entries
// (docs/protocol.md section 1), one per person or one per comment.
//
//   auto result = apply_filters(comments, rules, now);
//   auto list = build_participant_list(entries_for_draw(comments, result, rules));
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "shared/filters/filters.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

// One entry per kept comment, in input order, not yet normalized (build_participant_list does it).
// One per person: id = person_id(comment), name = the handle (or the user id).
// One per comment: id = person_id + "#" + comment_id, or + "#" + n (the n-th
// kept comment of that person, from 1) when the comment has no id; see
// docs/protocol.md appendix A.
std::vector<Entry> entries_for_draw(const std::vector<Comment>& comments, const FilterResult& result,
                                    const FilterRules& rules);

// entries_for_draw a slice at a time (entries_for_draw is this run to the end).
//
//   DrawEntries run(comments, result, rules);   // comments and result must outlive it
//   while (run.step(20'000)) show(run.progress());
//   std::vector<Entry> entries = run.take();
class DrawEntries {
 public:
  DrawEntries(const std::vector<Comment>& comments, const FilterResult& result, const FilterRules& rules);
  // Looks at up to max_comments more comments; true while some remain.
  bool step(std::size_t max_comments);
  // Share of the comments looked at, 0 to 1.
  double progress() const;
  // The entries (moved out); complete once step() returned false.
  std::vector<Entry> take() { return std::move(entries_); }

 private:
  const std::vector<Comment>* comments_;
  const FilterResult* result_;
  bool one_per_person_;
  std::size_t next_ = 0;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> per_person_;  // one per comment without ids: the n-th
};

}  // namespace tirage
