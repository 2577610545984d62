#include "wasm/app/model/draw_session.hpp"

#include <algorithm>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/statements.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

namespace {

constexpr std::uint64_t kHashesPerChunk = (1 << 20) / 32;  // the server takes 1 MiB per request
// The server takes JSON bodies of at most 1 MiB and 20,000 handle entries per request.
constexpr std::size_t kHandleChunkEntries = 20'000;
constexpr std::size_t kHandleChunkBytes = 1'000'000;

double parse_time(const Json& j) {
  if (!j.is_string()) return 0;
  auto t = parse_rfc3339(j.get<std::string>());
  return t ? static_cast<double>(*t) : 0;
}

std::vector<std::uint64_t> indices(const Json& j) {
  std::vector<std::uint64_t> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_number_unsigned()) out.push_back(v.get<std::uint64_t>());
  return out;
}

Json picks(const std::vector<std::uint64_t>& chosen, const ParticipantsPipeline& list) {
  Json out = Json::array();
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    auto proof = list.tree().inclusion_proof(chosen[i]);
    if (!proof) return Json();
    out.push_back(pick_to_json(Pick{i + 1, chosen[i], list.list().entries[chosen[i]], *proof}));
  }
  return out;
}

}  // namespace

void DrawSession::commit(ApiClient& api, const Giveaway& g, const ParticipantsPipeline& list, double) {
  if (list.stage() != ParticipantsPipeline::Stage::ready) return fail(T("draw.error.list_not_ready"));
  if (!g.giveaway_url.empty() && !check_giveaway_url(g.giveaway_url)) return fail(T("details.giveaway_url_bad"));
  phase_ = Phase::committing;
  error_.clear();
  handle_check_ = g.handle_check;
  const Json body = create_draw_body(g, to_hex(list.tree().root()), list.list().entries.size());
  api.post("/api/v1/draws", body, [this, &api, &list, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    if (!r.ok()) return fail(r.message);
    draw_id_ = r.body.value("draw_id", "");
    draw_at_ = parse_time(r.body["draw_at"]);
    commitment_ = r.body["commitment"];
    weak_beacon_ = commitment_["statement"]["beacon"]["source"] == "local";
    phase_ = Phase::uploading;
    uploaded_ = 0;
    handles_started_ = false;
    handles_sent_ = 0;
    handle_error_.clear();
    if (handle_check_) {
      handle_plan_for(list);
    } else {
      handle_plan_ = HandleIndexPlan{};  // nothing to send
      handle_plan_root_.clear();
    }
    upload_next(api, list);
  });
}

void DrawSession::resume(ApiClient& api, const std::string& draw_id, const ParticipantsPipeline& list) {
  draw_id_ = draw_id;
  phase_ = Phase::waiting;
  in_flight_ = true;
  api.get("/api/v1/draws/" + draw_id, [this, &list, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    in_flight_ = false;
    if (!r.ok()) return fail(r.message);
    draw_at_ = parse_time(r.body["draw_at"]);
    commitment_ = r.body["commitment"];
    weak_beacon_ = r.body.value("weak_beacon", false);
    abandoned_ = r.body.value("status", "") == "abandoned";
    const Json& st = commitment_["statement"];
    if (list.stage() == ParticipantsPipeline::Stage::ready &&
        st.value("participants_root", "") != to_hex(list.tree().root()))
      return fail(T("draw.error.list_changed"));
    if (r.body.value("status", "") == "drawn") {
      const Json& result = r.body["result"]["statement"];
      for (const char* kind : {"winners", "alternates"}) {
        auto& out = std::string(kind) == "winners" ? winners_ : alternates_;
        out.clear();
        for (const auto& p : result[kind]) out.push_back(p.value("index", std::uint64_t{0}));
      }
      phase_ = Phase::published;
    }
  });
}

const HandleIndexPlan& DrawSession::handle_plan_for(const ParticipantsPipeline& list) {
  const std::string root = to_hex(list.tree().root());
  if (root != handle_plan_root_) {
    handle_plan_ = plan_handle_index(list.list().entries);
    handle_plan_root_ = root;
  }
  return handle_plan_;
}

