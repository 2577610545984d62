// `tirage participants FILE`: the participant list's root and count.
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/participants_file.hpp"

namespace tirage::cli {

namespace {
constexpr const char* kHelp =
    "usage: tirage participants FILE\n\n"
    "FILE (or - for stdin) holds JSON Lines: {\"platform\",\"id\",\"name\"} per line.\n"
    "Applies the protocol's normalization, drops repeated platform:id keys (the\n"
    "first is kept), sorts, and prints\n"
    "{\"duplicates_dropped\",\"participants_count\",\"participants_root\"} as JSON.\n";
}  // namespace

int run_participants(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {}, {});
  if (args && args->has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("participants", args.error());
  if (args->positional.size() != 1)
    return bad_input("participants", make_error("usage", "expected exactly one FILE (or -)"));
  auto list = read_participants(args->positional[0]);
  if (!list) return bad_input("participants", list.error());
  const Hash root = merkle_root(participant_leaf_hashes(*list));
  std::cout << Json{{"participants_root", to_hex(root)},
                    {"participants_count", list->entries.size()},
                    {"duplicates_dropped", list->duplicates_dropped}}
                   .dump()
            << "\n";
  return kExitOk;
}

}  // namespace tirage::cli
