#include "shared/protocol/statements.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/protocol_fields.hpp"

namespace tirage {

namespace {

// A signed result's "winners" or "alternates" (an array): every pick states its rank
// (docs/protocol.md section 5); only the API's result body may leave it out,
// the server then numbers them.
Result<std::vector<Pick>> picks_from_json(const Json& picks, const std::string& field) {
  std::vector<Pick> out;
  out.reserve(picks.size());
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const std::string where = "result." + field + "[" + std::to_string(i) + "]";
    auto p = pick_from_json(picks[i], where);
    if (!p) return p.error();
    if (p->rank == 0) return make_error("bad_pick", where + ".rank: missing or 0, wanted positive integer");
    out.push_back(std::move(*p));
  }
  return out;
}

Json picks_to_json(const std::vector<Pick>& picks) {
  Json arr = Json::array();
  for (const auto& p : picks) arr.push_back(pick_to_json(p));
  return arr;
}

}  // namespace

Result<Commitment> parse_commitment(const Json& s) {
  StrictJsonReader in("bad_statement");
  JsonFields o = in.object(s, "commitment");
  read_constant(o, "type", kCommitmentType);
  Commitment c;
  c.draw_id = o.string("draw_id");
  c.giveaway_id = o.string("giveaway_id");
  c.title = o.string("title");
  c.organizer = o.string("organizer");
  c.participants_root = read_hash(o, "participants_root");
  c.participants_count = o.uint("participants_count");
  c.winners = o.uint("winners");
  c.alternates = o.uint("alternates");
  c.committed_at = read_time(o, "committed_at");
  c.rules = o.object("rules").json();
  c.beacon = o.object("beacon").json();
  // Optional fields, added after v1 shipped (commitments without them still parse).
  c.publish_by = read_optional_time(o, "publish_by");
  const Json* sources = o.optional_value("sources");
  auto giveaway_url = o.optional_string("giveaway_url");
  o.refuse_unknown();
  if (in.failed()) return in.error();
  TIRAGE_TRY(check_committed_beacon(c.beacon));
  if (c.winners < 1) return make_error("bad_statement", "commitment.winners: must be at least 1");
  if (c.alternates > c.participants_count || c.winners > c.participants_count - c.alternates)
    return make_error("bad_statement", "commitment.winners: plus alternates exceed participants_count");
  if (sources) {
    auto refs = post_refs_from_json(*sources);
    if (!refs) return make_error("bad_statement", "commitment field " + refs.error().message);
    c.sources = std::move(*refs);
  }
  if (giveaway_url) {
    c.giveaway_url = std::move(*giveaway_url);
    if (auto ok = check_giveaway_url(c.giveaway_url); !ok) return make_error("bad_statement", "commitment field " + ok.error().message);
  }
  return c;
}

namespace {

constexpr std::size_t kMaxSources = 20, kMaxPostId = 200, kMaxGiveawayUrl = 500;

bool printable_ascii(const std::string& s, bool spaces) {
  for (unsigned char ch : s)
    if (ch < (spaces ? 0x20 : 0x21) || ch > 0x7e) return false;
  return true;
}

}  // namespace

Result<std::vector<PostRef>> post_refs_from_json(const Json& sources) {
  auto bad = [](const std::string& why) { return make_error("bad_sources", why); };
  if (!sources.is_array()) return bad("\"sources\" must be an array of {\"platform\", \"post_id\"}");
  if (sources.empty()) return bad("\"sources\" must name at least one post (leave it out for files and pasted lists)");
  if (sources.size() > kMaxSources) return bad("\"sources\" has more than " + std::to_string(kMaxSources) + " posts");
  std::vector<PostRef> out;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Json& j = sources[i];
    const std::string where = "sources[" + std::to_string(i) + "]: ";
    if (!j.is_object()) return bad(where + "must be an object {\"platform\", \"post_id\"}");
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "platform" && it.key() != "post_id") return bad(where + "unknown field \"" + it.key().substr(0, 40) + "\"");
    PostRef ref;
    if (j.contains("platform") && j["platform"].is_string()) ref.platform = j["platform"].get<std::string>();
    if (ref.platform != "instagram" && ref.platform != "facebook" && ref.platform != "x" && ref.platform != "youtube" &&
        ref.platform != "tiktok")
      return bad(where + "\"platform\" must be one of instagram, facebook, x, youtube, tiktok");
    if (!j.contains("post_id") || !j["post_id"].is_string()) return bad(where + "\"post_id\" must be a string");
    ref.post_id = j["post_id"].get<std::string>();
    if (ref.post_id.empty() || ref.post_id.size() > kMaxPostId)
      return bad(where + "\"post_id\" must have 1 to " + std::to_string(kMaxPostId) + " bytes");
    if (!printable_ascii(ref.post_id, true)) return bad(where + "\"post_id\" must be printable ASCII");
    for (std::size_t k = 0; k < out.size(); ++k)
      if (out[k] == ref) return bad(where + "repeats sources[" + std::to_string(k) + "]");
    out.push_back(std::move(ref));
  }
  return out;
}

