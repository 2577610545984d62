#include "wasm/app/model/draw_body.hpp"

#include "shared/protocol/statements.hpp"

namespace tirage::app {

Json committed_sources(const Giveaway& g) {
  if (g.source != SourceKind::post || g.imported_post.empty()) return Json();
  auto refs = post_refs_from_json(Json::array({Json{{"platform", g.platform}, {"post_id", g.imported_post}}}));
  return refs ? post_refs_to_json(*refs) : Json();  // a platform the protocol does not name: said nowhere rather than refused
}

Json create_draw_body(const Giveaway& g, const std::string& participants_root, std::uint64_t participants_count) {
  Json body{{"giveaway_id", g.giveaway_id},
            {"title", g.title},
            {"participants_root", participants_root},
            {"participants_count", participants_count},
            {"winners", g.winners},
            {"alternates", g.alternates},
            {"rules", committed_rules(g)},
            {"beacon", Json{{"source", g.local_beacon ? "local" : "drand"}}}};
  if (!g.scheduled_at.empty()) body["scheduled_at"] = g.scheduled_at;
  if (Json sources = committed_sources(g); !sources.is_null()) body["sources"] = std::move(sources);
  if (!g.giveaway_url.empty()) body["giveaway_url"] = g.giveaway_url;
  return body;
}

}  // namespace tirage::app
