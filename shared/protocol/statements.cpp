#include "shared/protocol/statements.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage {

namespace {

// Field readers that name the statement and field in their errors.
struct Reader {
  const Json& obj;
  const char* what;

  Error bad(const std::string& field, const std::string& why) const {
    return make_error("bad_statement", std::string(what) + " field \"" + field + "\" " + why);
  }
  Result<std::string> str(const char* f) const {
    if (!obj.contains(f) || !obj[f].is_string()) return bad(f, "must be a string");
    return obj[f].get<std::string>();
  }
  Result<std::uint64_t> uint(const char* f) const {
    // Parsed JSON stores non-negative integers as unsigned; JSON built in code may hold them signed.
    const bool ok = obj.contains(f) && (obj[f].is_number_unsigned() || (obj[f].is_number_integer() && obj[f].get<std::int64_t>() >= 0));
    if (!ok) return bad(f, "must be a non-negative integer");
    return obj[f].get<std::uint64_t>();
  }
  Result<Hash> hash(const char* f) const {
    auto s = str(f);
    if (!s) return s.error();
    auto h = hash_from_hex(*s);
    if (!h) return bad(f, h.error().message);
    return *h;
  }
  Result<UnixSeconds> time(const char* f) const {
    auto s = str(f);
    if (!s) return s.error();
    auto t = parse_rfc3339(*s);
    if (!t) return bad(f, t.error().message);
    return *t;
  }
  Status type(const char* expected) const {
    auto t = str("type");
    if (!t) return t.error();
    if (*t != expected) return bad("type", std::string("must be \"") + expected + "\"");
    return {};
  }
  Status only(std::initializer_list<const char*> fields) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool known = false;
      for (const char* f : fields) known = known || it.key() == f;
      if (!known) return make_error("bad_statement", std::string(what) + " has an unknown field \"" + it.key().substr(0, 40) + "\"");
    }
    return {};
  }
};

