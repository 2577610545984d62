// Reading a participant file: JSON Lines of {"platform","id","name"}, built
// into the protocol's participant list with its Merkle tree.
#pragma once

#include <string>

#include "shared/protocol/entry.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage::cli {

// Reads FILE (or "-") as JSON Lines; blank lines are skipped. Errors name the line and field.
Result<ParticipantList> read_participants(const std::string& path);

// The leaf hashes of the list, in index order.
std::vector<Hash> participant_leaf_hashes(const ParticipantList& list);

}  // namespace tirage::cli
