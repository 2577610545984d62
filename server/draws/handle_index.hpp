// "Check by handle": beside the leaf hashes, an organizer may publish a handle
// index for the platform entries of a draw (per leaf index: the entry's user
// id and name, found by the key of shared/protocol/handle_key.hpp). Each entry
// is checked against the published leaf at its index before it is stored, so
// the index can only point at what was committed. A participant then asks by
// the handle they see on the platform and gets their entries with audit
// paths, which their browser checks against the committed root.
#pragma once

#include <string>
#include <vector>

#include "server/db/database.hpp"
#include "server/draws/draw_service.hpp"
#include "server/draws/inclusion_service.hpp"
#include "shared/protocol/handle_key.hpp"

namespace tirage::server {

class HandleIndex {
 public:
  static constexpr std::size_t kMaxChunkEntries = 20'000;   // per request (the body is at most 1 MiB too)
  static constexpr std::uint64_t kMaxTextBytes = 64 << 20;  // user ids and names of one draw, all together
  static constexpr std::size_t kMaxMatches = 50;            // entries answered per handle (one per comment)
  static constexpr std::size_t kMaxFieldBytes = kMaxHandleFieldBytes;  // per user id, name or handle asked

  HandleIndex(Database& db, DrawService& draws, InclusionService& inclusion)
      : db_(db), draws_(draws), inclusion_(inclusion) {}

  // Receives a chunk {"count", "entries": [{"index","platform","id","name"}...]} of
  // the organizer's handle index; offset counts the entries already received
  // (0 starts over). The draw's leaf hashes must be published. Refuses the
  // whole chunk when an entry does not hash to the leaf at its index. Answers
  // {"received","expected","complete"}; lookups see the index once complete.
  Result<Json> receive(const Organizer& org, const std::string& draw_id, std::uint64_t offset, const Json& body,
                       UnixSeconds now);
  // {"tree_size","root","matches":[{"index","platform","id","name","proof"}],"more"}
  // for the handle; 'not_available' without a complete index, 'not_found' when
  // the handle is not in it (and nothing else said).
  Result<Json> lookup(const std::string& draw_id, const std::string& platform, const std::string& handle);
  // The platforms of the draw's complete handle index (none without one).
  std::vector<std::string> platforms(const std::string& draw_id);

 private:
  Database& db_;
  DrawService& draws_;
  InclusionService& inclusion_;
};

}  // namespace tirage::server
