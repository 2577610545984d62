#include "server/draws/draw_service.hpp"

#include <algorithm>
#include <limits>

#include "server/draws/related_draws.hpp"
#include "server/random.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/selection.hpp"
#include "shared/protocol/unicode.hpp"

namespace tirage::server {

namespace {

constexpr UnixSeconds kMinLead = 10;                   // docs/protocol.md: beacon at least 10 s after committed_at
constexpr UnixSeconds kMaxSchedule = 366 * 86400;      // a draw can be scheduled up to a year ahead
constexpr std::size_t kMaxRelated = 200;               // related commitments listed with a draw
constexpr UnixSeconds kViewTtl = 60;                   // a cached view is rebuilt at least this often

Error bad(const std::string& message) { return make_error("bad_request", message); }

Status only_fields(const Json& body, std::initializer_list<const char*> allowed, const char* what) {
  if (!body.is_object()) return bad(std::string(what) + " must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (const char* f : allowed) ok = ok || it.key() == f;
    if (!ok) return bad(std::string(what) + " has an unknown field \"" + it.key().substr(0, 40) + "\"");
  }
  return {};
}

Result<std::string> bounded_string(const Json& body, const char* field, std::size_t max_bytes) {
  if (!body.contains(field) || !body[field].is_string()) return bad(std::string("\"") + field + "\" must be a string");
  std::string s = body[field].get<std::string>();
  if (s.empty() || s.size() > max_bytes)
    return bad(std::string("\"") + field + "\" must have 1 to " + std::to_string(max_bytes) + " bytes");
  if (auto ok = check_utf8(s); !ok) return bad(std::string("\"") + field + "\": " + ok.error().message);
  return s;
}

DrawRecord read_draw(Statement& st) {
  DrawRecord d;
  d.id = st.text(0);
  d.organizer_id = st.text(1);
  d.giveaway_id = st.text(2);
  d.commitment = *parse_json(st.text(3));
  d.draw_at = st.integer(4);
  if (!st.is_null(5)) d.local_secret = st.text(5);
  if (!st.is_null(6)) d.beacon = *parse_json(st.text(6));
  if (!st.is_null(7)) d.result = *parse_json(st.text(7));
  d.publish_by = st.optional_integer(8);
  return d;
}

constexpr const char* kDrawColumns =
    "id, organizer_id, giveaway_id, commitment, draw_at, local_secret, beacon, result, publish_by";

// A giveaway id belongs to the organizer who used it first; claim=true records
// this organizer as its owner when nobody is (inside the draw's transaction).
Status check_giveaway_owner(Database& db, const std::string& giveaway_id, const std::string& organizer_id, UnixSeconds now,
                            bool claim) {
  std::lock_guard lock(db.mutex());
  auto owner = db.prepare("SELECT organizer_id FROM giveaways WHERE id = ?");
  owner.bind(1, giveaway_id);
  if (owner.step()) {
    if (owner.text(0) == organizer_id) return {};
    return make_error("giveaway_taken", "the giveaway id " + giveaway_id + " belongs to another organizer; choose another id");
  }
  if (!claim) return {};
  auto st = db.prepare("INSERT INTO giveaways (id, organizer_id, created_at) VALUES (?, ?, ?)");
  st.bind(1, giveaway_id).bind(2, organizer_id).bind(3, now);
  return st.run();
}

}  // namespace

UnixSeconds DrawService::retry_after(const DrawRecord& d, UnixSeconds now) { return std::max<UnixSeconds>(1, d.draw_at - now); }

Result<CreatedDraw> DrawService::create(const Organizer& org, const Json& body, UnixSeconds now) {
  TIRAGE_TRY(only_fields(body,
                         {"giveaway_id", "title", "participants_root", "participants_count", "winners", "alternates",
                          "rules", "beacon", "scheduled_at", "sources", "giveaway_url"},
                         "the draw"));
  std::string giveaway_id, title;
  TIRAGE_TRY_ASSIGN(giveaway_id, bounded_string(body, "giveaway_id", 100));
  TIRAGE_TRY_ASSIGN(title, bounded_string(body, "title", 300));
  Json sources;  // null when the list did not come from posts
  if (body.contains("sources")) {
    auto refs = post_refs_from_json(body["sources"]);
    if (!refs) return bad(refs.error().message);
    sources = post_refs_to_json(*refs);
  }
  std::string giveaway_url;
  if (body.contains("giveaway_url")) {
    if (!body["giveaway_url"].is_string()) return bad("\"giveaway_url\" must be a string");
    giveaway_url = body["giveaway_url"].get<std::string>();
    if (auto ok = check_giveaway_url(giveaway_url); !ok) return bad(ok.error().message);
  }
  Json rules = body.contains("rules") ? body["rules"] : Json::object();
  if (!rules.is_object()) return bad("\"rules\" must be an object");
  if (!body.contains("beacon")) return bad("\"beacon\" is missing: {\"source\": \"drand\"} or {\"source\": \"local\"}");
  TIRAGE_TRY(only_fields(body["beacon"], {"source"}, "\"beacon\""));
  const std::string source = body["beacon"].value("source", "");
  if (source != "drand" && source != "local") return bad("\"beacon.source\" must be \"drand\" or \"local\"");

  UnixSeconds due = now + kMinLead;
  if (body.contains("scheduled_at")) {
    if (!body["scheduled_at"].is_string()) return bad("\"scheduled_at\" must be an RFC 3339 time");
    auto at = parse_rfc3339(body["scheduled_at"].get<std::string>());
    if (!at) return bad("\"scheduled_at\": " + at.error().message);
    if (*at < now + kMinLead) return bad("\"scheduled_at\" must be at least 10 seconds from now");
    if (*at > now + kMaxSchedule) return bad("\"scheduled_at\" must be within a year");
    due = *at;
  }

  // Said before anything is signed; checked again inside the transaction, where it counts.
  TIRAGE_TRY(check_giveaway_owner(db_, giveaway_id, org.id, now, false));

  const std::string draw_id = random_id("d_");
  Json beacon;
  std::optional<std::string> secret;
  UnixSeconds draw_at;
  if (source == "drand") {
    if (!drand_)
      return make_error("beacon_unavailable",
                        "this server runs without drand (no relay answered); use the local beacon, which is weaker");
    const DrandChain& chain = drand_->chain();
    const std::uint64_t round = drand_round_at_or_after(chain, due);
    beacon = Json{{"source", "drand"}, {"chain_hash", chain.chain_hash}, {"round", round}};
    draw_at = drand_round_time(chain, round);
  } else {
    const Bytes s = random_bytes(32);
    secret = to_hex(s);
    beacon = Json{{"source", "local"}, {"commit", to_hex(local_beacon_commit(s))}, {"reveal_at", format_rfc3339(due)}};
    draw_at = due;
  }

  const UnixSeconds publish_by = draw_at + publish_window_;
  Json statement{{"type", kCommitmentType}, {"draw_id", draw_id}, {"giveaway_id", giveaway_id}, {"title", title},
                 {"organizer", org.id},       {"rules", rules},     {"beacon", beacon},
                 {"committed_at", format_rfc3339(now)}, {"publish_by", format_rfc3339(publish_by)}};
  if (!sources.is_null()) statement["sources"] = sources;
  if (!giveaway_url.empty()) statement["giveaway_url"] = giveaway_url;
  for (const char* f : {"participants_root", "participants_count", "winners", "alternates"}) {
    if (!body.contains(f)) {
      if (std::string(f) == "alternates") {
        statement[f] = std::uint64_t{0};
        continue;
      }
      return bad(std::string("\"") + f + "\" is missing");
    }
    statement[f] = body[f];
  }
  auto commitment = parse_commitment(statement);
  if (!commitment) return bad(commitment.error().message);
  if (auto bytes = jcs(statement); !bytes) return bad(bytes.error().message);

  auto envelope = keys_.sign(statement);
  if (!envelope) return envelope.error();
  Status ok = log_.append({{*envelope, "commitment", draw_id}}, now, [&](const std::vector<std::uint64_t>& idx) -> Status {
    TIRAGE_TRY(check_giveaway_owner(db_, giveaway_id, org.id, now, true));
    auto st = db_.prepare(
        "INSERT INTO draws (id, organizer_id, giveaway_id, commitment, commitment_log_idx, draw_at, local_secret, "
        "created_at, participants_root, publish_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, draw_id)
        .bind(2, org.id)
        .bind(3, giveaway_id)
        .bind(4, envelope->dump())
        .bind(5, static_cast<std::int64_t>(idx[0]))
        .bind(6, draw_at)
        .bind_optional(7, secret)
        .bind(8, now)
        .bind(9, to_hex(commitment->participants_root))
        .bind(10, publish_by);
    TIRAGE_TRY(st.run());
    return sources.is_null() ? Status{} : store_sources(db_, draw_id, sources);
  });
  if (!ok) return ok.error();
  if (auto signed_head = sign_committed_head(draw_id, now); !signed_head) return signed_head.error();
  organizer_changed(org.id);
  return CreatedDraw{draw_id, *envelope, draw_at};
}

// Design E: a head signed right after the append, so the bundle can prove the
// commitment was in the log before the beacon existed (the head's timestamp
// is now, at least 10 s before the beacon's publication).
Status DrawService::sign_committed_head(const std::string& draw_id, UnixSeconds now) {
  auto head = log_.signed_head_with_size(now);
  if (!head) return head.error();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE draws SET committed_sth = ? WHERE id = ? AND committed_sth IS NULL");
  st.bind(1, head->first.dump()).bind(2, draw_id);
  return st.run();
}

Status DrawService::sign_missing_committed_heads(UnixSeconds now) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare("SELECT id FROM draws WHERE committed_sth IS NULL AND draw_at > ?");
    st.bind(1, now);
    while (st.step()) ids.push_back(st.text(0));
  }
  for (const auto& id : ids) TIRAGE_TRY(sign_committed_head(id, now));
  return {};
}

