#include "tests/support/example_bundle.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/statements.hpp"
#include "tests/support/drand_test_chain.hpp"

namespace tirage::testing {

namespace {
constexpr UnixSeconds kCommittedAt = 1798135200;  // 2026-12-24T18:00:00Z
// The round drand bundles use; quicknet's signature of it as published (tests/vectors/drand_quicknet.json).
constexpr std::uint64_t kDrandRound = 3;
constexpr const char* kQuicknetRound3Signature =
    "b3fab6df720b68cc47175f2c777e86d84187caab5770906f515ff1099cb01e4deaa027075d860823e49477b93c72bd64";

Ed25519Key example_key() { return *ed25519_from_seed(example_key_seed()); }

Json sign(const Json& statement) { return *sign_envelope(statement, example_key()); }
}  // namespace

Bytes example_key_seed() {
  Hash h = sha256(std::string_view("tirage example key: never use it to sign anything real"));
  return Bytes(h.begin(), h.end());
}

Json make_example_bundle(const ExampleOptions& o) {
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
    committed_beacon = Json{{"source", "local"},
                            {"commit", to_hex(local_beacon_commit(secret))},
                            {"reveal_at", format_rfc3339(kCommittedAt + 30)}};
    revealed = committed_beacon;
    revealed["secret"] = to_hex(secret);
    drawn_at = kCommittedAt + 31;
  }
  Json commitment{{"type", kCommitmentType},
                  {"draw_id", "d_example"},
                  {"giveaway_id", "g_example"},
                  {"title", "Concours de Noël"},
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

  const Ed25519Key key = example_key();
  PublishedKey published{key_id(key.public_key), key.public_key, committed_at - 86400 * 365, std::nullopt};
  return Json{{"keys", keyset_to_json(std::span<const PublishedKey>(&published, 1))},
              {"commitment", commitment_env},
              {"result", result_env},
              {"substitutions", substitutions},
              {"log", Json{{"sth", sth}, {"inclusion", inclusion}}}};
}

}  // namespace tirage::testing
