#include "tests/unit/app/fake_transport.hpp"

namespace tirage::app::testing {

void FakeTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
  sent_.push_back(request);
  waiting_.push_back(Waiting{std::move(request), std::move(done)});
}

std::vector<HttpRequest> FakeTransport::waiting() const {
  std::vector<HttpRequest> out;
  for (const auto& w : waiting_) out.push_back(w.request);
  return out;
}

bool FakeTransport::reply(int status, std::string body, std::string retry_after) {
  if (waiting_.empty()) return false;
  Waiting w = std::move(waiting_.front());
  waiting_.pop_front();  // before the answer: it may send the next request
  w.done(HttpResponse{status, std::move(body), std::move(retry_after)});
  return true;
}

int FakeTransport::serve(const Handler& handler, int limit) {
  int answered = 0;
  while (!waiting_.empty() && answered < limit) {
    Waiting w = std::move(waiting_.front());
    waiting_.pop_front();
    w.done(handler(w.request));
    ++answered;
  }
  return answered;
}

std::string line(const HttpRequest& r) { return r.method + " " + r.path; }

}  // namespace tirage::app::testing
