#include "wasm/app/model/handle_index.hpp"

#include "shared/protocol/handle_key.hpp"

namespace tirage::app {

HandleIndexPlan plan_handle_index(const std::vector<Entry>& entries) {
  HandleIndexPlan plan;
  for (std::uint64_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (e.platform == "list") continue;
    // The server refuses such entries (and an index missing one would say "not in the list" wrongly, so none is sent).
    if (e.id.size() > kMaxHandleFieldBytes || e.name.size() > kMaxHandleFieldBytes || !normalize_handle(e.name)) {
      ++plan.left_out;
      continue;
    }
    plan.indices.push_back(i);
    plan.platforms.insert(e.platform);
  }
  return plan;
}

Json handle_index_chunk(const std::vector<Entry>& entries, const HandleIndexPlan& plan, std::size_t& from,
                        std::size_t max_entries, std::size_t max_bytes) {
  Json list = Json::array();
  std::size_t bytes = 32;
  while (from < plan.indices.size() && list.size() < max_entries) {
    const Entry& e = entries[plan.indices[from]];
    Json item{{"index", plan.indices[from]}, {"platform", e.platform}, {"id", e.id}, {"name", e.name}};
    const std::size_t size = item.dump().size() + 1;  // as sent, with its comma
    if (!list.empty() && bytes + size > max_bytes) break;
    list.push_back(std::move(item));
    bytes += size;
    ++from;
  }
  return Json{{"count", plan.indices.size()}, {"entries", std::move(list)}};
}

}  // namespace tirage::app
