// RFC 8785 (JCS) restricted to the protocol's types: strings, integers in
// [0, 2^53), booleans, arrays and objects. Everything else is refused.
#include "shared/protocol/jcs.hpp"

#include <gtest/gtest.h>

namespace tirage {
namespace {

std::string canon(const char* json) {
  auto j = parse_json(json);
  EXPECT_TRUE(j.ok()) << json;
  auto s = jcs(*j);
  EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
  return s ? *s : "";
}

TEST(Jcs, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(canon(R"({ "b" : 2, "a" : [ true , false ], "c": {"z": "", "y": 0} })"),
            R"({"a":[true,false],"b":2,"c":{"y":0,"z":""}})");
}

TEST(Jcs, EscapesOnlyWhatRfc8785Escapes) {
  // RFC 8785 3.2.2.2: \b \t \n \f \r as short escapes, other controls as \u00xx
  // (lowercase), quote and backslash escaped, everything else (including '/',
  // DEL and non-ASCII) as is.
  EXPECT_EQ(canon(R"(["\u0008\u0009\u000a\u000c\u000d", "\u0001\u001f", "\"\\", "/\u007f", "\u20ac\u00e9"])"),
            "[\"\\b\\t\\n\\f\\r\",\"\\u0001\\u001f\",\"\\\"\\\\\",\"/\x7f\",\"\xe2\x82\xac\xc3\xa9\"]");
}

TEST(Jcs, SortsNonAsciiKeysByUtf16CodeUnits) {
  // RFC 8785 3.2.3's example ordering: U+1F600 (a surrogate pair, 0xD83D...)
  // sorts before U+FB33 although its UTF-8 bytes are larger.
  EXPECT_EQ(canon("{\"\xef\xac\xb3\":1,\"\xf0\x9f\x98\x80\":2,\"\\r\":3,\"1\":4,\"\xc3\xb6\":5,\"\xe2\x82\xac\":6}"),
            "{\"\\r\":3,\"1\":4,\"\xc3\xb6\":5,\"\xe2\x82\xac\":6,\"\xf0\x9f\x98\x80\":2,\"\xef\xac\xb3\":1}");
}

TEST(Jcs, IntegersUpToTwoToThe53) {
  EXPECT_EQ(canon("[0, 1, 9007199254740991]"), "[0,1,9007199254740991]");
  auto too_big = jcs(*parse_json("{\"a\": [9007199254740992]}"));
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.error().message.find("$.a[0]"), std::string::npos) << too_big.error().message;
}

TEST(Jcs, RefusesWhatProtocolObjectsNeverHold) {
  for (const char* bad : {"{\"x\": 1.5}", "{\"x\": -1}", "{\"x\": null}", "[1e3]"}) {
    auto r = jcs(*parse_json(bad));
    EXPECT_FALSE(r.ok()) << bad;
    if (!r) {
      EXPECT_NE(r.error().message.find("at $"), std::string::npos) << r.error().message;
    }
  }
  Json invalid_utf8 = Json{{"x", std::string("\xff")}};
  EXPECT_FALSE(jcs(invalid_utf8).ok());
}

TEST(Jcs, ParseErrorsGiveLineAndColumn) {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("line 3"), std::string::npos) << r.error().message;
  EXPECT_FALSE(parse_json("").ok());
  EXPECT_FALSE(parse_json("{} trailing").ok());
  EXPECT_FALSE(parse_json("\"\xff\"").ok());
}

}  // namespace
}  // namespace tirage