// log.committed for the bundle: the commit-time head, the commitment's path in
// it, and the consistency proof from it to the bundle's head; null when the
// draw has none (made before this version).
Result<Json> DrawService::committed_proofs(const std::string& draw_id, const Hash& commitment_leaf,
                                           const TreeHead& latest) const {
  std::optional<std::string> text;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare("SELECT committed_sth FROM draws WHERE id = ?");
    st.bind(1, draw_id);
    if (st.step() && !st.is_null(0)) text = st.text(0);
  }
  if (!text) return Json(nullptr);
  auto sth = parse_json(*text);
  if (!sth) return sth.error();
  auto head = parse_tree_head((*sth)["statement"]);
  if (!head) return head.error();
  auto index = log_.index_of(commitment_leaf);
  if (!index || *index >= head->tree_size || head->tree_size > latest.tree_size)
    return make_error("internal", "the commit-time log head of draw " + draw_id + " does not hold its commitment");
  auto proof = log_.inclusion_proof(*index, head->tree_size);
  if (!proof) return proof.error();
  auto consistency = log_.consistency_proof(head->tree_size, latest.tree_size);
  if (!consistency) return consistency.error();
  Json proof_hex = Json::array(), consistency_hex = Json::array();
  for (const auto& h : *proof) proof_hex.push_back(to_hex(h));
  for (const auto& h : *consistency) consistency_hex.push_back(to_hex(h));
  return Json{{"sth", *sth}, {"index", *index}, {"proof", proof_hex}, {"consistency", consistency_hex}};
}

