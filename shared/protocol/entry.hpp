// Participant entries and the participant list (docs/protocol.md section 1).
//
//   auto list = build_participant_list(raw_entries);   // normalize, dedupe, sort
//   list->entries[i]  is the entry at index i;  leaf(entry) is its Merkle leaf.
#pragma once

#include <string>
#include <vector>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct Entry {
  std::string platform;  // instagram, facebook, x, youtube, tiktok, list
  std::string id;        // the platform's stable user id (normalized handle for `list`)
  std::string name;      // display handle for the certificate

  std::string key() const { return platform + ":" + id; }
  bool operator==(const Entry&) const = default;
};

// True for the six platform names docs/protocol.md allows.
bool is_known_platform(std::string_view platform);

// Normalizes one entry: valid UTF-8 everywhere, NFC, id trimmed; for `list` the
// id also loses its leading '@'s (and spaces) and has its ASCII letters
// lowercased. Idempotent: a normalized entry normalizes to itself.
Result<Entry> normalize_entry(Entry raw);

// A handle in the form a `list` id has (trimmed, NFC, leading '@'s and spaces
// dropped, ASCII letters lowercased); "bad_handle" when nothing is left.
Result<std::string> normalize_handle(std::string handle);

// The entry as a JSON object {"id","name","platform"}.
Json entry_to_json(const Entry& e);

// Reads {"platform","id","name"} strictly (all three strings, nothing else);
// errors name the member under path ("result.winners[0].entry.id: ...").
Result<Entry> entry_from_json(const Json& j, const std::string& path = "entry");

// The entry's leaf: JCS(entry).
std::string leaf(const Entry& e);
// The same into out (replaced), so a loop over a million entries reuses one buffer.
void leaf_into(const Entry& e, std::string& out);

struct ParticipantList {
  std::vector<Entry> entries;        // index order
  std::size_t duplicates_dropped = 0;
};

// Protocol list construction: normalize each entry, drop repeated keys (first
// kept), sort by key bytes. The error names the 1-based input position at fault.
Result<ParticipantList> build_participant_list(std::vector<Entry> raw);

}  // namespace tirage
