// `tirage draw`: winners and alternates, with inclusion proofs, from a
// participant file, a commitment hash and a beacon value.
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/participants_file.hpp"
#include "shared/protocol/selection.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage::cli {

namespace {
constexpr const char* kHelp =
    "usage: tirage draw --participants FILE --winners K [--alternates M]\n"
    "                   --commitment-hash HEX --beacon HEX\n\n"
    "Builds the participant list from FILE (JSON Lines, as `tirage participants`),\n"
    "derives seed = H(\"tirage/seed/v1\" || 0x00 || commitment_hash || beacon) and\n"
    "selects K winners then M alternates (docs/protocol.md sections 3-4). Prints JSON:\n"
    "participants_root, participants_count, seed, and winners / alternates as\n"
    "arrays of {rank, index, entry, proof}.\n";

Json picks_json(const std::vector<std::uint64_t>& indices, const ParticipantList& list, const MerkleTree& tree) {
  Json out = Json::array();
  for (std::size_t i = 0; i < indices.size(); ++i) {
    Pick p{i + 1, indices[i], list.entries[indices[i]], *tree.inclusion_proof(indices[i])};
    out.push_back(pick_to_json(p));
  }
  return out;
}
}  // namespace

int run_draw(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"participants", "winners", "alternates", "commitment-hash", "beacon"}, {});
  if (args && args->has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("draw", args.error());
  if (!args->positional.empty())
    return bad_input("draw", make_error("usage", "unexpected argument \"" + args->positional[0] + "\""));
  auto path = args->require("participants");
  if (!path) return bad_input("draw", path.error());
  auto winners = args->integer("winners");
  if (!winners) return bad_input("draw", winners.error());
  auto alternates = args->integer("alternates", 0);
  if (!alternates) return bad_input("draw", alternates.error());
  auto commitment_hex = args->require("commitment-hash");
  if (!commitment_hex) return bad_input("draw", commitment_hex.error());
  auto commitment_hash = hash_from_hex(*commitment_hex);
  if (!commitment_hash) return bad_input("draw", make_error("bad_hex", "--commitment-hash: " + commitment_hash.error().message));
  auto beacon_hex = args->require("beacon");
  if (!beacon_hex) return bad_input("draw", beacon_hex.error());
  auto beacon = from_hex(*beacon_hex);
  if (!beacon) return bad_input("draw", make_error("bad_hex", "--beacon: " + beacon.error().message));
  if (beacon->empty()) return bad_input("draw", make_error("bad_hex", "--beacon: the beacon value is empty"));

  auto list = read_participants(*path);
  if (!list) return bad_input("draw", list.error());
  const std::uint64_t n = list->entries.size();
  if (n == 0) return bad_input("draw", make_error("empty", *path + ": there are no participants"));

  const Hash seed = draw_seed(*commitment_hash, *beacon);
  auto selection = select_indices(seed, n, *winners, *alternates);
  if (!selection) return bad_input("draw", selection.error());
  MerkleTree tree(participant_leaf_hashes(*list));
  std::cout << Json{{"participants_root", to_hex(tree.root())},
                    {"participants_count", n},
                    {"seed", to_hex(seed)},
                    {"winners", picks_json(selection->winners, *list, tree)},
                    {"alternates", picks_json(selection->alternates, *list, tree)}}
                   .dump(2)
            << "\n";
  return kExitOk;
}

}  // namespace tirage::cli
