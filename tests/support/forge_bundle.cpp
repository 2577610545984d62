// Prints a forged bundle for the browser tests (forged_bundle.hpp): a fresh
// key each run, a local beacon ground until --friend wins.
//
//   forge_bundle [--draw-id ID] [--title TITLE] [--friend ID]
//   -> {"bundle": ..., "keys": <the forger's key set>, "friend": ID, "tries": n}
#include <cstring>
#include <iostream>

#include "tests/support/forged_bundle.hpp"

int main(int argc, char** argv) {
  tirage::testing::ExampleOptions base;
  std::string friend_id = "participant7";
  if (argc % 2 == 0) {
    std::cerr << "usage: forge_bundle [--draw-id ID] [--title TITLE] [--friend ID]\n";
    return 2;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--draw-id") == 0) base.draw_id = argv[i + 1];
    else if (std::strcmp(argv[i], "--title") == 0) base.title = argv[i + 1];
    else if (std::strcmp(argv[i], "--friend") == 0) friend_id = argv[i + 1];
    else {
      std::cerr << "forge_bundle: unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  auto f = tirage::testing::forge_bundle(friend_id, base);
  std::cout << tirage::Json{{"bundle", f.bundle}, {"keys", f.keys}, {"friend", f.friend_id}, {"tries", f.tries}}.dump()
            << "\n";
  return 0;
}
