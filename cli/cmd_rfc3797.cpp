// `tirage rfc3797`: the selection method of RFC 3797, from published values.
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "shared/protocol/jcs.hpp"
#include "shared/protocol/rfc3797.hpp"

namespace tirage::cli {

namespace {
constexpr const char* kHelp =
    "usage: tirage rfc3797 --pool N --select K SOURCE...\n\n"
    "Each SOURCE is one public source's values as published, separated by spaces\n"
    "(quote it). The values are canonicalized as RFC 3797 says into the key string,\n"
    "and K of the N pool positions are selected. Prints\n"
    "{\"key\": \"<the RFC key string>\", \"selected\": [positions]} with positions\n"
    "1-based, in selection order.\n";
}  // namespace

int run_rfc3797(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"pool", "select"}, {});
  if (args && args->has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("rfc3797", args.error());
  auto pool = args->integer("pool");
  if (!pool) return bad_input("rfc3797", pool.error());
  auto count = args->integer("select");
  if (!count) return bad_input("rfc3797", count.error());
  if (args->positional.empty()) return bad_input("rfc3797", make_error("usage", "at least one SOURCE is needed"));
  auto key = rfc3797_key(args->positional);
  if (!key) return bad_input("rfc3797", key.error());
  auto selected = rfc3797_select(*key, *pool, *count);
  if (!selected) return bad_input("rfc3797", selected.error());
  std::cout << Json{{"key", *key}, {"selected", *selected}}.dump() << "\n";
  return kExitOk;
}

}  // namespace tirage::cli