Result<std::vector<Pick>> picks_from_json(const Json& obj, const char* field) {
  if (!obj.contains(field) || !obj[field].is_array())
    return make_error("bad_statement", std::string("field \"") + field + "\" must be an array");
  std::vector<Pick> out;
  for (std::size_t i = 0; i < obj[field].size(); ++i) {
    const std::string where = std::string(field) + "[" + std::to_string(i) + "]";
    auto p = pick_from_json(obj[field][i], where);
    if (!p) return p.error();
    // In a signed result every pick states its rank (docs/protocol.md section 5);
    // only the API's result body may leave it out, the server then numbers them.
    if (p->rank == 0) return make_error("bad_pick", where + ": \"rank\" must be a positive integer");
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
  if (!s.is_object()) return make_error("bad_statement", "a commitment must be a JSON object");
  Reader r{s, "commitment"};
  TIRAGE_TRY(r.type(kCommitmentType));
  TIRAGE_TRY(r.only({"type", "draw_id", "giveaway_id", "title", "organizer", "participants_root", "participants_count",
              "winners", "alternates", "rules", "beacon", "committed_at", "publish_by", "sources", "giveaway_url"}));
  Commitment c;
  TIRAGE_TRY_ASSIGN(c.draw_id, r.str("draw_id"));
  TIRAGE_TRY_ASSIGN(c.giveaway_id, r.str("giveaway_id"));
  TIRAGE_TRY_ASSIGN(c.title, r.str("title"));
  TIRAGE_TRY_ASSIGN(c.organizer, r.str("organizer"));
  TIRAGE_TRY_ASSIGN(c.participants_root, r.hash("participants_root"));
  TIRAGE_TRY_ASSIGN(c.participants_count, r.uint("participants_count"));
  TIRAGE_TRY_ASSIGN(c.winners, r.uint("winners"));
  TIRAGE_TRY_ASSIGN(c.alternates, r.uint("alternates"));
  TIRAGE_TRY_ASSIGN(c.committed_at, r.time("committed_at"));
  if (!s.contains("rules") || !s["rules"].is_object()) return r.bad("rules", "must be an object");
  c.rules = s["rules"];
  if (!s.contains("beacon")) return r.bad("beacon", "is missing");
  TIRAGE_TRY(check_committed_beacon(s["beacon"]));
  c.beacon = s["beacon"];
  if (c.winners < 1) return r.bad("winners", "must be at least 1");
  if (c.alternates > c.participants_count || c.winners > c.participants_count - c.alternates)
    return r.bad("winners", "plus alternates exceed participants_count");
  // Optional fields, added after v1 shipped (commitments without them still parse).
  if (s.contains("publish_by")) TIRAGE_TRY_ASSIGN(c.publish_by, r.time("publish_by"));
  if (s.contains("sources")) {
    auto refs = post_refs_from_json(s["sources"]);
    if (!refs) return make_error("bad_statement", "commitment field " + refs.error().message);
    c.sources = std::move(*refs);
  }
  if (s.contains("giveaway_url")) {
    TIRAGE_TRY_ASSIGN(c.giveaway_url, r.str("giveaway_url"));
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
  auto bad = [&](const std::string& why) { return make_error("bad_pick", where + ": " + why); };
  if (!j.is_object()) return bad("must be an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "rank" && it.key() != "index" && it.key() != "entry" && it.key() != "proof")
      return bad("unknown field \"" + it.key().substr(0, 40) + "\"");
  Pick p;
  if (j.contains("rank")) {
    if (!j["rank"].is_number_unsigned()) return bad("\"rank\" must be a positive integer");
    p.rank = j["rank"].get<std::uint64_t>();
  }
  if (!j.contains("index") || !j["index"].is_number_unsigned()) return bad("\"index\" must be a non-negative integer");
  p.index = j["index"].get<std::uint64_t>();
  if (!j.contains("entry")) return bad("\"entry\" is missing");
  auto e = entry_from_json(j["entry"]);
  if (!e) return bad("\"entry\": " + e.error().message);
  p.entry = std::move(*e);
  if (!j.contains("proof") || !j["proof"].is_array()) return bad("\"proof\" must be an array of hex hashes");
  for (std::size_t i = 0; i < j["proof"].size(); ++i) {
    if (!j["proof"][i].is_string()) return bad("\"proof\"[" + std::to_string(i) + "] must be a hex string");
    auto h = hash_from_hex(j["proof"][i].get<std::string>());
    if (!h) return bad("\"proof\"[" + std::to_string(i) + "]: " + h.error().message);
    p.proof.push_back(*h);
  }
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
  if (!s.is_object()) return make_error("bad_statement", "a result must be a JSON object");
  Reader r{s, "result"};
  TIRAGE_TRY(r.type(kResultType));
  TIRAGE_TRY(r.only({"type", "draw_id", "commitment_hash", "beacon", "seed", "winners", "alternates", "drawn_at"}));
  DrawResult d;
  TIRAGE_TRY_ASSIGN(d.draw_id, r.str("draw_id"));
  TIRAGE_TRY_ASSIGN(d.commitment_hash, r.hash("commitment_hash"));
  TIRAGE_TRY_ASSIGN(d.seed, r.hash("seed"));
  TIRAGE_TRY_ASSIGN(d.drawn_at, r.time("drawn_at"));
  if (!s.contains("beacon") || !s["beacon"].is_object()) return r.bad("beacon", "must be an object");
  d.beacon = s["beacon"];
  TIRAGE_TRY_ASSIGN(d.winners, picks_from_json(s, "winners"));
  TIRAGE_TRY_ASSIGN(d.alternates, picks_from_json(s, "alternates"));
  return d;
}

Result<Substitution> parse_substitution(const Json& s) {
  if (!s.is_object()) return make_error("bad_statement", "a substitution must be a JSON object");
  Reader r{s, "substitution"};
  TIRAGE_TRY(r.type(kSubstitutionType));
  TIRAGE_TRY(r.only({"type", "draw_id", "result_hash", "replaced_rank", "alternate_rank", "reason", "substituted_at"}));
  Substitution sub;
  TIRAGE_TRY_ASSIGN(sub.draw_id, r.str("draw_id"));
  TIRAGE_TRY_ASSIGN(sub.result_hash, r.hash("result_hash"));
  TIRAGE_TRY_ASSIGN(sub.replaced_rank, r.uint("replaced_rank"));
  TIRAGE_TRY_ASSIGN(sub.alternate_rank, r.uint("alternate_rank"));
  TIRAGE_TRY_ASSIGN(sub.reason, r.str("reason"));
  TIRAGE_TRY_ASSIGN(sub.substituted_at, r.time("substituted_at"));
  return sub;
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
  if (!s.is_object()) return make_error("bad_statement", "a tree head must be a JSON object");
  Reader r{s, "tree head"};
  TIRAGE_TRY(r.type(kTreeHeadType));
  TIRAGE_TRY(r.only({"type", "tree_size", "root_hash", "timestamp"}));
  TreeHead h;
  TIRAGE_TRY_ASSIGN(h.tree_size, r.uint("tree_size"));
  TIRAGE_TRY_ASSIGN(h.root_hash, r.hash("root_hash"));
  TIRAGE_TRY_ASSIGN(h.timestamp, r.time("timestamp"));
  return h;
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
  if (!s.is_object()) return make_error("bad_statement", "a key endorsement must be a JSON object");
  Reader r{s, "key endorsement"};
  TIRAGE_TRY(r.type(kKeyEndorsementType));
  TIRAGE_TRY(r.only({"type", "key_id", "public_key", "valid_from", "previous_key_id", "previous_valid_until"}));
  KeyEndorsement e;
  TIRAGE_TRY_ASSIGN(e.key_id, r.str("key_id"));
  std::string pub;
  TIRAGE_TRY_ASSIGN(pub, r.str("public_key"));
  auto bytes = from_hex(pub);
  if (!bytes || bytes->size() != 32) return r.bad("public_key", "must be 32 bytes of hex");
  e.public_key = std::move(*bytes);
  TIRAGE_TRY_ASSIGN(e.valid_from, r.time("valid_from"));
  TIRAGE_TRY_ASSIGN(e.previous_key_id, r.str("previous_key_id"));
  TIRAGE_TRY_ASSIGN(e.previous_valid_until, r.time("previous_valid_until"));
  return e;
}

}  // namespace tirage
