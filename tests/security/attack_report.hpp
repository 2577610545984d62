// The security suite's listing: each test names the attack it performs
// (attack("...")) or what the hardening must not break (guard("...")), and may
// record what it measured (attack_outcome("...")). The program prints each with
// its result ("stopped" / "NOT STOPPED" for an attack, "holds" / "BROKEN" for a
// guard) as it goes and again at the end, so `make test` shows which attacks
// the server withstood and at what cost. A skipped test fails the program: no
// attack goes untried in silence.
#pragma once

#include <string>

namespace tirage::testing {

// Names the attack the running test performs (shown in the listing).
void attack(const std::string& what);
// Names what the running test checks still works under the hardening (shown in the listing).
void guard(const std::string& what);
// Records what the running test's attack did, e.g. "413 after 1.0 MiB; server memory +2 MiB".
void attack_outcome(const std::string& text);

}  // namespace tirage::testing
