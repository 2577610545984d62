// "Was I in the draw?": an organizer may publish the participant leaf hashes
// (32 bytes each, in index order; never the entries themselves). The server
// accepts them only if they rebuild the committed participants root, and then
// answers inclusion proofs for a leaf hash a participant computed in their
// browser from their own entry.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <vector>

#include "server/db/database.hpp"
#include "server/draws/draw_service.hpp"
#include "server/http/rate_limiter.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage::server {

class InclusionService {
 public:
  static constexpr std::uint64_t kMaxLeaves = 2'000'000;  // 64 MB of hashes
  // Lookups (by leaf or by handle) per client address per minute: a participant
  // checks a few times; someone probing handles is slowed down.
  static constexpr int kLookupsPerMinute = 60;

  // The published leaves as a tree, with each leaf hash's index.
  struct Tree {
    MerkleTree tree;
    std::vector<std::pair<Hash, std::uint64_t>> index;  // (leaf hash, index), sorted: 40 bytes a leaf
  };

  InclusionService(Database& db, DrawService& draws) : db_(db), draws_(draws) {}

  static constexpr std::size_t kMaxChunk = 1 << 20;  // bytes per request (32,768 hashes)

  // Receives the leaf hashes of an organizer's draw, in chunks sent in order
  // (offset in bytes; offset 0 starts over). When all N have arrived they are
  // checked against the committed root and published, or discarded.
  // Answers {"received","expected","complete"}.
  Result<Json> receive(const Organizer& org, const std::string& draw_id, std::uint64_t offset, std::string_view chunk,
                       UnixSeconds now);
  // {"index","tree_size","root","proof"} for the leaf; 'not_available' without
  // published hashes, 'not_found' when the leaf is not in the list.
  Result<Json> prove(const std::string& draw_id, const Hash& leaf);
  // The draw's published leaf hashes ('not_available' when there are none); trees of up to 2,000,000
  // leaves in all are kept in memory, and one is built at a time.
  Result<std::shared_ptr<const Tree>> tree_for(const std::string& draw_id);
  // Takes one lookup (by leaf or by handle: they share it) for the client address; 'rate_limited' past
  // kLookupsPerMinute, so a crawler guessing handles is slowed down.
  Status admit_lookup(const std::string& client_address, UnixSeconds now);

 private:
  std::shared_ptr<const Tree> cached(const std::string& draw_id);

  Database& db_;
  DrawService& draws_;
  std::mutex mu_;
  std::mutex build_mu_;  // one tree built at a time: lookups looping over many draws use one core at most
  std::list<std::pair<std::string, std::shared_ptr<const Tree>>> cache_;  // most recent first
  std::uint64_t cached_leaves_ = 0;
  RateLimiter lookups_{kLookupsPerMinute, 60};
};

}  // namespace tirage::server
