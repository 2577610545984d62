// The plans file: the repository's config/plans.json is valid and complete,
// and each kind of mistake is refused with the field named.
#include <gtest/gtest.h>

#include <fstream>
#include <cctype>
#include <functional>
#include <set>
#include <sstream>

#include "server/billing/billing_setup.hpp"
#include "server/billing/plans.hpp"

namespace tirage::server {
namespace {

Json repo_plans() {
  std::ifstream in(std::string(TIRAGE_REPO) + "/config/plans.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return *parse_json(ss.str());
}

std::string error_of(const Json& j) {
  auto r = parse_plans(j.dump());
  return r ? "" : r.error().message;
}

TEST(Plans, TheRepositoryFileIsValidAndOffersWhatTheIssueAsks) {
  auto r = parse_plans(repo_plans().dump());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->currencies, (std::vector<std::string>{"eur", "chf"}));
  EXPECT_EQ(r->free_plan().id, "free");
  ASSERT_TRUE(r->find("pro") && r->find("business") && r->find("single_draw"));
  for (const char* interval : {"month", "year"})
    for (const char* currency : {"eur", "chf"}) {
      EXPECT_TRUE(r->price(*r->find("pro"), interval, currency)) << interval << currency;
      EXPECT_TRUE(r->price(*r->find("business"), interval, currency)) << interval << currency;
    }
  EXPECT_TRUE(r->price(*r->find("single_draw"), "once", "chf"));
  EXPECT_FALSE(r->free_plan().limits.api_access);
  EXPECT_TRUE(r->find("pro")->limits.api_access);
  auto [plan, price] = r->by_stripe_price("price_tirage_pro_year_chf");
  ASSERT_TRUE(plan && price);
  EXPECT_EQ(plan->id, "pro");
  EXPECT_EQ(price->interval, "year");
  // The compiled-in default is the same file.
  auto builtin = load_plans("");
  ASSERT_TRUE(builtin) << builtin.error().message;
  EXPECT_EQ(builtin->plans.size(), r->plans.size());
}

std::string repo_file(const std::string& path) {
  std::ifstream in(std::string(TIRAGE_REPO) + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Issue 14 item 5: what a plan lists is what the product does. The features that exist and are
// limited (each checked: tests/integration/billing_test.cpp, tests/imports/imports_api_test.cpp);
// a feature joins this list when it ships, and only then may a plan, the API or the billing page name it.
const std::set<std::string> kBuiltLimits = {"participants_per_draw", "draws_per_month", "alternates", "import_platforms",
                                            "api_access"};

TEST(Plans, NoPlanOrBillingPageListsAFeatureThatDoesNotExist) {
  const Json file = repo_plans();
  for (const auto& plan : file["plans"])
    for (auto it = plan["limits"].begin(); it != plan["limits"].end(); ++it)
      EXPECT_TRUE(kBuiltLimits.count(it.key())) << "config/plans.json: plan " << plan["id"] << " sells " << it.key();
  auto r = parse_plans(file.dump());
  ASSERT_TRUE(r) << r.error().message;
  for (const auto& plan : r->plans) {
    const Json shown = plan_to_json(plan)["limits"];
    for (auto it = shown.begin(); it != shown.end(); ++it)
      EXPECT_TRUE(kBuiltLimits.count(it.key())) << "GET /api/v1/billing shows " << it.key() << " for " << plan.id;
  }
  // The billing page and its four catalogs: every limit row names a built feature, and none names
  // the unbuilt ones in any language.
  for (const char* path : {"web/billing/billing.js", "web/billing/index.html", "web/billing/catalogs/en.json",
                           "web/billing/catalogs/fr.json", "web/billing/catalogs/de.json", "web/billing/catalogs/es.json"}) {
    const std::string text = repo_file(path);
    ASSERT_FALSE(text.empty()) << path;
    for (const char* unbuilt : {"branded", "video_export", "team_seats", "Story", "Video", "video", "vidéo", "vídeo",
                                "marque", "Marke", "marca", "équipe", "equipo", "Team"})
      EXPECT_EQ(text.find(unbuilt), std::string::npos) << path << " names \"" << unbuilt << "\"";
    for (std::size_t at = text.find("limit."); at != std::string::npos; at = text.find("limit.", at + 1)) {
      std::size_t end = at + 6;
      while (end < text.size() && (std::islower(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      std::string key = text.substr(at + 6, end - at - 6);
      if (key == "draws_per_month_offer") key = "draws_per_month";
      if (key.empty()) continue;  // "state.limits" and the like
      EXPECT_TRUE(kBuiltLimits.count(key)) << path << " shows limit." << key;
    }
  }
}

TEST(Plans, ACurrencyIsAddedByConfigurationAlone) {
  Json j = repo_plans();
  j["currencies"].push_back("gbp");
  EXPECT_NE(error_of(j).find("plans[1].prices.once.gbp: is missing"), std::string::npos) << error_of(j);
  for (auto& plan : j["plans"])
    for (auto& [interval, by_currency] : plan["prices"].items())
      by_currency["gbp"] = Json{{"amount", 800}, {"stripe_price", "price_" + plan["id"].get<std::string>() + "_" + interval + "_gbp"}};
  auto r = parse_plans(j.dump());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->price(*r->find("pro"), "month", "gbp"));
}

TEST(Plans, MistakesAreRefusedNamingTheField) {
  struct Case {
    std::function<void(Json&)> change;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](Json& j) { j["plans"][0]["limits"]["alternates"] = -1; }, "plans[0].limits.alternates: must be a non-negative integer"},
      {[](Json& j) { j["plans"][0]["limits"].erase("api_access"); }, "plans[0].limits.api_access: is missing"},
      {[](Json& j) { j["plans"][2]["limits"]["video_export"] = true; }, "plans[2].limits.video_export: is not a feature Tirage has yet"},
      {[](Json& j) { j["plans"][3]["limits"]["team_seats"] = 10; }, "plans[3].limits.team_seats: is not a feature Tirage has yet"},
      {[](Json& j) { j["plans"][1]["limits"]["branded_certificates"] = true; }, "plans[1].limits.branded_certificates: is not a feature"},
      {[](Json& j) { j["plans"][2]["limits"]["seats"] = 3; }, "plans[2].limits.seats: unknown field"},
      {[](Json& j) { j["plans"][0]["limits"]["import_platforms"][0] = "myspace"; }, "plans[0].limits.import_platforms[0]: must be instagram"},
      {[](Json& j) { j["plans"][2]["prices"]["month"]["eur"]["amount"] = 0; }, "plans[2].prices.month.eur.amount: must be a positive"},
      {[](Json& j) { j["plans"][2]["prices"]["month"]["eur"]["stripe_price"] = "prod_1"; }, "plans[2].prices.month.eur.stripe_price: must be a Stripe price id"},
      {[](Json& j) { j["plans"][3]["prices"]["month"]["eur"]["stripe_price"] = "price_tirage_pro_month_eur"; }, "is used twice"},
      {[](Json& j) { j["plans"][2]["prices"]["week"] = j["plans"][2]["prices"]["month"]; }, "plans[2].prices.week: a subscription is priced per"},
      {[](Json& j) { j["plans"][2]["prices"]["month"].erase("chf"); }, "plans[2].prices.month.chf: is missing"},
      {[](Json& j) { j["plans"][2]["prices"]["month"]["usd"] = j["plans"][2]["prices"]["month"]["eur"]; }, "plans[2].prices.month.usd: is not in \"currencies\""},
      {[](Json& j) { j["plans"][1]["kind"] = "lifetime"; }, "plans[1].kind: must be"},
      {[](Json& j) { j["plans"][3]["id"] = "pro"; }, "plans[3].id: \"pro\" is used twice"},
      {[](Json& j) { j["default_plan"] = "pro"; }, "default_plan: must name a plan of kind \"free\""},
      {[](Json& j) { j["default_plan"] = "gratis"; }, "default_plan: \"gratis\" is not a plan id"},
      {[](Json& j) { j["currencies"] = Json::array({"EUR"}); }, "currencies[0]: must be a lowercase ISO 4217 code"},
      {[](Json& j) { j["grace_period_seconds"] = 0; }, "grace_period_seconds: must be an integer"},
      {[](Json& j) { j["discounts"] = true; }, "plans file.discounts: unknown field"},
      {[](Json& j) { j["plans"][0]["prices"]["month"] = Json::object(); }, "plans[0].prices.month: a free plan has no prices"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Json j = repo_plans();
    cases[i].change(j);
    const std::string e = error_of(j);
    EXPECT_NE(e.find(cases[i].expected), std::string::npos) << "case " << i << ": got \"" << e << "\"";
  }
  EXPECT_NE(parse_plans("{").error().message.find("plans file"), std::string::npos);
  auto missing = load_plans("/nonexistent/plans.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/plans.json"), std::string::npos);
}

}  // namespace
}  // namespace tirage::server