Result<DrawRecord> DrawService::find(const std::string& draw_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kDrawColumns + " FROM draws WHERE id = ?");
  st.bind(1, draw_id);
  if (!st.step()) return make_error("not_found", "there is no draw " + draw_id.substr(0, 64));
  DrawRecord d = read_draw(st);
  auto subs = db_.prepare("SELECT envelope FROM substitutions WHERE draw_id = ? ORDER BY seq");
  subs.bind(1, draw_id);
  while (subs.step()) d.substitutions.push_back(*parse_json(subs.text(0)));
  return d;
}

Result<DrawRecord> DrawService::owned(const Organizer& org, const std::string& draw_id) const {
  auto d = find(draw_id);
  // Another organizer's draw answers exactly like a missing one.
  if (!d || d->organizer_id != org.id) return make_error("not_found", "there is no draw " + draw_id.substr(0, 64));
  return d;
}

Result<Json> DrawService::revealed_beacon(DrawRecord& d, UnixSeconds now) {
  if (d.beacon) return *d.beacon;
  const Json& committed = d.commitment["statement"]["beacon"];
  if (now < d.draw_at)
    return make_error("not_yet", "the beacon value does not exist yet; it is due at " + format_rfc3339(d.draw_at));
  Json revealed = committed;
  if (committed["source"] == "local") {
    revealed["secret"] = *d.local_secret;
  } else {
    if (!drand_) return make_error("beacon_unavailable", "this server cannot reach drand to fetch the beacon");
    auto round = drand_->round(committed["chain_hash"].get<std::string>(), committed["round"].get<std::uint64_t>());
    if (!round) return round.error();
    revealed["randomness"] = round->randomness;
    revealed["signature"] = round->signature;
  }
  if (auto value = beacon_value(committed, revealed); !value) return value.error();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE draws SET beacon = ? WHERE id = ? AND beacon IS NULL");
  st.bind(1, revealed.dump()).bind(2, d.id);
  if (auto ok = st.run(); !ok) return ok.error();
  d.beacon = revealed;
  return revealed;
}

