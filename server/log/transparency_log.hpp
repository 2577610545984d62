// The public append-only log (docs/protocol.md section 7). The database holds the
// entries; memory holds the Merkle tree over their leaf hashes (loaded at
// start) for proofs. An append is one SQLite transaction, durable
// (synchronous=FULL) before the caller answers; the tree learns of it only
// after COMMIT, so nothing unacknowledged is ever proven.
#pragma once

#include <functional>
#include <shared_mutex>
#include <unordered_map>

#include "server/db/database.hpp"
#include "server/keys/key_store.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage::server {

struct LogItem {
  Json envelope;
  std::string kind;  // commitment, result, substitution
  std::string draw_id;
};

class TransparencyLog {
 public:
  TransparencyLog(Database& db, KeyStore& keys) : db_(db), keys_(keys) {}

  // Reads every leaf hash from the database; checks each against its envelope.
  Status load();
  // Appends items in one transaction; `also` runs inside it with the items'
  // log indices (to write the rows that refer to them). All or nothing.
  Status append(const std::vector<LogItem>& items, UnixSeconds now,
                const std::function<Status(const std::vector<std::uint64_t>&)>& also);

  std::uint64_t size() const;
  // A signed tree head for the current size.
  Result<Json> signed_head(UnixSeconds now);
  // A signed tree head and the head itself, taken together (for bundles).
  Result<std::pair<Json, TreeHead>> signed_head_with_size(UnixSeconds now);
  // Index of a leaf hash, if it is in the log.
  std::optional<std::uint64_t> index_of(const Hash& leaf) const;
  Result<std::vector<Hash>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;
  Result<std::vector<Hash>> consistency_proof(std::uint64_t first, std::uint64_t second) const;
  // {"entries":[{"envelope","index","leaf_hash"}...]} for entries [start, end), as JSON text: the
  // stored envelopes are spliced in, not parsed again, and the database is held only to read them.
  Result<std::string> entries_text(std::uint64_t start, std::uint64_t end) const;

 private:
  Database& db_;
  KeyStore& keys_;
  mutable std::shared_mutex mu_;
  MerkleTree tree_;
  std::unordered_map<std::string, std::uint64_t> index_by_leaf_;  // hex leaf hash -> index
  std::uint64_t cached_head_size_ = UINT64_MAX;
  Json cached_head_;
  UnixSeconds cached_head_time_ = 0;
};

}  // namespace tirage::server
