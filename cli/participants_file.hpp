// Reading a participant file: JSON Lines of {"platform","id","name"}, built
// into the protocol's participant list with its Merkle tree.
#pragma once

#include <string>
#include <string_view>

#include "shared/protocol/entry.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage::cli {

// Reads FILE (or "-") as JSON Lines; blank lines are skipped. Errors name the line and field.
Result<ParticipantList> read_participants(const std::string& path);

// The same from text already read; name is the file's name for the errors.
Result<ParticipantList> participants_from_entry_lines(std::string_view text, const std::string& name);

// The leaf hashes of the list, in index order.
std::vector<Hash> participant_leaf_hashes(const ParticipantList& list);

}  // namespace tirage::cli