Result<Json> DrawService::public_view(const std::string& draw_id, UnixSeconds now, UnixSeconds* valid_until) {
  auto d = find(draw_id);
  if (!d) return d.error();
  Json view{{"draw_id", d->id},
            {"giveaway_id", d->giveaway_id},
            {"commitment", d->commitment},
            {"draw_at", format_rfc3339(d->draw_at)},
            {"beacon", nullptr},
            {"result", d->result ? *d->result : Json(nullptr)},
            {"substitutions", d->substitutions}};
  const bool local = d->commitment["statement"]["beacon"]["source"] == "local";
  view["weak_beacon"] = local;
  if (local)
    view["beacon_note"] = "local beacon: the server drew the random value itself, so the server could have colluded; "
                          "a drand draw does not have this weakness";
  // Conveniences a script can recompute: H(JCS(commitment)) and the beacon value.
  view["commitment_hash"] = to_hex(*statement_hash(d->commitment["statement"]));
  auto beacon = revealed_beacon(*d, now);
  if (beacon) {
    view["beacon"] = *beacon;
    view["beacon_value"] = to_hex(*beacon_value(d->commitment["statement"]["beacon"], *beacon));
  } else if (beacon.error().code != "not_yet") view["beacon_error"] = beacon.error().message;
  view["publish_by"] = d->publish_by ? Json(format_rfc3339(*d->publish_by)) : Json(nullptr);
  const bool abandoned = draw_outcome(d->result.has_value(), d->publish_by, now) == "abandoned";
  view["status"] = d->result ? "drawn" : abandoned ? "abandoned" : beacon ? "ready" : "committed";
  // An abandoned draw shows what it drew: the organizer cannot keep that quiet.
  if (abandoned && beacon)
    if (auto sel = selection_of(*d, now)) view["selected"] = Json{{"winners", (*sel)["winners"]}, {"alternates", (*sel)["alternates"]}};
  bool truncated = false;
  auto related = related_list(*d, now, &truncated);
  if (!related) return related.error();
  view["related"] = std::move(related->first);
  view["related_truncated"] = truncated;
  if (valid_until) *valid_until = related->second;
  return view;
}

Result<std::shared_ptr<const std::string>> DrawService::public_view_text(const std::string& draw_id, UnixSeconds now) {
  auto generation = [this](const std::string& organizer) {  // with views_mu_ held
    auto it = organizer_generation_.find(organizer);
    return it == organizer_generation_.end() ? std::uint64_t{0} : it->second;
  };
  {
    std::shared_lock lock(views_mu_);
    if (auto it = views_.find(draw_id);
        it != views_.end() && now < it->second.valid_until && generation(it->second.organizer) == it->second.generation)
      return it->second.text;
  }
  // The generation is read before the view, so a draw committed meanwhile makes this copy stale, not lost.
  auto d = find(draw_id);
  if (!d) return d.error();
  std::uint64_t read_at = 0;
  {
    std::shared_lock lock(views_mu_);
    read_at = generation(d->organizer_id);
  }
  UnixSeconds related_changes_at = 0;
  auto view = public_view(draw_id, now, &related_changes_at);
  if (!view) return view.error();
  const UnixSeconds valid_until = std::min(now + kViewTtl, related_changes_at);
  auto text = std::make_shared<const std::string>(view->dump());
  if ((*view)["status"] == "drawn") {
    std::unique_lock lock(views_mu_);
    if (views_.size() > 100000) views_.clear();  // bound memory; entries are rebuilt on demand
    views_[draw_id] = CachedView{text, valid_until, d->organizer_id, read_at};
  }
  return text;
}

