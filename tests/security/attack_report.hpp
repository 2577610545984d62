// The security suite's listing: each test names the attack it performs
// (attack("...")), or what the hardening must not break (guard("...")), and
// the program prints each with its result ("stopped" / "NOT STOPPED" for an
// attack, "holds" / "BROKEN" for a guard) as it goes and at the end.
#pragma once

#include <string>

namespace tirage::testing {

// Names the attack the running test performs (shown in the listing).
void attack(const std::string& what);
// Names what the running test checks still works under the hardening (shown in the listing).
void guard(const std::string& what);

}  // namespace tirage::testing
