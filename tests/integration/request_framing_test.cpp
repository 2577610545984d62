// The connection front's request framing (server/http/request_framing.hpp)
// on its own: what it hands cpp-httplib, what it refuses, and that it reads a
// request the same whatever way its bytes are split.
#include "server/http/request_framing.hpp"

#include <gtest/gtest.h>

namespace tirage::server {
namespace {

FramingLimits small() { return {64, 256, 8, 100}; }

struct Framed {
  RequestFramer::State state;
  std::string request;  // complete: the re-framed request
  int status = 0;
  std::size_t used = 0;
};

// Feeds bytes in pieces of `step` (the whole at once when 0).
Framed frame(const std::string& bytes, std::size_t step = 0, FramingLimits limits = small()) {
  RequestFramer f(limits);
  Framed out{RequestFramer::State::need_more, "", 0, 0};
  const std::size_t piece = step == 0 ? bytes.size() : step;
  while (out.used < bytes.size() && f.state() == RequestFramer::State::need_more) {
    const std::string_view next = std::string_view(bytes).substr(out.used, piece);
    const std::size_t used = f.feed(next);
    out.used += used;
    if (used < next.size()) break;  // the request ended inside this piece
  }
  out.state = f.state();
  if (out.state == RequestFramer::State::complete) out.request = f.take_request();
  if (out.state == RequestFramer::State::refused) out.status = f.status();
  return out;
}

TEST(RequestFraming, ContentLengthBodiesPassWithOneContentLength) {
  const std::string req = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next";
  for (std::size_t step : {0, 1, 3}) {
    auto f = frame(req, step);
    ASSERT_EQ(f.state, RequestFramer::State::complete) << step;
    EXPECT_EQ(f.request, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_EQ(f.used, req.size() - 9) << "the pipelined request stays for later";
  }
}

TEST(RequestFraming, ChunkedBodiesAreDecoded) {
  const std::string req =
      "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n";
  for (std::size_t step : {0, 1, 7}) {
    auto f = frame(req, step);
    ASSERT_EQ(f.state, RequestFramer::State::complete) << step;
    EXPECT_EQ(f.request, "POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world");
  }
}

TEST(RequestFraming, RequestsWithoutALengthHaveNoBody) {
  auto post = frame("POST /a HTTP/1.1\r\nHost: x\r\n\r\n{\"a\":1}");
  ASSERT_EQ(post.state, RequestFramer::State::complete);
  EXPECT_EQ(post.request, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  auto get = frame("\r\nGET /healthz HTTP/1.0\r\n\r\n");
  ASSERT_EQ(get.state, RequestFramer::State::complete);
  EXPECT_EQ(get.request, "GET /healthz HTTP/1.0\r\n\r\n");
}

TEST(RequestFraming, RefusesWhatItCannotReadSafely) {
  const std::pair<std::string, int> cases[] = {
      {"POST /a HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413},
      {"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + std::string(100, 'a') + "\r\n1\r\n", 413},
      {"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 400},
      {"POST /a HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n", 415},
      {"POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400},
      {"POST /a HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400},
      {"POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"GET /" + std::string(100, 'a') + " HTTP/1.1\r\n", 414},
      {"GET / HTTP/1.1\r\nX: " + std::string(300, 'a'), 431},
      {"GET / HTTP/2.0\r\n\r\n", 505},
      {"GET /\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\n folded\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nExpect: magic\r\n\r\n", 417},
      {"\r\n\r\n\r\n\r\n\r\n\r\n", 400},
  };
  for (const auto& [bytes, status] : cases) {
    auto f = frame(bytes);
    EXPECT_EQ(f.state, RequestFramer::State::refused) << bytes.substr(0, 80);
    EXPECT_EQ(f.status, status) << bytes.substr(0, 80);
  }
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 9; ++i) many += "X" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(frame(many).status, 431) << "more header lines than allowed";
}

TEST(RequestFraming, ContinueIsOfferedOnceBeforeTheBody) {
  RequestFramer f(small());
  f.feed("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
  EXPECT_TRUE(f.take_continue());
  EXPECT_FALSE(f.take_continue());
  f.feed("abc");
  ASSERT_EQ(f.state(), RequestFramer::State::complete);
  EXPECT_EQ(f.take_request(), "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
}

TEST(RequestFraming, StartedOnlyOnceARequestBegins) {
  RequestFramer f(small());
  f.feed("\r\n");
  EXPECT_FALSE(f.started());
  f.feed("GE");
  EXPECT_TRUE(f.started());
  f.reset();
  EXPECT_FALSE(f.started());
}

}  // namespace
}  // namespace tirage::server