void DrawService::forget_view(const std::string& draw_id) {
  std::unique_lock lock(views_mu_);
  views_.erase(draw_id);
}

void DrawService::organizer_changed(const std::string& organizer_id) {
  std::unique_lock lock(views_mu_);
  if (organizer_generation_.size() > 100000) {  // bound memory: forgetting generations forgets the views read under them
    organizer_generation_.clear();
    views_.clear();
  }
  ++organizer_generation_[organizer_id];
}

Result<std::pair<Json, UnixSeconds>> DrawService::related_list(const DrawRecord& d, UnixSeconds now, bool* truncated) {
  auto rows = find_related(db_, d.id, kMaxRelated, truncated);
  if (!rows) return rows.error();
  Json out = Json::array();
  UnixSeconds changes_at = std::numeric_limits<UnixSeconds>::max();
  for (const auto& r : *rows) {
    const Json& st = r.commitment["statement"];
    const std::string status = draw_outcome(r.has_result, r.publish_by, now);
    Json item{{"draw_id", r.draw_id},
              {"giveaway_id", r.giveaway_id},
              {"title", st["title"]},
              {"committed_at", st["committed_at"]},
              {"publish_by", r.publish_by ? Json(format_rfc3339(*r.publish_by)) : Json(nullptr)},
              {"status", status},
              {"reasons", r.reasons}};
    if (status == "waiting" && r.publish_by) changes_at = std::min(changes_at, *r.publish_by + 1);
    if (status == "abandoned") {
      auto other = find(r.draw_id);
      auto sel = other ? selection_of(*other, now) : Result<Json>(other.error());
      if (sel)
        item["selected"] = Json{{"winners", (*sel)["winners"]}, {"alternates", (*sel)["alternates"]}};
      else
        item["selected_error"] = sel.error().message;  // e.g. drand unreachable: said, not hidden
    }
    out.push_back(std::move(item));
  }
  return std::make_pair(std::move(out), changes_at);
}

Result<Json> DrawService::related(const std::string& draw_id, UnixSeconds now) {
  auto d = find(draw_id);
  if (!d) return d.error();
  bool truncated = false;
  auto list = related_list(*d, now, &truncated);
  if (!list) return list.error();
  return Json{{"draw_id", d->id}, {"related", std::move(list->first)}, {"truncated", truncated}};
}

Result<Json> DrawService::selection(const std::string& draw_id, UnixSeconds now) {
  auto d = find(draw_id);
  if (!d) return d.error();
  return selection_of(*d, now);
}

Result<Json> DrawService::selection_of(DrawRecord& d, UnixSeconds now) {
  auto beacon = revealed_beacon(d, now);
  if (!beacon) return beacon.error();
  auto c = parse_commitment(d.commitment["statement"]);
  if (!c) return c.error();
  const Hash seed = draw_seed(*statement_hash(d.commitment["statement"]), *beacon_value(c->beacon, *beacon));
  auto sel = select_indices(seed, c->participants_count, c->winners, c->alternates);
  if (!sel) return sel.error();
  return Json{{"seed", to_hex(seed)}, {"winners", sel->winners}, {"alternates", sel->alternates}};
}

