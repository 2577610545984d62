// The handle index the app publishes beside the leaf hashes, so participants
// of a platform list can check themselves by the handle they see on the
// platform (docs/protocol.md section 9): for each platform
// entry, its index, platform, user id and name, exactly as committed.
// Entries of typed or imported lists (`list`) are not in it: their id is
// already the handle.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "shared/protocol/entry.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::app {

struct HandleIndexPlan {
  std::vector<std::uint64_t> indices;  // the entries in the index, in index order
  std::set<std::string> platforms;     // their platforms
  std::uint64_t left_out = 0;          // platform entries too long, or with no handle left once normalized
};

// Which of the list's entries go into the handle index.
HandleIndexPlan plan_handle_index(const std::vector<Entry>& entries);

// The next upload body {"count","entries"} from plan.indices[from] on, at most
// max_entries entries and about max_bytes of JSON (at least one entry);
// from moves past what it holds.
Json handle_index_chunk(const std::vector<Entry>& entries, const HandleIndexPlan& plan, std::size_t& from,
                        std::size_t max_entries, std::size_t max_bytes);

}  // namespace tirage::app
