#include "tests/integration/api_record.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "shared/protocol/jcs.hpp"

namespace tirage::testing {

void record_api_answer(const std::string& method, const std::string& path, const httplib::Result& answer) {
  const char* dir = std::getenv("TIRAGE_API_RECORD_DIR");
  if (dir == nullptr || *dir == '\0' || !answer) return;
  Json line{{"method", method}, {"path", path.substr(0, path.find('?'))}, {"status", answer->status},
            {"content_type", answer->get_header_value("Content-Type")}};
  Json headers = Json::object();
  for (const char* name : {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "X-Request-Id"})
    if (answer->has_header(name)) headers[name] = answer->get_header_value(name);
  line["headers"] = headers;
  auto body = parse_json(answer->body);
  line["body"] = body ? *body : Json(nullptr);
  line["json"] = body.ok();
  // One file per process (ctest runs suites in parallel), one line per answer; the mutex keeps threads' lines whole.
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::error_code ignored;
  std::filesystem::create_directories(dir, ignored);  // ctest's reset step removed it
  std::ofstream out(std::string(dir) + "/answers-" + std::to_string(getpid()) + ".jsonl", std::ios::app);
  out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace tirage::testing
