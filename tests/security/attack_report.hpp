// The security suite's own report: each attack (one test) with its result and
// what was measured, listed at the end of the run, so `make test` shows which
// attacks the server withstood and at what cost.
#pragma once

#include <string>

namespace tirage::testing {

// Records what the attack of the running test did, e.g. "413 after 1.0 MiB; server memory +2 MiB".
void attack_outcome(const std::string& text);

}  // namespace tirage::testing
