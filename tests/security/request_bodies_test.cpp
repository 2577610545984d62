// Attacks on how the server reads requests: bodies and header lines that
// never end, and compressed bodies that inflate a thousandfold. Each must be
// refused (413/415/431, or the connection closed) long before the server has
// read it all, with the server's memory flat.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>

#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"
#include "tests/security/process_watch.hpp"
#include "tests/security/raw_connection.hpp"

namespace tirage::testing {
namespace {

using namespace std::chrono_literals;
constexpr std::size_t kMiB = 1 << 20;
constexpr long kFlatMiB = 32;  // "memory flat": the server grew by less than this while attacked

std::string mib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / kMiB);
  return buf;
}

// What the server did about an attack: the answer's status (0: none), whether it closed, how much it took in.
std::string verdict(const RawConnection& c, std::size_t offered) {
  std::string what = c.status() ? "answered " + std::to_string(c.status()) : "no answer";
  what += c.closed_by_server() ? ", closed the connection" : ", left the connection open";
  return what + " after " + mib(c.sent()) + " of " + mib(offered) + " offered";
}

// Sends head, then `pieces` copies of piece, stopping as soon as the server answers or closes.
void send_until_refused(RawConnection& c, const std::string& head, const std::string& piece, std::size_t pieces) {
  if (!c.send(head)) return;
  for (std::size_t i = 0; i < pieces; ++i) {
    if (!c.send(piece, 3000ms)) return;
    c.receive(0ms);
    if (c.status() != 0 || c.closed_by_server()) return;
  }
}

TEST(RequestBodies, ChunkedBodyOf512MiB) {
  ServerUnderTest server;
  server.start();
  PeakMemory memory(server.pid());
  RawConnection c(server.port());
  ASSERT_TRUE(c.connected());
  const std::string head =
      "POST /api/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk = "100000\r\n" + std::string(kMiB, ' ') + "\r\n";  // 1 MiB of JSON whitespace
  send_until_refused(c, head, chunk, 512);
  if (!c.closed_by_server() && c.status() == 0) c.send("0\r\n\r\n");
  c.receive(5000ms);
  const long growth = memory.stop_growth_mib();
  attack_outcome(verdict(c, 512 * kMiB) + "; server memory +" + std::to_string(growth) + " MiB");
  EXPECT_TRUE(c.status() == 413 || (c.status() == 0 && c.closed_by_server())) << c.receive(0ms).substr(0, 300);
  EXPECT_LT(c.sent(), 64 * kMiB);
  EXPECT_LT(growth, kFlatMiB);
  EXPECT_GE(healthz_milliseconds(server.port()), 0) << "the server stopped answering";
}

// 1 GiB of zeros, gzip-compressed (about 1 MiB).
const std::string& gzip_bomb() {
  static const std::string bomb = [] {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    const std::string zeros(kMiB, '\0');
    std::string out;
    char buf[1 << 16];
    for (int i = 0; i < 1024; ++i) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
      z.avail_in = static_cast<uInt>(zeros.size());
      do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        deflate(&z, i == 1023 ? Z_FINISH : Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
      } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
  }();
  return bomb;
}

TEST(RequestBodies, GzipBombOf1GiB) {
  const std::string& bomb = gzip_bomb();
  ASSERT_LT(bomb.size(), kMiB + 4096);  // small enough to pass a Content-Length check
  ServerUnderTest server;
  server.start();
  PeakMemory memory(server.pid());
  RawConnection c(server.port());
  ASSERT_TRUE(c.connected());
  c.send("POST /api/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n\r\n");
  c.send(bomb, 5000ms);
  c.receive(10000ms);
  const long growth = memory.stop_growth_mib();
  attack_outcome(verdict(c, bomb.size()) + " (" + mib(bomb.size()) + " inflating to 1 GiB); server memory +" +
                 std::to_string(growth) + " MiB");
  EXPECT_TRUE(c.status() == 415 || c.status() == 413 || (c.status() == 0 && c.closed_by_server()))
      << c.receive(0ms).substr(0, 300);
  EXPECT_LT(growth, kFlatMiB);
  EXPECT_GE(healthz_milliseconds(server.port()), 0) << "the server stopped answering";
}

