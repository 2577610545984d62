// What anyone can build alone, with no access to the service: a bundle signed
// by their own fresh Ed25519 key, with their own log, whose local beacon was
// ground until the participant they chose wins. Every check holds under the
// forger's own key set; a verifier must refuse it because that key is not one
// it trusts (issue 13's attack tests).
#pragma once

#include <string>

#include "tests/support/example_bundle.hpp"

namespace tirage::testing {

struct Forgery {
  Json bundle;
  Json keys;            // the forger's key set: the one key the bundle offers
  std::string friend_id;  // the participant made first winner
  int tries = 0;          // beacon secrets ground through
};

// Forges `base` (the example draw) so that the participant whose normalized id
// is friend_id is the first winner; key_seed empty means a fresh random key.
Forgery forge_bundle(const std::string& friend_id, ExampleOptions base = {}, Bytes key_seed = {});

}  // namespace tirage::testing
