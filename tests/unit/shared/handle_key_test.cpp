// "Check by handle": the lookup key of a platform handle.
#include "shared/protocol/handle_key.hpp"

#include <gtest/gtest.h>

#include "shared/protocol/entry.hpp"

namespace tirage {
namespace {

// The bytes hashed, spelled out (computed with Python's hashlib, not with this code).
TEST(HandleKey, IsTheDomainSeparatedHashOfPlatformAndHandle) {
  auto key = handle_key("instagram", "foo.bar");
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(to_hex(*key), "e0c15333370cc6069c27a5f57eb7c73cdff22372f3a0750561fad03b3f17b0e4");
  // The platform is part of the key: the same handle elsewhere is another person.
  EXPECT_EQ(to_hex(*handle_key("x", "foo.bar")), "f8515700854858036c5159f09c23ea5c62ad0f578fa54136be3ed29530d13977");
}

TEST(HandleKey, IgnoresLeadingAtsSpacesAndAsciiCase) {
  const Hash plain = *handle_key("instagram", "foo.bar");
  for (const char* typed : {"@foo.bar", " @Foo.Bar ", "@@FOO.BAR", "\t@ foo.bar"}) {
    auto k = handle_key("instagram", typed);
    ASSERT_TRUE(k.ok()) << typed;
    EXPECT_EQ(*k, plain) << typed;
  }
  EXPECT_NE(*handle_key("instagram", "foo_bar"), plain);
  // Decomposed and composed accents are one handle (NFC); only ASCII letters are lowered.
  EXPECT_EQ(*handle_key("youtube", "Zo\xc3\xa9"), *handle_key("youtube", "@zoe\xcc\x81"));
  EXPECT_NE(*handle_key("youtube", "\xc3\x89lodie"), *handle_key("youtube", "\xc3\xa9lodie"));
}

TEST(HandleKey, RefusesListsUnknownPlatformsAndEmptyHandles) {
  auto list = handle_key("list", "foo");
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("platform"), std::string::npos);
  EXPECT_FALSE(handle_key("myspace", "foo").ok());
  auto empty = handle_key("x", " @@ ");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "bad_handle");
  EXPECT_FALSE(handle_key("x", "\xff").ok());
}

// One normalization: a list id is exactly the handle form.
TEST(HandleKey, HandleFormIsTheListIdForm) {
  for (const char* raw : {"@Alice_W", " @ Bob ", "@@x", "\xc3\x89LODIE"})
    EXPECT_EQ(*normalize_handle(raw), normalize_entry({"list", raw, "n"})->id) << raw;
}

}  // namespace
}  // namespace tirage
