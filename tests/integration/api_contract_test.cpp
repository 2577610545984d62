// docs/openapi.json against the routes the server really has: every route the
// server registers under /api/v1 and /.well-known is in the document and every
// operation the document names is registered (the server's route table), each
// is answered by a route when asked (not "no route for"), and the document
// served at /api/v1/openapi.json is the one in the repository.
// (The answers' shapes are checked by api_answers_match_openapi.)
// Also: /assets/error-codes.json, generated from shared/core/error_codes.def at build
// time, is the table the server's C++ uses.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <regex>
#include <sstream>

#include "server/app.hpp"
#include "server/http/route_table.hpp"
#include "shared/core/error_code.hpp"
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

// docs/openapi.json's paths with their parameters written "{}", as route_template() writes the server's.
std::set<std::string> documented_operations(const Json& doc) {
  std::set<std::string> out;
  for (const auto& [path, operations] : doc["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(upper + " " + std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "{}"));
    }
  return out;
}

TEST(ApiContract, EveryRegisteredApiRouteIsInTheDocument) {
  // The server's own route table, from an App opened on scratch data (not serving).
  const std::string dir = make_temp_dir("api_contract");
  server::Config config;
  config.data_dir = dir + "/data";
  config.beacon = "local";
  config.static_dir = TIRAGE_REPO;
  auto app = server::App::open(config);
  ASSERT_TRUE(app) << app.error().message;
  const auto documented = documented_operations(repository_document());
  std::set<std::string> registered;
  for (const auto& route : (*app)->registered_routes()) {
    const std::string t = server::route_template(route.pattern);
    if (t.rfind("/api/v1/", 0) != 0 && t.rfind("/.well-known/", 0) != 0) continue;  // pages, assets, /healthz
    registered.insert(route.method + " " + t);
  }
  ASSERT_GT(registered.size(), 40u) << "the route table looks empty: is every route file registering through it?";
  for (const auto& r : registered)
    EXPECT_TRUE(documented.count(r)) << r << " is a route of the server but not in docs/openapi.json";
  for (const auto& d : documented)
    EXPECT_TRUE(registered.count(d)) << d << " is in docs/openapi.json but the server registers no such route";
  app->reset();
  std::filesystem::remove_all(dir);
}

TEST(ApiContract, TheServedDocumentIsTheRepositorysOpenApi31Document) {
  ServerUnderTest server;
  server.start();
  auto served = server.get("/api/v1/openapi.json");
  ASSERT_EQ(served.status, 200) << served.raw;
  EXPECT_EQ(served.body, repository_document()) << "rebuild the server: it embeds docs/openapi.json at build time";
  EXPECT_EQ(served.body["openapi"], "3.1.0");
}

TEST(ApiContract, TheServedErrorCodesAreTheTable) {
  ServerUnderTest server;
  server.start();
  auto served = server.get("/assets/error-codes.json");
  ASSERT_EQ(served.status, 200) << served.raw;
  Json table = Json::object();
  for (ErrorCode code : all_error_codes())
    table[std::string(error_code_name(code))] = {{"status", error_http_status(code)},
                                                 {"message", std::string(error_default_message(code))}};
  EXPECT_EQ(served.body, table) << "rebuild the server: it embeds error_codes.json, generated from error_codes.def";
}

}  // namespace
}  // namespace tirage::testing
