// The strict JSON reader: each kind of failure names the JSON path, what it got
// and what it wanted; reads of a failed input return empty values and keep the
// first problem.
#include "shared/protocol/json_reader.hpp"

#include <gtest/gtest.h>

namespace tirage {
namespace {

Json parse(const char* text) {
  auto j = parse_json(text);
  EXPECT_TRUE(j.ok()) << text;
  return j ? *j : Json();
}

struct Rules {
  std::uint64_t min_comments = 0;
  bool one_per_person = false;
  std::optional<std::string> keyword;
};

// A small closed format read the way the protocol parsers read theirs.
Result<Rules> read_draw(const Json& j) {
  StrictJsonReader in("bad_rules");
  JsonFields draw = in.object(j, "draw");
  JsonFields rules = draw.object("rules");
  Rules r;
  r.min_comments = rules.uint("min_comments");
  r.one_per_person = rules.boolean("one_per_person");
  r.keyword = rules.optional_string("keyword", 10);
  rules.refuse_unknown();
  draw.refuse_unknown();
  return in.finish(r);
}

std::string error_of(const char* text) {
  auto r = read_draw(parse(text));
  EXPECT_FALSE(r.ok()) << text;
  return r ? "" : r.error().code + ": " + r.error().message;
}

TEST(StrictJsonReader, ReadsRequiredAndOptionalFields) {
  auto r = read_draw(parse(R"({"rules":{"min_comments":3,"one_per_person":true}})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->min_comments, 3u);
  EXPECT_TRUE(r->one_per_person);
  EXPECT_FALSE(r->keyword);
  auto k = read_draw(parse(R"({"rules":{"min_comments":0,"one_per_person":false,"keyword":"win"}})"));
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(k->keyword, "win");
}

TEST(StrictJsonReader, WrongTypeSaysWhereWhatItGotAndWhatItWanted) {
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":"3","one_per_person":true}})"),
            R"(bad_rules: draw.rules.min_comments: got string "3", wanted non-negative integer)");
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":-1,"one_per_person":true}})"),
            "bad_rules: draw.rules.min_comments: got integer -1, wanted non-negative integer");
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1.5,"one_per_person":true}})"),
            "bad_rules: draw.rules.min_comments: got number 1.5, wanted non-negative integer");
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1,"one_per_person":null}})"),
            "bad_rules: draw.rules.one_per_person: got null, wanted true or false");
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1,"one_per_person":true,"keyword":[1,2]}})"),
            "bad_rules: draw.rules.keyword: got an array of 2 items, wanted string");
  EXPECT_EQ(error_of(R"({"rules":[]})"), "bad_rules: draw.rules: got an empty array, wanted object");
  EXPECT_EQ(error_of(R"("rules")"), R"(bad_rules: draw: got string "rules", wanted object)");
}

TEST(StrictJsonReader, MissingFieldIsNamedWithTheTypeWanted) {
  EXPECT_EQ(error_of(R"({"rules":{"one_per_person":true}})"),
            "bad_rules: draw.rules.min_comments: missing, wanted non-negative integer");
  EXPECT_EQ(error_of(R"({})"), "bad_rules: draw.rules: missing, wanted object");
}

TEST(StrictJsonReader, UnknownFieldsAreRefusedInClosedObjects) {
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1,"one_per_person":true,"min_coments":2}})"),
            R"(bad_rules: draw.rules: unknown field "min_coments")");
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1,"one_per_person":true},"extra":0})"),
            R"(bad_rules: draw: unknown field "extra")");
}

TEST(StrictJsonReader, OpenObjectsKeepOtherFields) {
  StrictJsonReader in("bad_beacon");
  const Json j = parse(R"({"source":"local","later":{"x":1}})");
  JsonFields b = in.object(j, "beacon");
  EXPECT_EQ(b.string("source"), "local");
  EXPECT_TRUE(in.finish(0).ok());
}

TEST(StrictJsonReader, StringAndArrayLimitsSayTheSize) {
  EXPECT_EQ(error_of(R"({"rules":{"min_comments":1,"one_per_person":true,"keyword":"abcdefghijk"}})"),
            "bad_rules: draw.rules.keyword: got a string of 11 bytes, wanted at most 10");
  StrictJsonReader in("bad_list");
  const Json list = parse("[1,2,3]");
  JsonItems items = in.array(list, "list", 2);
  EXPECT_EQ(items.size(), 0u);
  ASSERT_TRUE(in.failed());
  EXPECT_EQ(in.error().message, "list: got an array of 3 items, wanted at most 2");
}

