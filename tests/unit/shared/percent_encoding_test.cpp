// Percent-encoding as RFC 3986 section 2 defines it: the one encoder behind the
// Stripe, OAuth and platform clients' query strings and form bodies.
#include "shared/core/percent_encoding.hpp"

#include <gtest/gtest.h>

namespace tirage {
namespace {

TEST(PercentEncoding, KeepsOnlyTheUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode(" !\"#$%&'()*+,/:;=?@[]"), "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(PercentEncoding, EncodesUtf8BytesAndControlBytesInUpperCaseHex) {
  EXPECT_EQ(percent_encode("é"), "%C3%A9");
  EXPECT_EQ(percent_encode(std::string_view("\0\n\xff", 3)), "%00%0A%FF");
}

TEST(PercentEncoding, FormBodyKeepsOrderAndEncodesBothSides) {
  EXPECT_EQ(form_urlencode({{"metadata[organizer_id]", "o 1&x"}, {"a", "é"}}), "metadata%5Borganizer_id%5D=o%201%26x&a=%C3%A9");
  EXPECT_EQ(form_urlencode({{"b", ""}, {"a", "1"}}), "b=&a=1");
  EXPECT_EQ(form_urlencode({}), "");
}

}  // namespace
}  // namespace tirage
