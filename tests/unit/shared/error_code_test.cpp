// The error-code table (shared/core/error_codes.def): every name reads back as
// its code, names are unique wire strings, statuses are HTTP error statuses,
// and JSON carries a code as its name.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "shared/core/error_code.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {
namespace {

TEST(ErrorCode, EveryNameRoundTripsAndNoTwoCollide) {
  std::set<std::string_view> seen;
  for (ErrorCode code : all_error_codes()) {
    const std::string_view name = error_code_name(code);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string_view::npos) << name;
    EXPECT_TRUE(seen.insert(name).second) << name << " is in error_codes.def twice";
    EXPECT_EQ(error_code_from_name(name), code) << name;
  }
  EXPECT_GT(seen.size(), 100u);
}

TEST(ErrorCode, StatusesAreHttpErrorsAndMessagesAreThere) {
  for (ErrorCode code : all_error_codes()) {
    const int status = error_http_status(code);
    EXPECT_TRUE(status >= 400 && status <= 599) << error_code_name(code) << ": " << status;
    EXPECT_FALSE(error_default_message(code).empty()) << error_code_name(code);
  }
}

TEST(ErrorCode, ClientDataCodesAreTheClientsAndTheRestAsListed) {
  // The rule status_for() used to apply by prefix, now written in the table: bad data is a 4xx
  // unless it came from a service the server called (the beacon, a platform, the server itself for the app).
  for (ErrorCode code : all_error_codes()) {
    const std::string_view name = error_code_name(code);
    if (name.rfind("bad_", 0) != 0) continue;
    const int status = error_http_status(code);
    const bool upstream = code == ErrorCode::bad_beacon || code == ErrorCode::bad_platform_response || code == ErrorCode::bad_answer;
    EXPECT_EQ(status, upstream ? 502 : 400) << name;
  }
  EXPECT_EQ(error_http_status(ErrorCode::not_found), 404);
  EXPECT_EQ(error_http_status(ErrorCode::rate_limited), 429);
  EXPECT_EQ(error_http_status(ErrorCode::internal), 500);
}

TEST(ErrorCode, AnUnknownNameIsTheUnknownCode) {
  EXPECT_EQ(error_code_from_name("no_such_code"), ErrorCode::unknown);
  EXPECT_EQ(error_code_from_name(""), ErrorCode::unknown);
  EXPECT_EQ(error_code_from_name("Not_Found"), ErrorCode::unknown) << "names are exact";
}

TEST(ErrorCode, JsonCarriesTheName) {
  // In JSON a code is its name, never the enumerator's number.
  EXPECT_EQ(Json({{"code", ErrorCode::bad_hex}}).dump(), R"({"code":"bad_hex"})");
  EXPECT_EQ(Json("choose_page").get<ErrorCode>(), ErrorCode::choose_page);
  EXPECT_EQ(Json(3).get<ErrorCode>(), ErrorCode::unknown);
}

}  // namespace
}  // namespace tirage
