#include "server/draws/handle_index.hpp"

#include <algorithm>
#include <set>

#include "shared/protocol/entry.hpp"
#include "shared/protocol/handle_key.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage::server {

namespace {

struct Row {
  std::uint64_t index;
  Hash key;
  Entry entry;
};

std::string where(std::size_t i, std::uint64_t index = UINT64_MAX) {
  std::string w = "entries[" + std::to_string(i) + "]";
  if (index != UINT64_MAX) w += " (leaf index " + std::to_string(index) + ")";
  return w;
}

// One uploaded entry, strictly {"index","platform","id","name"}, checked against the published leaves.
Result<Row> read_row(const Json& j, std::size_t i, std::uint64_t count, const InclusionService::Tree& tree) {
  if (!j.is_object()) return make_error("bad_request", where(i) + " must be an object {\"index\",\"platform\",\"id\",\"name\"}");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "index" && it.key() != "platform" && it.key() != "id" && it.key() != "name")
      return make_error("bad_request", where(i) + ": unknown field \"" + it.key().substr(0, 40) + "\"");
  if (!j.contains("index") || !j["index"].is_number_unsigned())
    return make_error("bad_request", where(i) + ": \"index\" must be a non-negative integer");
  Row row;
  row.index = j["index"].get<std::uint64_t>();
  if (row.index >= count)
    return make_error("bad_request", where(i, row.index) + ": the draw has " + std::to_string(count) + " participants");
  for (auto [field, dest] : {std::pair{"platform", &row.entry.platform}, {"id", &row.entry.id}, {"name", &row.entry.name}}) {
    if (!j.contains(field) || !j[field].is_string())
      return make_error("bad_request", where(i, row.index) + ": \"" + field + "\" must be a string");
    *dest = j[field].get<std::string>();
    if (dest->size() > HandleIndex::kMaxFieldBytes)
      return make_error("bad_request", where(i, row.index) + ": \"" + field + "\" is longer than " +
                                           std::to_string(HandleIndex::kMaxFieldBytes) + " bytes");
  }
  auto key = handle_key(row.entry.platform, row.entry.name);
  if (!key) return make_error("bad_request", where(i, row.index) + ": " + key.error().message);
  row.key = *key;
  // The entry as committed, byte for byte: its leaf must be the published one at that index.
  if (leaf_hash(leaf(row.entry)) != tree.tree.subtree_hash(row.index, row.index + 1))
    return make_error("bad_request", where(i, row.index) +
                                         ": this entry does not hash to the published leaf at its index; nothing was stored");
  return row;
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

Result<Json> HandleIndex::receive(const Organizer& org, const std::string& draw_id, std::uint64_t offset, const Json& body,
                                  UnixSeconds now) {
  auto d = draws_.find(draw_id);
  if (!d || d->organizer_id != org.id) return make_error("not_found", "there is no draw " + draw_id.substr(0, 64));
  auto c = parse_commitment(d->commitment["statement"]);
  if (!c) return c.error();
  auto tree = inclusion_.tree_for(draw_id);
  if (!tree)
    return make_error("conflict", "publish the participants' leaf hashes (POST /api/v1/draws/" + draw_id +
                                      "/leaves) first: each handle entry is checked against them");
  if (!body.is_object()) return make_error("bad_request", "the body must be an object {\"count\",\"entries\"}");
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "count" && it.key() != "entries")
      return make_error("bad_request", "unknown field \"" + it.key().substr(0, 40) + "\"");
  if (!body.contains("count") || !body["count"].is_number_unsigned() || body["count"].get<std::uint64_t>() == 0 ||
      body["count"].get<std::uint64_t>() > c->participants_count)
    return make_error("bad_request", "\"count\" must be the number of entries in the handle index, from 1 to the " +
                                         std::to_string(c->participants_count) + " participants");
  const auto count = body["count"].get<std::uint64_t>();
  if (!body.contains("entries") || !body["entries"].is_array() || body["entries"].empty() ||
      body["entries"].size() > kMaxChunkEntries)
    return make_error("bad_request", "\"entries\" must be an array of 1 to " + std::to_string(kMaxChunkEntries) + " entries");
  std::vector<Row> rows;
  rows.reserve(body["entries"].size());
  std::uint64_t text_bytes = 0;
  for (std::size_t i = 0; i < body["entries"].size(); ++i) {
    auto row = read_row(body["entries"][i], i, c->participants_count, **tree);
    if (!row) return row.error();
    if (!rows.empty() && row->index <= rows.back().index)
      return make_error("bad_request", where(i, row->index) + ": entries must come in increasing index order");
    text_bytes += row->entry.id.size() + row->entry.name.size();
    rows.push_back(std::move(*row));
  }