Result<Json> DrawService::publish_result(const Organizer& org, const std::string& draw_id, const Json& body,
                                         UnixSeconds now) {
  auto d = owned(org, draw_id);
  if (!d) return d.error();
  if (d->result) return *d->result;  // a draw has one result; asking again returns it
  if (d->publish_by && now > *d->publish_by)
    return make_error("deadline_passed", "the publication deadline of draw " + draw_id + " passed at " +
                                             format_rfc3339(*d->publish_by) +
                                             ": its result can no longer be published, and the draw is shown publicly "
                                             "as abandoned with the positions its beacon selected");
  TIRAGE_TRY(only_fields(body, {"winners", "alternates"}, "the result"));
  auto beacon = revealed_beacon(*d, now);
  if (!beacon) return beacon.error();
  auto c = parse_commitment(d->commitment["statement"]);
  if (!c) return c.error();
  const Hash commitment_hash = *statement_hash(d->commitment["statement"]);
  ResultInputs in;
  in.beacon = *beacon;
  in.seed = draw_seed(commitment_hash, *beacon_value(c->beacon, *beacon));
  in.drawn_at = std::max(now, d->draw_at);
  auto sel = select_indices(in.seed, c->participants_count, c->winners, c->alternates);
  if (!sel) return sel.error();
  for (auto [field, dest] : {std::pair{"winners", &in.winners}, {"alternates", &in.alternates}}) {
    if (!body.contains(field) || !body[field].is_array()) {
      if (std::string(field) == "alternates" && c->alternates == 0) continue;
      return bad(std::string("\"") + field + "\" must be an array of {index, entry, proof}");
    }
    for (std::size_t i = 0; i < body[field].size(); ++i) {
      auto p = pick_from_json(body[field][i], std::string(field) + "[" + std::to_string(i) + "]");
      if (!p) return bad(p.error().message);
      dest->push_back(std::move(*p));
    }
  }
  if (auto ok = check_picks(*c, sel->winners, in.winners, "winner"); !ok) return bad(ok.error().message);
  if (auto ok = check_picks(*c, sel->alternates, in.alternates, "alternate"); !ok) return bad(ok.error().message);

  auto envelope = keys_.sign(make_result_statement(*c, commitment_hash, in));
  if (!envelope) return envelope.error();
  bool already = false;
  Status ok = log_.append({{*envelope, "result", draw_id}}, now, [&](const std::vector<std::uint64_t>& idx) -> Status {
    auto check = db_.prepare("SELECT result IS NOT NULL FROM draws WHERE id = ?");
    check.bind(1, draw_id);
    if (check.step() && check.integer(0)) {
      already = true;
      return make_error("conflict", "the result was published concurrently");
    }
    auto st = db_.prepare("UPDATE draws SET result = ?, result_log_idx = ? WHERE id = ?");
    st.bind(1, envelope->dump()).bind(2, static_cast<std::int64_t>(idx[0])).bind(3, draw_id);
    return st.run();
  });
  if (already) return *find(draw_id)->result;
  if (!ok) return ok.error();
  organizer_changed(org.id);
  return *envelope;
}

Result<Json> DrawService::substitute(const Organizer& org, const std::string& draw_id, const Json& body,
                                     UnixSeconds now) {
  auto d = owned(org, draw_id);
  if (!d) return d.error();
  if (!d->result) return make_error("conflict", "the draw has no result yet, so there is no winner to replace");
  TIRAGE_TRY(only_fields(body, {"replaced_rank", "reason"}, "the substitution"));
  if (!body.contains("replaced_rank") || !body["replaced_rank"].is_number_unsigned())
    return bad("\"replaced_rank\" must be a winner's rank (1, 2, ...)");
  std::string reason;
  TIRAGE_TRY_ASSIGN(reason, bounded_string(body, "reason", 500));
  auto c = parse_commitment(d->commitment["statement"]);
  if (!c) return c.error();

  std::vector<Substitution> subs;
  for (const auto& env : d->substitutions) subs.push_back(*parse_substitution(env["statement"]));
  Substitution s{draw_id, *statement_hash((*d->result)["statement"]), body["replaced_rank"].get<std::uint64_t>(),
                 subs.size() + 1, reason, now};
  subs.push_back(s);
  if (auto ok = check_substitution_order(subs, c->winners, c->alternates); !ok)
    return make_error(subs.size() > c->alternates ? "conflict" : "bad_request", ok.error().message);
  auto envelope = keys_.sign(make_substitution_statement(s));
  if (!envelope) return envelope.error();
  Status ok = log_.append({{*envelope, "substitution", draw_id}}, now, [&](const std::vector<std::uint64_t>& idx) -> Status {
    auto st = db_.prepare("INSERT INTO substitutions (draw_id, seq, envelope, log_idx) VALUES (?, ?, ?, ?)");
    st.bind(1, draw_id)
        .bind(2, static_cast<std::int64_t>(subs.size()))
        .bind(3, envelope->dump())
        .bind(4, static_cast<std::int64_t>(idx[0]));
    return st.run();  // (draw_id, seq) is the primary key: a concurrent duplicate fails here
  });
  forget_view(draw_id);
  if (!ok) return ok.error().code == "conflict" ? make_error("conflict", "another substitution was just made; retry") : ok.error();
  return *envelope;
}

