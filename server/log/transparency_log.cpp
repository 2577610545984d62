#include "server/log/transparency_log.hpp"

#include <mutex>

#include "shared/protocol/bundle.hpp"

namespace tirage::server {

namespace {
constexpr UnixSeconds kHeadMaxAge = 60;  // a tree head is re-signed at most once a minute when nothing changes
}

Status TransparencyLog::load() {
  std::lock_guard db_lock(db_.mutex());
  std::unique_lock lock(mu_);
  auto st = db_.prepare("SELECT idx, leaf_hash, envelope FROM log_entries ORDER BY idx");
  std::uint64_t expected = 0;
  while (st.step()) {
    const auto idx = static_cast<std::uint64_t>(st.integer(0));
    if (idx != expected) return make_error("corrupt_log", "log entry " + std::to_string(expected) + " is missing");
    auto h = hash_from_hex(st.text(1));
    auto env = parse_json(st.text(2));
    if (!h || !env) return make_error("corrupt_log", "log entry " + std::to_string(idx) + " cannot be read");
    auto recomputed = log_leaf_hash(*env);
    if (!recomputed || *recomputed != *h)
      return make_error("corrupt_log", "log entry " + std::to_string(idx) + " does not match its leaf hash");
    tree_.append(*h);
    index_by_leaf_[st.text(1)] = idx;
    ++expected;
  }
  return {};
}

Status TransparencyLog::append(const std::vector<LogItem>& items, UnixSeconds now,
                               const std::function<Status(const std::vector<std::uint64_t>&)>& also) {
  std::lock_guard db_lock(db_.mutex());  // appends are serialized: one writer, in order
  std::vector<Hash> leaves;
  std::vector<std::uint64_t> indices;
  const std::uint64_t first = size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto leaf = log_leaf_hash(items[i].envelope);
    if (!leaf) return leaf.error();
    leaves.push_back(*leaf);
    indices.push_back(first + i);
  }
  Status ok = db_.transaction([&]() -> Status {
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto st = db_.prepare(
          "INSERT INTO log_entries (idx, leaf_hash, envelope, kind, draw_id, created_at) VALUES (?, ?, ?, ?, ?, ?)");
      st.bind(1, static_cast<std::int64_t>(indices[i]))
          .bind(2, to_hex(leaves[i]))
          .bind(3, items[i].envelope.dump())
          .bind(4, items[i].kind)
          .bind(5, items[i].draw_id)
          .bind(6, now);
      if (auto r = st.run(); !r) return r;
    }
    return also ? also(indices) : Status{};
  });
  if (!ok) return ok;
  std::unique_lock lock(mu_);
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    tree_.append(leaves[i]);
    index_by_leaf_[to_hex(leaves[i])] = indices[i];
  }
  return {};
}

std::uint64_t TransparencyLog::size() const {
  std::shared_lock lock(mu_);
  return tree_.size();
}

Result<std::pair<Json, TreeHead>> TransparencyLog::signed_head_with_size(UnixSeconds now) {
  {
    std::shared_lock lock(mu_);
    if (cached_head_size_ == tree_.size() && now - cached_head_time_ < kHeadMaxAge) {
      auto head = parse_tree_head(cached_head_["statement"]);
      return std::make_pair(cached_head_, *head);
    }
  }
  TreeHead head;
  {
    std::shared_lock lock(mu_);
    head = TreeHead{tree_.size(), tree_.root(), now};
  }
  auto env = keys_.sign(make_tree_head_statement(head));
  if (!env) return env.error();
  std::unique_lock lock(mu_);
  cached_head_ = *env;
  cached_head_size_ = head.tree_size;
  cached_head_time_ = now;
  return std::make_pair(*env, head);
}

Result<Json> TransparencyLog::signed_head(UnixSeconds now) {
  auto h = signed_head_with_size(now);
  if (!h) return h.error();
  return h->first;
}

std::optional<std::uint64_t> TransparencyLog::index_of(const Hash& leaf) const {
  std::shared_lock lock(mu_);
  auto it = index_by_leaf_.find(to_hex(leaf));
  if (it == index_by_leaf_.end()) return std::nullopt;
  return it->second;
}

Result<std::vector<Hash>> TransparencyLog::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
  std::shared_lock lock(mu_);
  return tree_.inclusion_proof(index, tree_size);
}

Result<std::vector<Hash>> TransparencyLog::consistency_proof(std::uint64_t first, std::uint64_t second) const {
  std::shared_lock lock(mu_);
  return tree_.consistency_proof(first, second);
}

Result<std::string> TransparencyLog::entries_text(std::uint64_t start, std::uint64_t end) const {
  struct Row {
    std::int64_t index;
    std::string leaf_hash, envelope;
  };
  std::vector<Row> rows;
  {
    std::lock_guard db_lock(db_.mutex());
    auto st = db_.prepare("SELECT idx, leaf_hash, envelope FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx");
    st.bind(1, static_cast<std::int64_t>(start)).bind(2, static_cast<std::int64_t>(end));
    while (st.step()) rows.push_back({st.integer(0), st.text(1), st.text(2)});
  }
  // The stored text is the envelope's dump() at append; the members in dump()'s (sorted) order.
  std::string out = R"({"entries":[)";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += ',';
    out += R"({"envelope":)" + rows[i].envelope + R"(,"index":)" + std::to_string(rows[i].index) + R"(,"leaf_hash":")" +
           rows[i].leaf_hash + R"("})";
  }
  out += "]}";
  return out;
}

}  // namespace tirage::server
