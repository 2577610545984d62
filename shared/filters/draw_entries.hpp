// From filtered comments to the protocol's participant entries
// (protocol.md section 1), one per person or one per comment.
//
//   auto result = apply_filters(comments, rules, now);
//   auto list = build_participant_list(entries_for_draw(comments, result, rules));
#pragma once

#include <vector>

#include "shared/filters/filters.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

// One entry per kept comment, in input order, not yet normalized (build_participant_list does it).
// One per person: id = person_id(comment), name = the handle (or the user id).
// One per comment: id = person_id + "#" + comment_id, or + "#" + n (the n-th
// kept comment of that person, from 1) when the comment has no id; see
// docs/protocol-notes.md.
std::vector<Entry> entries_for_draw(const std::vector<Comment>& comments, const FilterResult& result,
                                    const FilterRules& rules);

}  // namespace tirage