TEST(StrictJsonReader, ArrayElementsCarryTheirIndex) {
  StrictJsonReader in("bad_pick");
  const Json j = parse(R"({"winners":[{"index":1},{"index":"2"}]})");
  JsonFields result = in.object(j, "result");
  JsonItems winners = result.array("winners");
  ASSERT_EQ(winners.size(), 2u);
  EXPECT_EQ(winners.object(0).uint("index"), 1u);
  EXPECT_EQ(winners.object(1).uint("index"), 0u);
  ASSERT_TRUE(in.failed());
  EXPECT_EQ(in.error().message, R"(result.winners[1].index: got string "2", wanted non-negative integer)");
  StrictJsonReader strings("bad_list");
  const Json tags = parse(R"(["a",{}])");
  JsonItems s = strings.array(tags, "tags");
  EXPECT_EQ(s.string(0), "a");
  EXPECT_EQ(s.string(1), "");
  EXPECT_EQ(strings.error().message, "tags[1]: got an empty object, wanted string");
}

TEST(StrictJsonReader, KeepsTheFirstProblemAndReadsNothingAfterIt) {
  StrictJsonReader in("bad_thing", "the server sent an unexpected page: ");
  const Json j = parse(R"({"a":"x","b":7,"c":true})");
  JsonFields o = in.object(j, "");
  EXPECT_EQ(o.uint("a"), 0u);
  EXPECT_EQ(o.uint("b"), 0u) << "a read after the first problem returns the empty value";
  EXPECT_FALSE(o.ok());
  EXPECT_EQ(in.error().code, "bad_thing");
  EXPECT_EQ(in.error().message, R"(the server sent an unexpected page: a: got string "x", wanted non-negative integer)");
}

TEST(StrictJsonReader, CallerFoundProblemsUseTheSamePath) {
  StrictJsonReader in("bad_statement");
  const Json j = parse(R"({"root":"zz"})");
  JsonFields c = in.object(j, "commitment");
  const std::string root = c.string("root");
  if (root != "00") c.fail("root", "not 32 bytes of hex");
  EXPECT_EQ(in.error().message, "commitment.root: not 32 bytes of hex");
}

TEST(StrictJsonReader, IntegersSignedAndUnsignedAndNumbers) {
  StrictJsonReader in("bad");
  Json built{{"neg", -5}, {"pos", std::int64_t{5}}, {"big", std::uint64_t{1} << 63}, {"f", 2.5}};
  JsonFields o = in.object(built, "");
  EXPECT_EQ(o.integer("neg"), -5);
  EXPECT_EQ(o.uint("pos"), 5u) << "JSON built in code holds non-negative integers signed";
  EXPECT_EQ(o.optional_number("f"), 2.5);
  EXPECT_EQ(o.optional_number("neg"), -5.0);
  EXPECT_FALSE(in.failed());
  EXPECT_EQ(o.integer("big"), 0);
  EXPECT_EQ(in.error().message, "big: got integer 9223372036854775808, wanted integer below 2^63");
}

TEST(StrictJsonReader, NullReadsAsAbsentOnlyWhereTheReaderSaysSo) {
  const Json j = parse(R"({"name":null})");
  StrictJsonReader strict("bad");
  EXPECT_EQ(strict.object(j, "").optional_string("name"), std::nullopt);
  EXPECT_EQ(strict.error().message, "name: got null, wanted string");
  StrictJsonReader lenient("bad");
  lenient.null_is_absent();
  JsonFields o = lenient.object(j, "");
  EXPECT_FALSE(o.has("name"));
  EXPECT_EQ(o.optional_string("name"), std::nullopt);
  EXPECT_FALSE(lenient.failed());
}

TEST(StrictJsonReader, QuotedValuesStayShortAndValidUtf8) {
  StrictJsonReader in("bad");
  // 39 ASCII bytes then a 2-byte character across the 40-byte cut, then more.
  const Json j = Json{{"n", std::string(39, 'a') + "\xc3\xa9" + "bbbb\n"}};
  in.object(j, "").uint("n");
  EXPECT_EQ(in.error().message, "n: got string \"" + std::string(39, 'a') + "\"…, wanted non-negative integer");
  EXPECT_EQ(describe_json(Json("a\nb")), "string \"a?b\"");
}

TEST(StrictJsonReader, ValueAndOptionalValueKeepAnyJson) {
  StrictJsonReader in("bad");
  const Json j = parse(R"({"rules":{"x":1},"sources":[1]})");
  JsonFields o = in.object(j, "");
  EXPECT_EQ(o.value("rules"), parse(R"({"x":1})"));
  ASSERT_NE(o.optional_value("sources"), nullptr);
  EXPECT_EQ(o.optional_value("other"), nullptr);
  o.refuse_unknown();
  EXPECT_FALSE(in.failed());
  EXPECT_TRUE(o.value("missing").is_null());
  EXPECT_EQ(in.error().message, "missing: missing, wanted a value");
}

}  // namespace
}  // namespace tirage
