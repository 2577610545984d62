// The signing half of a drand test chain, for tests/fakes/fake_drand.py: the
// chain info and real BLS signatures of any round asked (tests/support/
// drand_test_chain.cpp, with blst), so a fake relay serves rounds that every
// verifier (server, `tirage verify`, the verify page) checks with the same
// code as drand's own, for as long as a test runs.
//
//   drand_test_signer info [--name NAME] [--genesis T] [--period P]   chain info JSON (GET /{hash}/info)
//   drand_test_signer sign [--name NAME] ROUND...                      one signature (hex) per line
//
// NAME (default tirage-test) picks the key (never a real one) and is the
// chain's beacon id. Default schedule: quicknet's (genesis 1692803367, 3 s).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "tests/support/drand_test_chain.hpp"

namespace {
int usage() {
  std::cerr << "usage: drand_test_signer info [--name NAME] [--genesis T] [--period P]\n"
               "       drand_test_signer sign [--name NAME] ROUND...\n";
  return 2;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace tirage;
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  std::string name = "tirage-test";
  long long genesis = drand_quicknet().genesis_time, period = drand_quicknet().period;
  std::vector<std::uint64_t> rounds;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--name" || a == "--genesis" || a == "--period") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--name") name = v;
      else if (a == "--genesis") genesis = std::atoll(v.c_str());
      else period = std::atoll(v.c_str());
    } else if (cmd == "sign" && !a.empty() && a.size() <= 19 && a.find_first_not_of("0123456789") == std::string::npos) {
      rounds.push_back(std::strtoull(a.c_str(), nullptr, 10));
    } else {
      return usage();
    }
  }
  if (cmd == "info" && period > 0) {
    std::cout << drand_chain_info(testing::drand_test_chain(name, genesis, period)).dump() << "\n";
    return 0;
  }
  if (cmd == "sign" && !rounds.empty()) {
    for (auto r : rounds) std::cout << to_hex(testing::drand_test_sign(name, r)) << "\n";
    return 0;
  }
  return usage();
}
