// The app's Transport for tests: every request is recorded and waits until
// the test answers it (as fetch() answers later, never inside the call), and
// the clock is whatever the test sets. Answers come one at a time (reply) or
// from a handler until nothing is left waiting (serve).
//
//   FakeTransport net;
//   ApiClient api;
//   api.set_transport(net);
//   model.load(api);
//   ASSERT_EQ(net.waiting().front().path, "/api/v1/connections");
//   net.reply(200, R"({"available": []})");
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "wasm/app/api/transport.hpp"

namespace tirage::app::testing {

class FakeTransport final : public Transport {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  void send(HttpRequest request, std::function<void(HttpResponse)> done) override;
  double now() const override { return now_; }
  void set_now(double t) { now_ = t; }

  // Every request sent so far, oldest first.
  const std::vector<HttpRequest>& sent() const { return sent_; }
  // The requests not answered yet, oldest first.
  std::vector<HttpRequest> waiting() const;
  // Answers the oldest waiting request; false when none waits.
  bool reply(int status, std::string body = "{}", std::string retry_after = "");
  // Answers the oldest waiting request as unreachable (status 0, what fetch() reports offline).
  bool reply_offline() { return reply(0, ""); }
  // Answers with handler every waiting request, and those the answers send, until none waits; how many it answered.
  int serve(const Handler& handler, int limit = 10'000);

 private:
  struct Waiting {
    HttpRequest request;
    std::function<void(HttpResponse)> done;
  };
  double now_ = 0;
  std::vector<HttpRequest> sent_;
  std::deque<Waiting> waiting_;
};

// "GET /api/v1/draws/d1" for a request (method, space, path with its query).
std::string line(const HttpRequest& r);

}  // namespace tirage::app::testing
