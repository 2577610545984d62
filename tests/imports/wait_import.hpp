// Polls an import on the server under test until done(import JSON) holds, or
// fails the test (with the last answer) after `seconds`.
#pragma once

#include <functional>
#include <string>

#include "tests/integration/harness.hpp"

namespace tirage::testing {

// The import's JSON once done() holds; the last one seen (and a test failure) when time runs out.
Json wait_import(const ServerUnderTest& server, const std::string& key, const std::string& id,
                 const std::function<bool(const Json&)>& done, int seconds = 60);

}  // namespace tirage::testing
