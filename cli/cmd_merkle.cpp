// `tirage merkle root|prove|consistency`: RFC 6962 over leaves on stdin.
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage::cli {

namespace {

constexpr const char* kHelp =
    "usage: tirage merkle root [--hex]\n"
    "       tirage merkle prove --index I [--hex]\n"
    "       tirage merkle consistency --old M [--hex]\n\n"
    "Reads leaves from stdin, one per line (the line's bytes without its newline;\n"
    "with --hex, each line is hex and the leaf is the decoded bytes).\n"
    "  root         prints the RFC 6962 Merkle tree hash in hex\n"
    "  prove        prints the audit path of leaf I (0-based), one hash per line, leaf side first\n"
    "  consistency  prints the consistency proof from the first M leaves to all n, one hash per line\n";

// Reads stdin into leaf hashes; errors name the line.
Result<std::vector<Hash>> read_leaf_hashes(bool hex) {
  auto input = read_input("-");
  if (!input) return input.error();
  std::vector<Hash> hashes;
  const auto lines = split_lines(*input);
  hashes.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!hex) {
      hashes.push_back(leaf_hash(lines[i]));
      continue;
    }
    auto bytes = from_hex(lines[i]);
    if (!bytes) return make_error("bad_hex", "line " + std::to_string(i + 1) + ": " + bytes.error().message);
    hashes.push_back(leaf_hash(*bytes));
  }
  return hashes;
}

void print_hashes(const std::vector<Hash>& hashes) {
  std::string out;
  for (const auto& h : hashes) out += to_hex(h) + "\n";
  std::cout << out;
}

}  // namespace

int run_merkle(int argc, char** argv) {
  const std::string verb = argc > 2 ? argv[2] : "";
  auto args = parse_args(argc, argv, 3, {"index", "old"}, {"hex"});
  if (verb == "--help" || (args && args->has("help"))) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("merkle", args.error());
  if (verb != "root" && verb != "prove" && verb != "consistency")
    return bad_input("merkle", make_error("usage", "expected root, prove or consistency, got \"" + verb + "\""));
  if (!args->positional.empty())
    return bad_input("merkle", make_error("usage", "unexpected argument \"" + args->positional[0] + "\""));

  auto hashes = read_leaf_hashes(args->has("hex"));
  if (!hashes) return bad_input("merkle " + verb, hashes.error());

  if (verb == "root") {
    std::cout << to_hex(merkle_root(*hashes)) << "\n";
    return kExitOk;
  }
  const std::uint64_t n = hashes->size();
  if (verb == "prove") {
    auto index = args->integer("index");
    if (!index) return bad_input("merkle prove", index.error());
    if (*index >= n)
      return bad_input("merkle prove", make_error("bad_index", "--index " + std::to_string(*index) +
                                                                   " is out of range: there are " + std::to_string(n) +
                                                                   " leaves"));
    auto proof = MerkleTree(std::move(*hashes)).inclusion_proof(*index);
    if (!proof) return bad_input("merkle prove", proof.error());
    print_hashes(*proof);
    return kExitOk;
  }
  auto old = args->integer("old");
  if (!old) return bad_input("merkle consistency", old.error());
  if (*old == 0 || *old > n)
    return bad_input("merkle consistency", make_error("bad_size", "--old " + std::to_string(*old) +
                                                                      " must be between 1 and the " +
                                                                      std::to_string(n) + " leaves given"));
  auto proof = MerkleTree(std::move(*hashes)).consistency_proof(*old);
  if (!proof) return bad_input("merkle consistency", proof.error());
  print_hashes(*proof);
  return kExitOk;
}

}  // namespace tirage::cli