Json post_refs_to_json(const std::vector<PostRef>& refs) {
  Json out = Json::array();
  for (const auto& r : refs) out.push_back(Json{{"platform", r.platform}, {"post_id", r.post_id}});
  return out;
}

Status check_giveaway_url(const std::string& url) {
  auto bad = [](const std::string& why) { return make_error("bad_giveaway_url", "\"giveaway_url\" " + why); };
  if (url.size() > kMaxGiveawayUrl) return bad("must have at most " + std::to_string(kMaxGiveawayUrl) + " bytes");
  if (url.rfind("https://", 0) != 0 || url.size() <= 8 || url[8] == '/')
    return bad("must be an https:// link to the giveaway post");
  if (!printable_ascii(url, false)) return bad("must be printable ASCII without spaces (percent-encode the rest)");
  return {};
}

Result<Hash> statement_hash(const Json& statement) {
  auto bytes = jcs(statement);
  if (!bytes) return bytes.error();
  return sha256(*bytes);
}

Json pick_to_json(const Pick& p) {
  Json proof = Json::array();
  for (const auto& h : p.proof) proof.push_back(to_hex(h));
  return Json{{"rank", p.rank}, {"index", p.index}, {"entry", entry_to_json(p.entry)}, {"proof", proof}};
}

Result<Pick> pick_from_json(const Json& j, const std::string& where) {
  StrictJsonReader in("bad_pick");
  JsonFields o = in.object(j, where);
  Pick p;
  p.rank = o.optional_uint("rank").value_or(0);  // 0: not stated
  p.index = o.uint("index");
  const Json& entry = o.object("entry").json();
  p.proof = read_hashes(o, "proof");
  o.refuse_unknown();
  if (in.failed()) return in.error();
  auto e = entry_from_json(entry, o.path("entry"));
  if (!e) return make_error("bad_pick", e.error().message);
  p.entry = std::move(*e);
  return p;
}

Status check_picks(const Commitment& c, const std::vector<std::uint64_t>& indices, const std::vector<Pick>& picks,
                   const char* which) {
  if (picks.size() != indices.size())
    return make_error("wrong_picks", std::string(which) + ": expected " + std::to_string(indices.size()) +
                                         " entries, got " + std::to_string(picks.size()));
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const Pick& p = picks[i];
    const std::string where = std::string(which) + " rank " + std::to_string(i + 1);
    if (p.rank != 0 && p.rank != i + 1)
      return make_error("wrong_picks", where + ": rank is " + std::to_string(p.rank));
    if (p.index != indices[i])
      return make_error("wrong_picks", where + ": index " + std::to_string(p.index) + " is not the selected index " +
                                           std::to_string(indices[i]));
    auto normalized = normalize_entry(p.entry);
    if (!normalized || !(*normalized == p.entry))
      return make_error("bad_entry", where + ": the entry is not in normalized form");
    if (!verify_inclusion(leaf_hash(leaf(p.entry)), p.index, c.participants_count, p.proof, c.participants_root))
      return make_error("bad_proof", where + ": the inclusion proof of index " + std::to_string(p.index) +
                                         " does not lead to participants_root");
  }
  return {};
}

Json make_result_statement(const Commitment& c, const Hash& commitment_hash, const ResultInputs& in) {
  auto ranked = [](std::vector<Pick> picks) {
    for (std::size_t i = 0; i < picks.size(); ++i) picks[i].rank = i + 1;
    return picks_to_json(picks);
  };
  return Json{{"type", kResultType},
              {"draw_id", c.draw_id},
              {"commitment_hash", to_hex(commitment_hash)},
              {"beacon", in.beacon},
              {"seed", to_hex(in.seed)},
              {"winners", ranked(in.winners)},
              {"alternates", ranked(in.alternates)},
              {"drawn_at", format_rfc3339(in.drawn_at)}};
}