Result<Json> DrawService::bundle(const std::string& draw_id, UnixSeconds now) {
  auto d = find(draw_id);
  if (!d) return d.error();
  if (!d->result) return make_error("not_yet", "the draw has no result yet");
  auto head = log_.signed_head_with_size(now);
  if (!head) return head.error();
  Json inclusion = Json::array();
  std::vector<const Json*> logged = {&d->commitment, &*d->result};
  for (const auto& s : d->substitutions) logged.push_back(&s);
  for (const Json* env : logged) {
    const Hash leaf = *log_leaf_hash(*env);
    auto index = log_.index_of(leaf);
    if (!index || *index >= head->second.tree_size)
      return make_error("internal", "a logged statement of draw " + draw_id + " is missing from the log");
    auto proof = log_.inclusion_proof(*index, head->second.tree_size);
    if (!proof) return proof.error();
    Json hex = Json::array();
    for (const auto& h : *proof) hex.push_back(to_hex(h));
    inclusion.push_back(Json{{"leaf_hash", to_hex(leaf)}, {"index", *index}, {"proof", hex}});
  }
  Json log{{"sth", head->first}, {"inclusion", inclusion}};
  auto committed = committed_proofs(draw_id, *log_leaf_hash(d->commitment), head->second);
  if (!committed) return committed.error();
  if (!committed->is_null()) log["committed"] = *committed;
  const auto keys = keys_.published();
  return Json{{"keys", keyset_to_json(keys)},
              {"commitment", d->commitment},
              {"result", *d->result},
              {"substitutions", d->substitutions},
              {"log", log}};
}

Result<Json> DrawService::giveaway_commitments(const std::string& giveaway_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT commitment FROM draws WHERE giveaway_id = ? ORDER BY commitment_log_idx");
  st.bind(1, giveaway_id);
  Json out = Json::array();
  while (st.step()) out.push_back(*parse_json(st.text(0)));
  // Its owner: commitments by anybody else are from before giveaway ids had owners.
  auto owner = db_.prepare("SELECT organizer_id FROM giveaways WHERE id = ?");
  owner.bind(1, giveaway_id);
  return Json{{"giveaway_id", giveaway_id}, {"organizer_id", owner.step() ? Json(owner.text(0)) : Json(nullptr)}, {"commitments", out}};
}

Result<Json> DrawService::organizer_draws(const Organizer& org, UnixSeconds now) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT id, giveaway_id, commitment, draw_at, result IS NOT NULL, publish_by FROM draws WHERE organizer_id = ? "
      "ORDER BY created_at DESC, id LIMIT 500");
  st.bind(1, org.id);
  Json out = Json::array();
  while (st.step()) {
    auto c = *parse_json(st.text(2));
    const auto publish_by = st.optional_integer(5);
    out.push_back(Json{{"draw_id", st.text(0)},
                       {"giveaway_id", st.text(1)},
                       {"title", c["statement"]["title"]},
                       {"draw_at", format_rfc3339(st.integer(3))},
                       {"drawn", st.integer(4) != 0},
                       {"publish_by", publish_by ? Json(format_rfc3339(*publish_by)) : Json(nullptr)},
                       {"status", draw_outcome(st.integer(4) != 0, publish_by, now)}});
  }
  return Json{{"draws", out}};
}

}  // namespace tirage::server
