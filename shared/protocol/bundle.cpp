#include "shared/protocol/bundle.hpp"

#include "shared/protocol/beacon.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/key_trust.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/protocol_fields.hpp"

namespace tirage {

bool BundleReport::ok() const { return !checks.empty() && first_failure() == nullptr; }

const Check* BundleReport::first_failure() const {
  for (const auto& c : checks)
    if (!c.ok) return &c;
  return nullptr;
}

Result<Hash> log_leaf_hash(const Json& envelope) {
  auto bytes = jcs(envelope);
  if (!bytes) return bytes.error();
  return leaf_hash(*bytes);
}

namespace {

// Collects checks; stops adding after the first failure of a step that later
// steps depend on (the caller decides by returning early).
struct Reporter {
  BundleReport& report;
  bool add(int step, const char* id, std::string title, const Status& s, std::string ok_detail = "", std::uint64_t n = 0) {
    report.checks.push_back({step, id, std::move(title), s.ok(), s.ok() ? std::move(ok_detail) : s.error().message, n});
    return s.ok();
  }
};

// log.committed: the tree head signed right after the commitment was appended.
struct CommittedHead {
  Json sth;  // envelope
  std::uint64_t index = 0;
  std::vector<Hash> proof, consistency;
};

CommittedHead read_committed(JsonFields o) {
  CommittedHead c;
  c.sth = o.object("sth").json();
  c.index = o.uint("index");
  c.proof = read_hashes(o, "proof");
  c.consistency = read_hashes(o, "consistency");
  o.refuse_unknown();
  return c;
}

struct Parsed {
  std::vector<PublishedKey> offered_keys;
  Json commitment_env, result_env, sth_env;
  std::vector<Json> substitution_envs;
  Json inclusion;
  std::optional<CommittedHead> committed;
  // Each envelope canonicalized once: a result with many picks is large, and
  // its JCS is what is signed, hashed into substitutions, and logged.
  CanonicalEnvelope commitment, result;
  std::vector<CanonicalEnvelope> substitutions;
};

Result<CanonicalEnvelope> canonical(const Json& env, const std::string& what) {
  auto c = canonical_envelope(env);
  if (!c) return make_error(c.error().code, what + ": " + c.error().message);
  return c;
}

Result<Parsed> parse_bundle(const Json& b) {
  Parsed p;
  StrictJsonReader in("bad_bundle");
  JsonFields o = in.object(b, "bundle");
  const Json& keys = o.object("keys").json();
  p.commitment_env = o.object("commitment").json();
  p.result_env = o.object("result").json();
  if (auto subs = o.optional_array("substitutions"))
    for (std::size_t i = 0; i < subs->size(); ++i) p.substitution_envs.push_back(subs->value(i));
  JsonFields log = o.object("log");
  p.sth_env = log.object("sth").json();
  p.inclusion = log.array("inclusion").json();
  if (auto committed = log.optional_object("committed")) p.committed = read_committed(*committed);
  log.refuse_unknown();
  o.refuse_unknown();
  if (in.failed()) return in.error();
  TIRAGE_TRY_ASSIGN(p.offered_keys, keyset_from_json(keys));
  for (const Json* env : {&p.commitment_env, &p.result_env, &p.sth_env})
    TIRAGE_TRY(check_envelope_shape(*env));
  if (p.committed) TIRAGE_TRY(check_envelope_shape(p.committed->sth));
  for (const auto& env : p.substitution_envs) TIRAGE_TRY(check_envelope_shape(env));
  TIRAGE_TRY_ASSIGN(p.commitment, canonical(p.commitment_env, "commitment"));
  TIRAGE_TRY_ASSIGN(p.result, canonical(p.result_env, "result"));
  for (std::size_t i = 0; i < p.substitution_envs.size(); ++i) {
    CanonicalEnvelope c;
    TIRAGE_TRY_ASSIGN(c, canonical(p.substitution_envs[i], "substitutions[" + std::to_string(i) + "]"));
    p.substitutions.push_back(std::move(c));
  }
  return p;
}

// Finds the inclusion entry for leaf and checks it against the tree head.
Status check_logged(const Json& inclusion, const Hash& leaf, const TreeHead& head) {
  const std::string want = to_hex(leaf);
  StrictJsonReader in("bad_bundle");
  JsonItems items = in.array(inclusion, "log.inclusion");
  for (std::size_t i = 0; i < items.size(); ++i) {
    // Entries for other leaves are passed over whatever they hold (the Python verifier does the same).
    const Json& raw = items.value(i);
    auto leaf_hash = raw.is_object() ? raw.find("leaf_hash") : raw.end();
    if (!raw.is_object() || leaf_hash == raw.end() || *leaf_hash != want) continue;
    JsonFields inc = items.object(i);
    const auto index = inc.uint("index");
    const std::vector<Hash> proof = read_hashes(inc, "proof");
    if (in.failed()) return in.error();
    if (!verify_inclusion(leaf, index, head.tree_size, proof, head.root_hash))
      return make_error("not_logged", items.path(i) + ": the proof for log index " + std::to_string(index) +
                                          " does not lead to the tree head's root");
    return {};
  }
  return make_error("not_logged", "no log inclusion proof for leaf " + want);
}

// Design E: a head signed right after the commitment was appended, before the
// beacon's value existed, that holds the commitment and is a prefix of the
// bundle's log. Without it, committed_at is only the server's word.
Status check_logged_before_beacon(const std::optional<CommittedHead>& committed, const AcceptedKeys& keys,
                                  const Hash& commitment_leaf, const Json& committed_beacon, const TreeHead& latest,
                                  std::span<const DrandChain> drand_chains) {
  if (!committed)
    return make_error("not_logged", "the bundle does not prove the commitment was logged before the beacon "
                                    "(it has no log.committed)");
  auto head = parse_tree_head(committed->sth["statement"]);
  if (!head) return make_error(head.error().code, "log.committed.sth: " + head.error().message);
  if (auto ok = verify_trusted(committed->sth, keys, head->timestamp); !ok)
    return make_error(ok.error().code, "log.committed.sth: " + ok.error().message);
  auto published = beacon_publication_time(committed_beacon, drand_chains);
  if (!published) return published.error();
  if (head->timestamp >= *published)
    return make_error("too_late", "the first signed log head holding the commitment is from " +
                                      format_rfc3339(head->timestamp) + ", not before the beacon was published at " +
                                      format_rfc3339(*published));
  if (!verify_inclusion(commitment_leaf, committed->index, head->tree_size, committed->proof, head->root_hash))
    return make_error("not_logged", "log.committed.proof does not lead from the commitment at log index " +
                                        std::to_string(committed->index) + " to the root of the head of size " +
                                        std::to_string(head->tree_size));
  if (head->tree_size > latest.tree_size ||
      !verify_consistency(head->tree_size, latest.tree_size, head->root_hash, latest.root_hash, committed->consistency))
    return make_error("inconsistent", "the log head at commitment time (size " + std::to_string(head->tree_size) +
                                          ") is not a prefix of the bundle's log head (size " +
                                          std::to_string(latest.tree_size) + ")");
  return {};
}

}  // namespace

BundleReport verify_bundle(const Json& bundle, std::span<const PublishedKey> trusted_keys,
                           const std::optional<KnownTreeHead>& known, std::span<const DrandChain> drand_chains) {
  BundleReport report;
  Reporter rep{report};

  auto parsed = parse_bundle(bundle);
  if (!rep.add(0, "bundle_well_formed", "The bundle is well formed", parsed.ok() ? Status{} : Status{parsed.error()})) return report;
  const Parsed& p = *parsed;

  auto commitment = parse_commitment(p.commitment_env["statement"]);
  if (!rep.add(0, "commitment_well_formed", "The commitment is well formed", commitment.ok() ? Status{} : Status{commitment.error()}))
    return report;
  report.commitment = *commitment;
  auto result = parse_result(p.result_env["statement"]);
  if (!rep.add(0, "result_well_formed", "The result is well formed", result.ok() ? Status{} : Status{result.error()})) return report;
  report.result = *result;
  const Commitment& c = *commitment;
  const DrawResult& r = *result;

  // Step 1: signatures, each with a trusted key valid when it was made. The
  // bundle's keys count only when a trusted key endorsed them.
  const AcceptedKeys keys = accept_keys(trusted_keys, p.offered_keys);
  if (!rep.add(1, "keys_trusted", "The signing keys are your trusted keys, or keys they endorsed at rotation",
               keys.trusted == 0 ? Status{make_error("no_trusted_key", "no trusted key was given to check the signatures with")}
                                 : Status{},
               std::to_string(keys.trusted) + " trusted key(s), " + std::to_string(keys.keys.size() - keys.trusted) +
                   " accepted through rotation"))
    return report;
  bool signatures_ok = rep.add(1, "commitment_signed", "The commitment is signed by a trusted Tirage key valid at commitment time",
                               verify_trusted(p.commitment_env, p.commitment, keys, c.committed_at), "key " +
                               p.commitment_env["key_id"].get<std::string>());
  signatures_ok &= rep.add(1, "result_signed", "The result is signed by a trusted Tirage key valid at draw time",
                           verify_trusted(p.result_env, p.result, keys, r.drawn_at),
                           "key " + p.result_env["key_id"].get<std::string>());
  if (!signatures_ok) return report;

  // Step 2: the result is bound to this exact commitment.
  const Hash& commitment_hash = p.commitment.statement_hash;
  Status bound = r.commitment_hash != commitment_hash
                     ? Status{make_error("mismatch", "the result names commitment " + to_hex(r.commitment_hash) +
                                                         " but the commitment hashes to " + to_hex(commitment_hash))}
                 : r.draw_id != c.draw_id ? Status{make_error("mismatch", "the result is for draw " + r.draw_id +
                                                                              ", the commitment for " + c.draw_id)}
                                          : Status{};
  if (!rep.add(2, "result_bound", "The result refers to this commitment (commitment_hash = H(JCS(commitment)))", bound,
               to_hex(commitment_hash)))
    return report;

  // Step 3: the beacon value, published after the commitment. A drand round
  // is drand's only if its BLS signature verifies against the chain's pinned key.
  auto value = beacon_value(c.beacon, r.beacon);
  if (!rep.add(3, c.beacon["source"] == "local" ? "beacon_local" : "beacon_drand", c.beacon["source"] == "local"
                      ? "The local beacon's secret matches its commit (weaker: the server chose it)"
                      : "The drand beacon value is H(signature) for the committed round",
               value.ok() ? Status{} : Status{value.error()}))
    return report;
  if (c.beacon["source"] == "drand" &&
      !rep.add(3, "beacon_drand_signature",
               "The drand round's BLS signature verifies against the chain's pinned public key (drand's own value)",
               check_drand_beacon_signature(r.beacon, drand_chains),
               "round " + std::to_string(c.beacon["round"].get<std::uint64_t>())))
    return report;
  auto published = beacon_publication_time(c.beacon, drand_chains);
  Status after = !published ? Status{published.error()}
                 : *published <= c.committed_at
                     ? Status{make_error("too_early", "the beacon was published at " + format_rfc3339(*published) +
                                                          ", not after the commitment at " +
                                                          format_rfc3339(c.committed_at))}
                 : r.drawn_at < *published
                     ? Status{make_error("too_early", "the result claims to be drawn at " + format_rfc3339(r.drawn_at) +
                                                          ", before the beacon existed")}
                     : Status{};
  if (!rep.add(3, "beacon_after_commitment", "The beacon value did not exist when the draw was committed", after,
               published ? "beacon published " + format_rfc3339(*published) + ", committed " +
                               format_rfc3339(c.committed_at)
                         : ""))
    return report;

  // The result came before the commitment's publication deadline, which left the
  // organizer no time to read the selection and quietly drop the draw for another.
  Status in_time = !c.publish_by ? Status{}
                   : *c.publish_by < *published
                       ? Status{make_error("bad_deadline", "the publication deadline " + format_rfc3339(*c.publish_by) +
                                                               " is before the beacon's publication at " +
                                                               format_rfc3339(*published))}
                   : r.drawn_at > *c.publish_by
                       ? Status{make_error("too_late", "the result was drawn at " + format_rfc3339(r.drawn_at) +
                                                           ", after the publication deadline " +
                                                           format_rfc3339(*c.publish_by))}
                       : Status{};
  rep.add(3, "published_in_time", "The result was published before the commitment's deadline", in_time,
          c.publish_by ? "deadline " + format_rfc3339(*c.publish_by)
                       : "no publication deadline (made before deadlines existed)");

  // Step 4: seed and selected indices.
  const Hash seed = draw_seed(commitment_hash, *value);
  if (!rep.add(4, "seed", "The seed is derived from the commitment and the beacon",
               seed == r.seed ? Status{} : Status{make_error("mismatch", "expected seed " + to_hex(seed))}))
    return report;
  auto selection = select_indices(seed, c.participants_count, c.winners, c.alternates);
  if (!rep.add(4, "selection", "The selection is computed from the seed", selection.ok() ? Status{} : Status{selection.error()}))
    return report;

  // Step 5: the published entries sit at those indices in the committed list.
  bool picks_ok = rep.add(5, "winners_included", "Each winner is at the selected index of the committed list",
                          check_picks(c, selection->winners, r.winners, "winner"),
                          std::to_string(r.winners.size()) + " winner(s)");
  picks_ok &= rep.add(5, "alternates_included", "Each alternate is at the selected index of the committed list",
                      check_picks(c, selection->alternates, r.alternates, "alternate"),
                      std::to_string(r.alternates.size()) + " alternate(s)");
  if (!picks_ok) return report;

  // Substitutions: signed, bound to this result, alternates in order.
  std::vector<Substitution> subs;
  const Hash& result_hash = p.result.statement_hash;
  for (std::size_t i = 0; i < p.substitution_envs.size(); ++i) {
    const Json& env = p.substitution_envs[i];
    auto s = parse_substitution(env["statement"]);
    Status st = !s ? Status{s.error()}
                : s->result_hash != result_hash || s->draw_id != c.draw_id
                    ? Status{make_error("mismatch", "it does not refer to this result")}
                    : verify_trusted(env, p.substitutions[i], keys, s->substituted_at);
    if (!rep.add(1, "substitution_signed", "Substitution " + std::to_string(i + 1) + " is signed and refers to this result", st, "", i + 1)) return report;
    subs.push_back(*s);
  }
  if (!subs.empty() &&
      !rep.add(5, "substitutions_in_order", "Substitutions take the alternates in order", check_substitution_order(subs, c.winners, c.alternates)))
    return report;
  report.substitutions = subs;

  // Step 6: everything is in the signed log.
  auto head = parse_tree_head(p.sth_env["statement"]);
  Status head_ok = !head ? Status{head.error()} : verify_trusted(p.sth_env, keys, head->timestamp);
  if (!rep.add(6, "tree_head_signed", "The log's tree head is signed by a trusted Tirage key", head_ok,
               head ? "tree size " + std::to_string(head->tree_size) : ""))
    return report;
  struct Logged {
    const char* id;
    std::string name;
    const Hash* leaf;
    std::uint64_t n;
  };
  std::vector<Logged> logged = {{"commitment_logged", "commitment", &p.commitment.leaf_hash, 0},
                                {"result_logged", "result", &p.result.leaf_hash, 0}};
  for (std::size_t i = 0; i < p.substitutions.size(); ++i)
    logged.push_back({"substitution_logged", "substitution " + std::to_string(i + 1), &p.substitutions[i].leaf_hash, i + 1});
  bool logged_ok = true;
  for (const auto& l : logged)
    logged_ok &= rep.add(6, l.id, "The " + l.name + " is in the public log", check_logged(p.inclusion, *l.leaf, *head), "", l.n);
  if (!logged_ok) return report;
  if (!rep.add(6, "logged_before_beacon", "The commitment was in the signed log before the beacon existed",
               check_logged_before_beacon(p.committed, keys, p.commitment.leaf_hash, c.beacon, *head, drand_chains),
               p.committed ? "log index " + std::to_string(p.committed->index) : ""))
    return report;

  if (known) {
    auto other = parse_tree_head(known->sth.is_object() && known->sth.contains("statement") ? known->sth["statement"]
                                                                                           : Json::object());
    Status st = !other ? Status{other.error()} : verify_trusted(known->sth, keys, other->timestamp);
    if (st.ok()) {
      const TreeHead& a = other->tree_size <= head->tree_size ? *other : *head;
      const TreeHead& b = other->tree_size <= head->tree_size ? *head : *other;
      if (!verify_consistency(a.tree_size, b.tree_size, a.root_hash, b.root_hash, known->consistency))
        st = make_error("inconsistent", "the log of size " + std::to_string(a.tree_size) +
                                            " is not a prefix of the log of size " + std::to_string(b.tree_size));
    }
    rep.add(6, "log_consistent", "The log is consistent with the tree head seen before", st);
  }
  return report;
}

}  // namespace tirage