TEST(RequestBodies, BodyWithoutLengthOf256MiB) {
  ServerUnderTest server;
  server.start();
  PeakMemory memory(server.pid());
  RawConnection c(server.port());
  ASSERT_TRUE(c.connected());
  // Neither Content-Length nor Transfer-Encoding: a request with no body, whatever follows it.
  send_until_refused(c, "POST /api/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\r\n",
                     std::string(kMiB, ' '), 256);
  c.finish_sending();
  c.receive(5000ms);
  const long growth = memory.stop_growth_mib();
  attack_outcome(verdict(c, 256 * kMiB) + "; server memory +" + std::to_string(growth) + " MiB");
  EXPECT_NE(c.status(), 0) << "a request without a body gets its answer at once";
  EXPECT_LT(c.sent(), 64 * kMiB);
  EXPECT_LT(growth, kFlatMiB);
}

TEST(RequestBodies, HeaderLineWithoutEndOf256MiB) {
  ServerUnderTest server;
  server.start();
  PeakMemory memory(server.pid());
  RawConnection c(server.port());
  ASSERT_TRUE(c.connected());
  send_until_refused(c, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Endless: ", std::string(kMiB, 'a'), 256);
  c.receive(5000ms);
  const long growth = memory.stop_growth_mib();
  attack_outcome(verdict(c, 256 * kMiB) + "; server memory +" + std::to_string(growth) + " MiB");
  EXPECT_TRUE(c.status() == 431 || c.status() == 400 || (c.status() == 0 && c.closed_by_server()));
  EXPECT_LT(c.sent(), 64 * kMiB);
  EXPECT_LT(growth, kFlatMiB);
}

// Every route that takes a body, whichever file registers it, reads it with the same bound.
TEST(RequestBodies, ChunkedBodiesOnEveryRouteWithABody) {
  ServerUnderTest server;
  server.start();
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/v1/accounts/signup"},   {"POST", "/api/v1/draws"},
      {"POST", "/api/v1/draws/d_x/leaves"},   {"POST", "/api/v1/stripe/webhook"},
      {"POST", "/api/v1/imports"},            {"POST", "/api/v1/oauth/link/confirm"},
      {"DELETE", "/api/v1/api-keys/k_x"},     {"PUT", "/api/v1/no-such-route"}};
  PeakMemory memory(server.pid());
  std::string refused;
  int accepted_whole = 0;
  for (const auto& [method, path] : routes) {
    RawConnection c(server.port());
    ASSERT_TRUE(c.connected());
    send_until_refused(c,
                       method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n",
                       "100000\r\n" + std::string(kMiB, ' ') + "\r\n", 64);
    c.receive(3000ms);
    const bool ok = c.sent() < 32 * kMiB && (c.status() == 413 || (c.status() == 0 && c.closed_by_server()));
    if (!ok) ++accepted_whole;
    refused += (refused.empty() ? "" : ", ") + method + " " + path + ": " +
               (c.status() ? std::to_string(c.status()) : std::string("closed")) + " after " + mib(c.sent());
    EXPECT_TRUE(ok) << method << " " << path << ": " << verdict(c, 64 * kMiB);
  }
  const long growth = memory.stop_growth_mib();
  attack_outcome(std::to_string(routes.size() - accepted_whole) + "/" + std::to_string(routes.size()) +
                 " routes refused a 64 MiB chunked body (" + refused + "); server memory +" + std::to_string(growth) + " MiB");
  EXPECT_LT(growth, kFlatMiB);
}

}  // namespace
}  // namespace tirage::testing
