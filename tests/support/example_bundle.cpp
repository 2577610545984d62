#include "tests/support/example_bundle.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/key_trust.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/statements.hpp"
#include "tests/support/drand_test_chain.hpp"

namespace tirage::testing {

namespace {
constexpr UnixSeconds kCommittedAt = 1798135200;  // 2026-12-24T18:00:00Z
// The first example key is valid from 2022-08-08, before quicknet's genesis:
// drand bundles are committed at their chain's genesis (2023-08-23).
constexpr UnixSeconds kFirstKeyFrom = 1660000000;
constexpr UnixSeconds kRotatedAt = kCommittedAt - 86400;  // when the second example key took over
// The round drand bundles use; quicknet's signature of it as published (tests/vectors/drand_quicknet.json).
constexpr std::uint64_t kDrandRound = 3;
constexpr const char* kQuicknetRound3Signature =
    "b3fab6df720b68cc47175f2c777e86d84187caab5770906f515ff1099cb01e4deaa027075d860823e49477b93c72bd64";

Ed25519Key key_from(const Bytes& seed) { return *ed25519_from_seed(seed); }
Ed25519Key example_key() { return key_from(example_key_seed()); }
Ed25519Key second_example_key() {
  Hash h = sha256(std::string_view("tirage example key 2: the first one's successor, never real either"));
  return key_from(Bytes(h.begin(), h.end()));
}

PublishedKey published(const Ed25519Key& key, UnixSeconds from) {
  return PublishedKey{key_id(key.public_key), key.public_key, from, std::nullopt, std::nullopt};
}

// The keys a bundle offers: the example key; or both example keys, the second
// endorsed by the first; or a forger's own key.
std::vector<PublishedKey> offered_keys(const ExampleOptions& o) {
  if (!o.key_seed.empty()) return {published(key_from(o.key_seed), kFirstKeyFrom)};
  PublishedKey first = published(example_key(), kFirstKeyFrom);
  if (!o.rotated) return {first};
  first.valid_until = kRotatedAt + 1;
  PublishedKey second = published(second_example_key(), kRotatedAt);
  second.endorsement = *endorse_key(second, example_key(), kRotatedAt + 1);
  return {first, second};
}
}  // namespace

Bytes example_key_seed() {
  Hash h = sha256(std::string_view("tirage example key: never use it to sign anything real"));
  return Bytes(h.begin(), h.end());
}

Json example_trusted_keys() {
  const PublishedKey first = published(example_key(), kFirstKeyFrom);
  return keyset_to_json(std::span<const PublishedKey>(&first, 1));
}

Json make_example_bundle(const ExampleOptions& o) {
  const Ed25519Key signer = !o.key_seed.empty() ? key_from(o.key_seed) : o.rotated ? second_example_key() : example_key();
  auto sign = [&](const Json& statement) { return *sign_envelope(statement, signer); };

  // Participants: a list import plus a few platform entries, built by the protocol's rules.
  std::vector<Entry> raw;
  for (std::uint64_t i = 0; i < o.participants; ++i) {
    if (i % 5 == 4)
      raw.push_back({"instagram", std::to_string(178410000 + i), "insta_" + std::to_string(i)});
    else
      raw.push_back({"list", "@Participant" + std::to_string(i), "Participant " + std::to_string(i)});
  }
  ParticipantList list = *build_participant_list(std::move(raw));
  std::vector<Hash> leaves;
  for (const auto& e : list.entries) leaves.push_back(leaf_hash(leaf(e)));
  MerkleTree participants(std::move(leaves));

  // Commitment, with a beacon whose value does not exist yet.
  Json committed_beacon;
  Json revealed;
  UnixSeconds drawn_at;
  // drand bundles are committed at their chain's genesis, to round 3, whose
  // signature is known: quicknet's real one, or a test chain's own.
  const DrandChain chain = o.drand_chain.empty() ? drand_quicknet() : drand_test_chain(o.drand_chain);
  const UnixSeconds committed_at = o.beacon_source == "drand" ? chain.genesis_time : kCommittedAt;
  if (o.beacon_source == "drand") {
    const std::uint64_t round = kDrandRound;  // published at genesis + 6 s, after the commitment
    committed_beacon = Json{{"source", "drand"}, {"chain_hash", chain.chain_hash}, {"round", round}};
    const Bytes signature = !o.drand_signature.empty() ? *from_hex(o.drand_signature)
                            : o.drand_chain.empty()    ? *from_hex(kQuicknetRound3Signature)
                                                       : drand_test_sign(o.drand_chain, round);
    revealed = committed_beacon;
    revealed["signature"] = to_hex(signature);
    revealed["randomness"] = to_hex(sha256(signature));
    drawn_at = drand_round_time(chain, round) + 1;
  } else {
    Hash secret = sha256(std::string_view("example local beacon secret"));
    if (!o.local_secret.empty()) std::copy(o.local_secret.begin(), o.local_secret.end(), secret.begin());
    committed_beacon = Json{{"source", "local"},
                            {"commit", to_hex(local_beacon_commit(secret))},
                            {"reveal_at", format_rfc3339(kCommittedAt + 30)}};
    revealed = committed_beacon;
    revealed["secret"] = to_hex(secret);
    drawn_at = kCommittedAt + 31;
  }
  Json commitment{{"type", kCommitmentType},
                  {"draw_id", o.draw_id},
                  {"giveaway_id", "g_example"},
                  {"title", o.title},
                  {"organizer", "o_example"},
                  {"participants_root", to_hex(participants.root())},
                  {"participants_count", list.entries.size()},
                  {"winners", o.winners},
                  {"alternates", o.alternates},
                  {"rules", Json{{"one_entry_per", "person"}, {"required_hashtags", Json::array({"#noel"})}}},
                  {"beacon", committed_beacon},
                  {"committed_at", format_rfc3339(committed_at)}};
  if (o.publish_window)
    commitment["publish_by"] =
        format_rfc3339(*beacon_publication_time(committed_beacon, std::span<const DrandChain>(&chain, 1)) + *o.publish_window);
  Json commitment_env = sign(commitment);
  const Commitment c = *parse_commitment(commitment);
  const Hash commitment_hash = *statement_hash(commitment);

  // Result.
  Bytes value = *beacon_value(committed_beacon, revealed);
  ResultInputs in;
  in.beacon = revealed;
  in.seed = draw_seed(commitment_hash, value);
  in.drawn_at = drawn_at;
  Selection sel = *select_indices(in.seed, c.participants_count, c.winners, c.alternates);
  auto picks = [&](const std::vector<std::uint64_t>& indices) {
    std::vector<Pick> out;
    for (std::size_t i = 0; i < indices.size(); ++i)
      out.push_back({i + 1, indices[i], list.entries[indices[i]], *participants.inclusion_proof(indices[i])});
    return out;
  };
  in.winners = picks(sel.winners);
  in.alternates = picks(sel.alternates);
  Json result = make_result_statement(c, commitment_hash, in);
  Json result_env = sign(result);

  Json substitutions = Json::array();
  for (int i = 0; i < o.substitutions; ++i) {
    Substitution s{c.draw_id, *statement_hash(result), static_cast<std::uint64_t>(i % o.winners + 1),
                   static_cast<std::uint64_t>(i + 1), "no answer within 7 days", drawn_at + 86400 * (7 + i)};
    substitutions.push_back(sign(make_substitution_statement(s)));
  }

  // The log: another giveaway's commitment first, then this draw's envelopes.
  Json other = commitment;
  other["draw_id"] = "d_other";
  other["giveaway_id"] = "g_other";
  std::vector<Json> logged = {sign(other), commitment_env, result_env};
  for (const auto& s : substitutions) logged.push_back(s);
  std::vector<Hash> log_leaves;
  for (const auto& env : logged) log_leaves.push_back(*log_leaf_hash(env));
  MerkleTree log(log_leaves);
  const UnixSeconds sth_time = drawn_at + 86400 * 30;
  Json sth = sign(make_tree_head_statement({log.size(), log.root(), sth_time}));
  Json inclusion = Json::array();
  for (std::size_t i = 1; i < logged.size(); ++i) {
    Json proof = Json::array();
    for (const auto& h : *log.inclusion_proof(i)) proof.push_back(to_hex(h));
    inclusion.push_back(Json{{"leaf_hash", to_hex(log_leaves[i])}, {"index", i}, {"proof", proof}});
  }

  Json log_json{{"sth", sth}, {"inclusion", inclusion}};
  if (o.committed_head_after) {
    // The head right after the commitment was appended: the other giveaway's commitment and this one.
    const std::uint64_t committed_size = 2;
    Json proof = Json::array(), consistency = Json::array();
    for (const auto& h : *log.inclusion_proof(1, committed_size)) proof.push_back(to_hex(h));
    for (const auto& h : *log.consistency_proof(committed_size)) consistency.push_back(to_hex(h));
    log_json["committed"] = Json{
        {"sth", sign(make_tree_head_statement({committed_size, log.root_at(committed_size),
                                               committed_at + *o.committed_head_after}))},
        {"index", std::uint64_t{1}},
        {"proof", proof},
        {"consistency", consistency}};
  }
  const auto keys = offered_keys(o);
  return Json{{"keys", keyset_to_json(keys)},
              {"commitment", commitment_env},
              {"result", result_env},
              {"substitutions", substitutions},
              {"log", log_json}};
}

}  // namespace tirage::testing
