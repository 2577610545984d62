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

TEST(Jcs, ErrorPathsNameNestedMembersAndIndices) {
  auto r = jcs(*parse_json(R"({"rules": {"list": ["a", {"deep": -1}]}})"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("at $.rules.list[1].deep"), std::string::npos) << r.error().message;
}

// Built without recursion (parse_json would refuse the text), so only jcs's own bound stands between it and the stack.
TEST(Jcs, RefusesValuesNestedDeeperThanTheLimitWithoutRecursingIntoThem) {
  Json deep = Json::array();
  for (int i = 0; i < 200000; ++i) deep = Json::array({std::move(deep)});
  auto r = jcs(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nested deeper than 64 levels"), std::string::npos) << r.error().message;
  EXPECT_EQ(json_depth(deep), 200001u);
  Json ok = Json::array();
  for (std::size_t i = 1; i < kMaxJsonDepth; ++i) ok = Json::array({std::move(ok)});
  EXPECT_TRUE(jcs(ok).ok());
}

TEST(JsonLimits, DepthIsCheckedWhileParsing) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  auto r = parse_json(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_json");
  EXPECT_NE(r.error().message.find("nested deeper than 64 levels"), std::string::npos) << r.error().message;
  EXPECT_TRUE(parse_json(std::string(64, '[') + std::string(64, ']')).ok());
  EXPECT_FALSE(parse_json(std::string(65, '[') + std::string(65, ']')).ok());
  JsonLimits shallow;
  shallow.max_depth = 2;
  EXPECT_TRUE(parse_json(R"({"a": [1]})", shallow).ok());
  EXPECT_FALSE(parse_json(R"({"a": [[1]]})", shallow).ok());
}

TEST(JsonLimits, StringsMemberNamesAndTextAreBounded) {
  JsonLimits small;
  small.max_string = 8;
  small.max_bytes = 64;
  EXPECT_TRUE(parse_json(R"({"12345678": "12345678"})", small).ok());
  auto long_string = parse_json(R"({"a": "123456789"})", small);
  ASSERT_FALSE(long_string.ok());
  EXPECT_NE(long_string.error().message.find("a string longer than 8 bytes"), std::string::npos) << long_string.error().message;
  auto long_name = parse_json(R"({"123456789": 1})", small);
  ASSERT_FALSE(long_name.ok());
  EXPECT_NE(long_name.error().message.find("member name"), std::string::npos) << long_name.error().message;
  auto too_long = parse_json("[" + std::string(70, ' ') + "]", small);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, "too_large");
}

TEST(JsonLimits, DepthOfValues) {
  EXPECT_EQ(json_depth(Json(1)), 0u);
  EXPECT_EQ(json_depth(Json::array()), 1u);
  EXPECT_EQ(json_depth(*parse_json(R"({"a": [1, {"b": []}], "c": 2})")), 4u);
}

}  // namespace
}  // namespace tirage