float DrawSession::upload_progress() const {
  if (uploading_handles())
    return handle_plan_.indices.empty() ? 1.f : static_cast<float>(handles_sent_) / static_cast<float>(handle_plan_.indices.size());
  const Json& st = commitment_.is_object() ? commitment_["statement"] : Json();
  const double total = st.is_object() ? st.value("participants_count", 0.0) : 0.0;
  return total > 0 ? static_cast<float>(uploaded_ / total) : 1.f;
}

void DrawSession::upload_next(ApiClient& api, const ParticipantsPipeline& list) {
  const std::uint64_t n = list.tree().size();
  if (uploaded_ >= n) {
    handles_started_ = !handle_plan_.indices.empty();
    if (handles_started_) return upload_handles_next(api, list);
    phase_ = Phase::waiting;
    return;
  }
  const std::uint64_t stop = std::min(n, uploaded_ + kHashesPerChunk);
  std::string bytes;
  bytes.reserve((stop - uploaded_) * 32);
  for (std::uint64_t i = uploaded_; i < stop; ++i) {
    const Hash h = leaf_hash(leaf(list.list().entries[i]));
    bytes.append(reinterpret_cast<const char*>(h.data()), h.size());
  }
  const std::string path = "/api/v1/draws/" + draw_id_ + "/leaves?offset=" + std::to_string(uploaded_ * 32);
  api.post_bytes(path, bytes, [this, &api, &list, stop, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    if (!r.ok()) return fail(T("draw.error.upload", {{"reason", r.message}}));
    uploaded_ = stop;
    upload_next(api, list);
  });
}

// The handle index goes once every leaf hash is there: the server checks each entry against them.
void DrawSession::upload_handles_next(ApiClient& api, const ParticipantsPipeline& list) {
  if (handles_sent_ >= handle_plan_.indices.size()) {
    phase_ = Phase::waiting;
    return;
  }
  std::size_t next = handles_sent_;
  Json body = handle_index_chunk(list.list().entries, handle_plan_, next, kHandleChunkEntries, kHandleChunkBytes);
  const std::string path = "/api/v1/draws/" + draw_id_ + "/handles?offset=" + std::to_string(handles_sent_);
  api.post(path, body, [this, &api, &list, next, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    if (!r.ok()) {
      // The draw goes on without it: participants can still check their exact entry.
      handle_error_ = T("draw.error.upload_handles", {{"reason", r.message}});
      phase_ = Phase::waiting;
      return;
    }
    handles_sent_ = next;
    upload_handles_next(api, list);
  });
}

void DrawSession::tick(ApiClient& api, const ParticipantsPipeline& list, double now) {
  if (phase_ != Phase::waiting || in_flight_ || now < std::max(draw_at_, next_poll_)) return;
  phase_ = Phase::selecting;
  api.get("/api/v1/draws/" + draw_id_ + "/selection", [this, now, &list, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    if (r.status == 409 && r.code == "not_yet") {
      phase_ = Phase::waiting;
      next_poll_ = now + std::clamp(r.retry_after.empty() ? 1.0 : std::atof(r.retry_after.c_str()), 0.5, 30.0);
      return;
    }
    if (!r.ok()) {
      phase_ = Phase::waiting;  // keep trying: the beacon may come late
      next_poll_ = now + 3;
      error_ = r.message;
      return;
    }
    error_.clear();
    seed_ = r.body.value("seed", "");
    winners_ = indices(r.body["winners"]);
    alternates_ = indices(r.body["alternates"]);
    const std::uint64_t n = list.list().entries.size();
    for (auto i : winners_)
      if (i >= n) return fail(T("draw.error.list_changed"));
    phase_ = Phase::drawn;
  });
}

void DrawSession::publish(ApiClient& api, const ParticipantsPipeline& list) {
  if (phase_ != Phase::drawn && phase_ != Phase::failed) return;
  Json w = picks(winners_, list), a = picks(alternates_, list);
  if (w.is_null() || a.is_null()) return fail(T("draw.error.list_changed"));
  phase_ = Phase::publishing;
  api.post("/api/v1/draws/" + draw_id_ + "/result", Json{{"winners", w}, {"alternates", a}}, [this, gen = generation_](ApiReply r) {
    if (gen != generation_) return;  // another giveaway's draw now
    if (!r.ok()) {
      error_ = r.message;
      phase_ = Phase::drawn;  // the organizer can try again
      return;
    }
    error_.clear();
    phase_ = Phase::published;
  });
}

}  // namespace tirage::app
