// A server failure (5xx) carries a request id in its X-Request-Id header and
// its JSON error body, and the server's log names the same id with the cause.
// The failure: the billing portal of a server whose Stripe is not configured (503).
#include <gtest/gtest.h>

#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

TEST(RequestId, AServerFailureCarriesAnIdInItsHeaderItsBodyAndTheLog) {
  ServerUnderTest server;
  const std::string key = server.add_organizer("ids@example.com");
  server.start();
  const HttpAnswer a = server.post("/api/v1/billing/portal", Json::object(), bearer(key));
  ASSERT_EQ(a.status, 503) << a.raw << server.log();
  ASSERT_TRUE(a.headers.count("X-Request-Id")) << a.raw;
  const std::string id = a.headers.at("X-Request-Id");
  EXPECT_EQ(id.rfind("req_", 0), 0u) << id;
  EXPECT_EQ(id.size(), 4u + 24u) << id;
  EXPECT_EQ(a.body["error"]["request_id"], id) << a.raw;
  EXPECT_EQ(a.body["error"]["code"], "billing_not_configured") << a.raw;

  // Each failure has its own id.
  const HttpAnswer b = server.post("/api/v1/billing/portal", Json::object(), bearer(key));
  ASSERT_EQ(b.status, 503);
  EXPECT_NE(b.headers.at("X-Request-Id"), id);

  server.stop();
  const std::string log = server.log();
  // The line with the cause and the request's line both name the id.
  bool cause = false, request = false;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    start = end + 1;
    if (line.find(id) == std::string::npos) continue;
    if (line.find("\"server_error\"") != std::string::npos && line.find("billing_not_configured") != std::string::npos) cause = true;
    if (line.find("\"request\"") != std::string::npos && line.find("/api/v1/billing/portal") != std::string::npos) request = true;
  }
  EXPECT_TRUE(cause) << log;
  EXPECT_TRUE(request) << log;
}

TEST(RequestId, AClientErrorCarriesNone) {
  ServerUnderTest server;
  server.start();
  const HttpAnswer a = server.get("/api/v1/draws/nope");
  ASSERT_EQ(a.status, 404) << a.raw;
  EXPECT_FALSE(a.headers.count("X-Request-Id"));
  EXPECT_FALSE(a.body["error"].contains("request_id"));
}

}  // namespace
}  // namespace tirage::testing
