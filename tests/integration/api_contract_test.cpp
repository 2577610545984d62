// docs/openapi.json against the routes the server really has: every operation
// the document names is answered by a route (not "no route for"), and the
// document served at /api/v1/openapi.json is the one in the repository.
// (The answers' shapes are checked by api_answers_match_openapi.)
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

Json repository_document() {
  std::ifstream in(std::string(TIRAGE_REPO) + "/docs/openapi.json");
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

TEST(ApiContract, EveryDocumentedOperationHasARoute) {
  ServerUnderTest server;
  server.start();
  const Json doc = repository_document();
  int checked = 0;
  for (const auto& [path, operations] : doc["paths"].items()) {
    // A path parameter becomes a value its route's pattern accepts.
    std::string concrete = std::regex_replace(path, std::regex(R"(\{code\})"), "ABCDEF0123");
    concrete = std::regex_replace(concrete, std::regex(R"(\{provider\})"), "facebook");
    concrete = std::regex_replace(concrete, std::regex(R"(\{platform\})"), "instagram");
    concrete = std::regex_replace(concrete, std::regex(R"(\{import_id\})"), "imp_0123abcd");
    concrete = std::regex_replace(concrete, std::regex(R"(\{[a-z_]+\})"), "x_contract");
    for (const auto& [method, operation] : operations.items()) {
      HttpAnswer a;
      if (method == "get") a = server.get(concrete);
      else if (method == "post") a = server.post(concrete, Json::object());
      else if (method == "delete") a = server.del(concrete);
      else FAIL() << method << " " << path << ": the test does not send " << method;
      ++checked;
      ASSERT_GT(a.status, 0) << method << " " << concrete << ": no answer";
      const bool no_route = a.status == 404 && a.body.is_object() &&
                            a.body["error"]["message"].get<std::string>().rfind("no route for", 0) == 0;
      EXPECT_FALSE(no_route) << operation["operationId"] << " (" << method << " " << path
                             << ") is in docs/openapi.json but the server has no such route";
    }
  }
  EXPECT_EQ(checked, 54) << "docs/openapi.json has another number of operations: update this count with the document";
}

TEST(ApiContract, TheServedDocumentIsTheRepositorysOpenApi31Document) {
  ServerUnderTest server;
  server.start();
  auto served = server.get("/api/v1/openapi.json");
  ASSERT_EQ(served.status, 200) << served.raw;
  EXPECT_EQ(served.body, repository_document()) << "rebuild the server: it embeds docs/openapi.json at build time";
  EXPECT_EQ(served.body["openapi"], "3.1.0");
}

}  // namespace
}  // namespace tirage::testing