Result<DrawResult> parse_result(const Json& s) {
  StrictJsonReader in("bad_statement");
  JsonFields o = in.object(s, "result");
  read_constant(o, "type", kResultType);
  DrawResult d;
  d.draw_id = o.string("draw_id");
  d.commitment_hash = read_hash(o, "commitment_hash");
  d.seed = read_hash(o, "seed");
  d.drawn_at = read_time(o, "drawn_at");
  d.beacon = o.object("beacon").json();
  const Json& winners = o.array("winners").json();
  const Json& alternates = o.array("alternates").json();
  o.refuse_unknown();
  if (in.failed()) return in.error();
  TIRAGE_TRY_ASSIGN(d.winners, picks_from_json(winners, "winners"));
  TIRAGE_TRY_ASSIGN(d.alternates, picks_from_json(alternates, "alternates"));
  return d;
}

Result<Substitution> parse_substitution(const Json& s) {
  StrictJsonReader in("bad_statement");
  JsonFields o = in.object(s, "substitution");
  read_constant(o, "type", kSubstitutionType);
  Substitution sub;
  sub.draw_id = o.string("draw_id");
  sub.result_hash = read_hash(o, "result_hash");
  sub.replaced_rank = o.uint("replaced_rank");
  sub.alternate_rank = o.uint("alternate_rank");
  sub.reason = o.string("reason");
  sub.substituted_at = read_time(o, "substituted_at");
  o.refuse_unknown();
  return in.finish(std::move(sub));
}

Json make_substitution_statement(const Substitution& s) {
  return Json{{"type", kSubstitutionType},         {"draw_id", s.draw_id},
              {"result_hash", to_hex(s.result_hash)}, {"replaced_rank", s.replaced_rank},
              {"alternate_rank", s.alternate_rank},   {"reason", s.reason},
              {"substituted_at", format_rfc3339(s.substituted_at)}};
}

Status check_substitution_order(const std::vector<Substitution>& subs, std::uint64_t winners,
                                std::uint64_t alternates) {
  for (std::size_t i = 0; i < subs.size(); ++i) {
    const auto& s = subs[i];
    const std::string where = "substitution " + std::to_string(i + 1);
    if (s.replaced_rank < 1 || s.replaced_rank > winners)
      return make_error("bad_substitution", where + ": replaced_rank " + std::to_string(s.replaced_rank) +
                                                " is not a winner rank (1.." + std::to_string(winners) + ")");
    if (i + 1 > alternates)
      return make_error("bad_substitution", where + ": no alternate is left");
    if (s.alternate_rank != i + 1)
      return make_error("bad_substitution", where + ": takes alternate rank " + std::to_string(s.alternate_rank) +
                                                " but the lowest unused is " + std::to_string(i + 1));
    if (s.reason.empty()) return make_error("bad_substitution", where + ": the reason is empty");
  }
  return {};
}

Json make_tree_head_statement(const TreeHead& h) {
  return Json{{"type", kTreeHeadType},
              {"tree_size", h.tree_size},
              {"root_hash", to_hex(h.root_hash)},
              {"timestamp", format_rfc3339(h.timestamp)}};
}

Result<TreeHead> parse_tree_head(const Json& s) {
  StrictJsonReader in("bad_statement");
  JsonFields o = in.object(s, "tree head");
  read_constant(o, "type", kTreeHeadType);
  TreeHead h;
  h.tree_size = o.uint("tree_size");
  h.root_hash = read_hash(o, "root_hash");
  h.timestamp = read_time(o, "timestamp");
  o.refuse_unknown();
  return in.finish(h);
}

Json make_key_endorsement_statement(const KeyEndorsement& e) {
  return Json{{"type", kKeyEndorsementType},
              {"key_id", e.key_id},
              {"public_key", to_hex(e.public_key)},
              {"valid_from", format_rfc3339(e.valid_from)},
              {"previous_key_id", e.previous_key_id},
              {"previous_valid_until", format_rfc3339(e.previous_valid_until)}};
}

Result<KeyEndorsement> parse_key_endorsement(const Json& s) {
  StrictJsonReader in("bad_statement");
  JsonFields o = in.object(s, "key endorsement");
  read_constant(o, "type", kKeyEndorsementType);
  KeyEndorsement e;
  e.key_id = o.string("key_id");
  const std::string pub = o.string("public_key");
  if (o.ok()) {
    auto bytes = from_hex(pub);
    if (!bytes || bytes->size() != 32) o.fail("public_key", "got " + describe_json(Json(pub)) + ", wanted 32 bytes of hex");
    else e.public_key = std::move(*bytes);
  }
  e.valid_from = read_time(o, "valid_from");
  e.previous_key_id = o.string("previous_key_id");
  e.previous_valid_until = read_time(o, "previous_valid_until");
  o.refuse_unknown();
  return in.finish(std::move(e));
}

}  // namespace tirage