  std::lock_guard lock(db_.mutex());
  std::uint64_t received = 0;
  Status ok = db_.transaction([&]() -> Status {
    if (offset == 0) {
      for (const char* sql : {"DELETE FROM draw_handles WHERE draw_id = ?", "DELETE FROM draw_handle_uploads WHERE draw_id = ?"}) {
        auto clear = db_.prepare(sql);
        clear.bind(1, draw_id);
        TIRAGE_TRY(clear.run());
      }
      auto start = db_.prepare(
          "INSERT INTO draw_handle_uploads (draw_id, expected, received, last_index, bytes, complete, platforms, updated_at) "
          "VALUES (?, ?, 0, -1, 0, 0, '', ?)");
      start.bind(1, draw_id).bind(2, static_cast<std::int64_t>(count)).bind(3, now);
      TIRAGE_TRY(start.run());
    }
    auto state = db_.prepare("SELECT expected, received, last_index, bytes FROM draw_handle_uploads WHERE draw_id = ?");
    state.bind(1, draw_id);
    if (!state.step()) return make_error("conflict", "no handle index upload is under way for this draw (send offset 0 to start)");
    const auto expected = static_cast<std::uint64_t>(state.integer(0));
    received = static_cast<std::uint64_t>(state.integer(1));
    const std::int64_t last_index = state.integer(2);
    const auto bytes = static_cast<std::uint64_t>(state.integer(3));
    if (offset != received)
      return make_error("conflict", "expected the chunk at entry offset " + std::to_string(received) + ", got " +
                                        std::to_string(offset) + " (send offset 0 to start over)");
    if (count != expected)
      return make_error("bad_request", "\"count\" changed during the upload (" + std::to_string(expected) + " before, " +
                                           std::to_string(count) + " now); send offset 0 to start over");
    if (received + rows.size() > expected)
      return make_error("bad_request", "the handle index has " + std::to_string(expected) +
                                           " entries; this chunk goes past the last one");
    if (static_cast<std::int64_t>(rows.front().index) <= last_index)
      return make_error("bad_request", where(0, rows.front().index) +
                                           ": entries must come in increasing index order (the last one stored is " +
                                           std::to_string(last_index) + ")");
    if (bytes + text_bytes > kMaxTextBytes)
      return make_error("too_large", "the handle index's user ids and names go past 64 MiB for one draw");
    auto put = db_.prepare(
        "INSERT INTO draw_handles (draw_id, leaf_index, handle_key, platform, user_id, name) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& r : rows) {
      put.reset()
          .bind(1, draw_id)
          .bind(2, static_cast<std::int64_t>(r.index))
          .bind_blob(3, std::string_view(reinterpret_cast<const char*>(r.key.data()), r.key.size()))
          .bind(4, r.entry.platform)
          .bind(5, r.entry.id)
          .bind(6, r.entry.name);
      TIRAGE_TRY(put.run());
    }
    received += rows.size();
    std::string platforms;
    if (received == expected) {
      std::set<std::string> seen;
      auto all = db_.prepare("SELECT DISTINCT platform FROM draw_handles WHERE draw_id = ?");
      all.bind(1, draw_id);
      while (all.step()) seen.insert(all.text(0));
      platforms = join(seen);
    }
    auto update = db_.prepare(
        "UPDATE draw_handle_uploads SET received = ?, last_index = ?, bytes = ?, complete = ?, platforms = ?, updated_at = ? "
        "WHERE draw_id = ?");
    update.bind(1, static_cast<std::int64_t>(received))
        .bind(2, static_cast<std::int64_t>(rows.back().index))
        .bind(3, static_cast<std::int64_t>(bytes + text_bytes))
        .bind(4, std::int64_t{received == expected})
        .bind(5, platforms)
        .bind(6, now)
        .bind(7, draw_id);
    return update.run();
  });
  if (!ok) return ok.error();
  return Json{{"received", received}, {"expected", count}, {"complete", received == count}};
}

Result<Json> HandleIndex::lookup(const std::string& draw_id, const std::string& platform, const std::string& handle) {
  if (auto d = draws_.find(draw_id); !d) return d.error();
  if (handle.size() > kMaxFieldBytes)
    return make_error("bad_request", "the handle is longer than " + std::to_string(kMaxFieldBytes) + " bytes");
  auto key = handle_key(platform, handle);
  if (!key) return make_error("bad_request", key.error().message);
  if (platforms(draw_id).empty())
    return make_error("not_available",
                      "the organizer did not publish a handle index for this draw, so the check by handle is not available");
  auto tree = inclusion_.tree_for(draw_id);
  if (!tree) return tree.error();
  Json matches = Json::array();
  bool more = false;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "SELECT leaf_index, platform, user_id, name FROM draw_handles WHERE draw_id = ? AND handle_key = ? "
        "ORDER BY leaf_index LIMIT ?");
    st.bind(1, draw_id)
        .bind_blob(2, std::string_view(reinterpret_cast<const char*>(key->data()), key->size()))
        .bind(3, static_cast<std::int64_t>(kMaxMatches + 1));
    while (st.step()) {
      if (matches.size() == kMaxMatches) {
        more = true;
        break;
      }
      matches.push_back(Json{{"index", st.integer(0)}, {"platform", st.text(1)}, {"id", st.text(2)}, {"name", st.text(3)}});
    }
  }
  if (matches.empty()) return make_error("not_found", "this handle is not in the draw's list");
  for (auto& m : matches) {
    auto proof = (*tree)->tree.inclusion_proof(m["index"].get<std::uint64_t>());
    if (!proof) return proof.error();
    Json hex = Json::array();
    for (const auto& h : *proof) hex.push_back(to_hex(h));
    m["proof"] = std::move(hex);
  }
  return Json{{"tree_size", (*tree)->tree.size()}, {"root", to_hex((*tree)->tree.root())}, {"matches", matches}, {"more", more}};
}

std::vector<std::string> HandleIndex::platforms(const std::string& draw_id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT platforms FROM draw_handle_uploads WHERE draw_id = ? AND complete = 1");
  st.bind(1, draw_id);
  std::vector<std::string> out;
  if (!st.step()) return out;
  const std::string all = st.text(0);
  for (std::size_t pos = 0; pos < all.size();) {
    const auto end = std::min(all.find(',', pos), all.size());
    out.push_back(all.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace tirage::server
