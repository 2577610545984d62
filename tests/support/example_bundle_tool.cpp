// Prints an example bundle (tests/support/example_bundle) for tests outside
// C++, e.g. a forged one the browser tests serve in place of a real one.
//
//   example_bundle [--drand-chain NAME] [--signed-by NAME]
//
// --drand-chain NAME  a drand bundle on the test chain NAME (drand_test_chain)
// --signed-by NAME    its round signed by the key of the chain NAME instead:
//                     a signature that is not the chain's, with everything
//                     after it derived and signed consistently
#include <iostream>
#include <string>

#include "tests/support/drand_test_chain.hpp"
#include "tests/support/example_bundle.hpp"

int main(int argc, char** argv) {
  tirage::testing::ExampleOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--drand-chain" && i + 1 < argc) {
      o.beacon_source = "drand";
      o.drand_chain = argv[++i];
    } else if (a == "--signed-by" && i + 1 < argc) {
      o.beacon_source = "drand";
      o.drand_signature = tirage::to_hex(tirage::testing::drand_test_sign(argv[++i], 3));
    } else {
      std::cerr << "usage: example_bundle [--drand-chain NAME] [--signed-by NAME]\n";
      return 2;
    }
  }
  std::cout << tirage::testing::make_example_bundle(o).dump() << "\n";
  return 0;
}
