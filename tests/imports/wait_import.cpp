#include "tests/imports/wait_import.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace tirage::testing {

Json wait_import(const ServerUnderTest& server, const std::string& key, const std::string& id,
                 const std::function<bool(const Json&)>& done, int seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  for (;;) {
    auto r = server.get("/api/v1/imports/" + id, bearer(key));
    if (r.status == 200 && done(r.body)) return r.body;
    if (std::chrono::steady_clock::now() > end) {
      ADD_FAILURE() << "import " << id << " did not get there: " << r.raw;
      return r.body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace tirage::testing
