#include "tests/support/forged_bundle.hpp"

#include <random>
#include <stdexcept>

#include "shared/crypto/sha256.hpp"

namespace tirage::testing {

Forgery forge_bundle(const std::string& friend_id, ExampleOptions base, Bytes key_seed) {
  if (key_seed.empty()) {
    std::random_device rd;  // a fresh key each time: the forger needs nothing from anybody
    for (int i = 0; i < 32; ++i) key_seed.push_back(static_cast<std::uint8_t>(rd()));
  }
  base.beacon_source = "local";  // the forger's "beacon" is any secret they like
  base.key_seed = key_seed;
  base.rotated = false;
  for (int i = 0; i < 100000; ++i) {
    Bytes attempt = key_seed;
    attempt.push_back(static_cast<std::uint8_t>(i));
    attempt.push_back(static_cast<std::uint8_t>(i >> 8));
    attempt.push_back(static_cast<std::uint8_t>(i >> 16));
    const Hash secret = sha256(attempt);
    base.local_secret = Bytes(secret.begin(), secret.end());
    Json bundle = make_example_bundle(base);
    if (bundle["result"]["statement"]["winners"][0]["entry"]["id"] == friend_id)
      return Forgery{bundle, bundle["keys"], friend_id, i + 1};
  }
  throw std::runtime_error("no beacon secret made " + friend_id + " win: is it one of the participants?");
}

}  // namespace tirage::testing
