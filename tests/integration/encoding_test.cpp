// The server's answers are compressed with gzip, never with cpp-httplib's
// Brotli at quality 11 (about a second of CPU per 165 kB page of comments;
// see server/http/response_encoding.hpp), whatever the browser accepts.
#include <gtest/gtest.h>

#include "server/http/response_encoding.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

TEST(ResponseEncoding, DropsOnlyTheBrotliEntries) {
  EXPECT_EQ(server::without_brotli("gzip, deflate, br, zstd"), "gzip, deflate, zstd");
  EXPECT_EQ(server::without_brotli("br;q=1.0, gzip;q=0.8"), "gzip;q=0.8");
  EXPECT_EQ(server::without_brotli("BR"), "");
  EXPECT_EQ(server::without_brotli(""), "");
  EXPECT_EQ(server::without_brotli("identity"), "identity");
}

TEST(ResponseEncoding, BrowsersGetGzipAndNeverBrotli) {
  ServerUnderTest server;
  server.start();
  // What Chromium sends: cpp-httplib alone would pick Brotli.
  auto chromium = server.get("/healthz", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  EXPECT_EQ(chromium.status, 200);
  EXPECT_EQ(chromium.headers["Content-Encoding"], "gzip");
  auto brotli_only = server.get("/healthz", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(brotli_only.status, 200);
  EXPECT_EQ(brotli_only.headers.count("Content-Encoding"), 0u) << brotli_only.headers["Content-Encoding"];
}

}  // namespace
}  // namespace tirage::testing
