#include "server/draws/inclusion_service.hpp"

#include <algorithm>
#include <cstring>

#include "server/http/client_address.hpp"

namespace tirage::server {

namespace {
// Trees kept for lookups, counted in leaves (about 104 bytes each: the tree and its index); the
// most recent tree stays whatever its size.
constexpr std::uint64_t kCachedLeaves = 2'000'000;

std::vector<Hash> split_hashes(std::string_view bytes) {
  std::vector<Hash> out(bytes.size() / 32);
  for (std::size_t i = 0; i < out.size(); ++i) std::memcpy(out[i].data(), bytes.data() + 32 * i, 32);
  return out;
}
}  // namespace

Result<Json> InclusionService::receive(const Organizer& org, const std::string& draw_id, std::uint64_t offset,
                                      std::string_view chunk, UnixSeconds now) {
  auto d = draws_.find(draw_id);
  if (!d || d->organizer_id != org.id) return make_error("not_found", "there is no draw " + draw_id.substr(0, 64));
  auto c = parse_commitment(d->commitment["statement"]);
  if (!c) return c.error();
  if (c->participants_count > kMaxLeaves)
    return make_error("too_large", "lists of more than 2,000,000 participants cannot be published for this check yet");
  const std::uint64_t expected = c->participants_count * 32;
  if (chunk.size() % 32 != 0 || chunk.empty())
    return make_error("bad_request", "a chunk must hold whole 32-byte leaf hashes, got " + std::to_string(chunk.size()) + " bytes");
  std::lock_guard lock(db_.mutex());
  std::uint64_t received = 0;
  Result<Json> answer = Json();
  Status ok = db_.transaction([&]() -> Status {
    if (offset == 0) {
      auto clear = db_.prepare("DELETE FROM draw_leaf_chunks WHERE draw_id = ?");
      clear.bind(1, draw_id);
      TIRAGE_TRY(clear.run());
    }
    auto have = db_.prepare("SELECT COALESCE(SUM(LENGTH(bytes)), 0) FROM draw_leaf_chunks WHERE draw_id = ?");
    have.bind(1, draw_id);
    received = have.step() ? static_cast<std::uint64_t>(have.integer(0)) : 0;
    if (offset != received)
      return make_error("conflict", "expected the chunk at byte offset " + std::to_string(received) + ", got " +
                                        std::to_string(offset) + " (send offset 0 to start over)");
    if (received + chunk.size() > expected)
      return make_error("bad_request", "the draw has " + std::to_string(c->participants_count) +
                                           " participants; this chunk goes past the last leaf hash");
    auto put = db_.prepare("INSERT INTO draw_leaf_chunks (draw_id, byte_offset, bytes) VALUES (?, ?, ?)");
    put.bind(1, draw_id).bind(2, static_cast<std::int64_t>(offset)).bind_blob(3, chunk);
    TIRAGE_TRY(put.run());
    received += chunk.size();
    if (received < expected) return {};
    // Complete: assemble, check against the commitment, publish.
    std::string all;
    all.reserve(expected);
    auto chunks = db_.prepare("SELECT bytes FROM draw_leaf_chunks WHERE draw_id = ? ORDER BY byte_offset");
    chunks.bind(1, draw_id);
    while (chunks.step()) all += chunks.blob(0);
    auto drop = db_.prepare("DELETE FROM draw_leaf_chunks WHERE draw_id = ?");
    drop.bind(1, draw_id);
    TIRAGE_TRY(drop.run());
    if (merkle_root(split_hashes(all)) != c->participants_root) {
      answer = make_error("bad_request", "these leaf hashes do not rebuild the committed participants root; nothing was published");
      return {};  // the chunks are dropped either way
    }
    auto st = db_.prepare("INSERT OR REPLACE INTO draw_leaves (draw_id, leaves, uploaded_at) VALUES (?, ?, ?)");
    st.bind(1, draw_id).bind_blob(2, all).bind(3, now);
    return st.run();
  });
  if (!ok) return ok.error();
  if (!answer) return answer.error();
  {
    std::lock_guard cache_lock(mu_);
    cache_.remove_if([&](const auto& e) {
      if (e.first != draw_id) return false;
      cached_leaves_ -= e.second->tree.size();
      return true;
    });
  }
  return Json{{"received", received / 32}, {"expected", c->participants_count}, {"complete", received == expected}};
}

std::shared_ptr<const InclusionService::Tree> InclusionService::cached(const std::string& draw_id) {
  std::lock_guard lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it)
    if (it->first == draw_id) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().second;
    }
  return nullptr;
}

Result<std::shared_ptr<const InclusionService::Tree>> InclusionService::tree_for(const std::string& draw_id) {
  if (auto tree = cached(draw_id)) return tree;
  std::lock_guard build(build_mu_);
  if (auto tree = cached(draw_id)) return tree;  // built while this request waited
  std::string bytes;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare("SELECT leaves FROM draw_leaves WHERE draw_id = ?");
    st.bind(1, draw_id);
    if (!st.step())
      return make_error("not_available",
                        "the organizer did not publish the list's fingerprints for this draw, so this check is not available");
    bytes = st.blob(0);
  }
  auto tree = std::make_shared<Tree>();
  auto hashes = split_hashes(bytes);
  tree->index.reserve(hashes.size());
  for (std::size_t i = 0; i < hashes.size(); ++i) tree->index.emplace_back(hashes[i], i);
  std::sort(tree->index.begin(), tree->index.end());
  tree->tree = MerkleTree(std::move(hashes));
  std::lock_guard lock(mu_);
  cache_.emplace_front(draw_id, tree);
  cached_leaves_ += tree->tree.size();
  while (cache_.size() > 1 && cached_leaves_ > kCachedLeaves) {
    cached_leaves_ -= cache_.back().second->tree.size();
    cache_.pop_back();
  }
  return std::shared_ptr<const Tree>(tree);
}

Result<Json> InclusionService::prove(const std::string& draw_id, const Hash& leaf) {
  if (auto d = draws_.find(draw_id); !d) return d.error();
  auto tree = tree_for(draw_id);
  if (!tree) return tree.error();
  const auto& index = (*tree)->index;
  auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(leaf, std::uint64_t{0}));
  if (it == index.end() || it->first != leaf) return make_error("not_found", "this entry is not in the draw's list");
  auto proof = (*tree)->tree.inclusion_proof(it->second);
  if (!proof) return proof.error();
  Json hex = Json::array();
  for (const auto& h : *proof) hex.push_back(to_hex(h));
  return Json{{"index", it->second}, {"tree_size", (*tree)->tree.size()}, {"root", to_hex((*tree)->tree.root())}, {"proof", hex}};
}

Status InclusionService::admit_lookup(const std::string& client_address, UnixSeconds now) {
  if (lookups_.take(address_limit_key(client_address), now)) return {};
  return make_error("rate_limited", "too many lookups from this address; wait a minute");
}

}  // namespace tirage::server
