#include "server/imports/import_config.hpp"

#include <cstdlib>

namespace tirage::server {

namespace {
// The fakes' default ports under --sandbox (tests/fakes/README or each fake's --help).
constexpr int kSandboxPorts[] = {8701, 8702, 8703, 8704, 8705};

// A number from min to max in text; the error names what it came from.
Result<long long> number_in(const std::string& name, const std::string& text, long long min, long long max) {
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end || n < min || n > max)
    return make_error("usage", name + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}
}  // namespace

Status read_import_env(ImportConfig& c) {
  for (auto [name, target] : {std::pair{"TIRAGE_IMPORT_RETENTION_SECONDS", &c.retention.after_draw_s},
                              std::pair{"TIRAGE_IMPORT_UNUSED_RETENTION_SECONDS", &c.retention.unused_s}}) {
    const char* v = std::getenv(name);
    if (!v || !*v) continue;
    auto n = number_in(name, v, 1, ImportConfig::kMaxRetentionS);
    if (!n) return n.error();
    *target = *n;
  }
  return {};
}

const std::string& ImportConfig::base_url(Platform p) const {
  switch (p) {
    case Platform::instagram: return instagram_url;
    case Platform::facebook: return facebook_url;
    case Platform::youtube: return youtube_url;
    case Platform::x: return x_url;
    case Platform::tiktok: return tiktok_url;
  }
  return instagram_url;
}

std::string& ImportConfig::base_url(Platform p) {
  return const_cast<std::string&>(static_cast<const ImportConfig&>(*this).base_url(p));
}

Result<bool> parse_import_flag(ImportConfig& c, const std::string& flag, int argc, char** argv, int& i) {
  auto value = [&]() -> Result<std::string> {
    if (i + 1 >= argc) return make_error("usage", flag + " needs a value");
    return std::string(argv[++i]);
  };
  auto positive = [&](long long min, long long max) -> Result<long long> {
    auto v = value();
    if (!v) return v.error();
    return number_in(flag, *v, min, max);
  };
  if (flag == "--sandbox") {
    c.sandbox = true;
  } else if (flag == "--sandbox-token") {
    auto v = value();
    if (!v) return v.error();
    c.sandbox_token = *v;
  } else if (flag == "--platform-url") {
    auto v = value();
    if (!v) return v.error();
    const auto eq = v->find('=');
    auto platform = platform_from_name(eq == std::string::npos ? *v : v->substr(0, eq));
    if (eq == std::string::npos || !platform)
      return make_error("usage", "--platform-url must be NAME=URL with NAME instagram, facebook, youtube, x or tiktok");
    c.base_url(*platform) = v->substr(eq + 1);
  } else if (flag == "--import-backoff-ms") {
    auto n = positive(1, 600000);
    if (!n) return n.error();
    c.backoff_ms = static_cast<int>(*n);
  } else if (flag == "--import-wait-cap-ms") {
    auto n = positive(1, 7LL * 24 * 3600 * 1000);
    if (!n) return n.error();
    c.wait_cap_ms = *n;
  } else if (flag == "--x-collect-interval-s") {
    auto n = positive(1, 6LL * 24 * 3600);
    if (!n) return n.error();
    c.x_collect_interval_s = *n;
  } else if (flag == "--import-retention-seconds") {
    auto n = positive(1, ImportConfig::kMaxRetentionS);
    if (!n) return n.error();
    c.retention.after_draw_s = *n;
  } else if (flag == "--import-unused-retention-seconds") {
    auto n = positive(1, ImportConfig::kMaxRetentionS);
    if (!n) return n.error();
    c.retention.unused_s = *n;
  } else if (flag == "--import-page-size") {
    auto n = positive(1, 100);
    if (!n) return n.error();
    c.page_size = static_cast<int>(*n);
  } else {
    return false;
  }
  return true;
}

Status finish_import_config(ImportConfig& c) {
  const ImportConfig production;
  bool overridden = false;
  for (Platform p : {Platform::instagram, Platform::facebook, Platform::youtube, Platform::x, Platform::tiktok})
    overridden = overridden || c.base_url(p) != production.base_url(p);
  if (!c.sandbox_token.empty() && !c.sandbox)
    return make_error("usage", "--sandbox-token is for tests: it needs --sandbox (production uses each organizer's own connections)");
  if (overridden && !c.sandbox)
    return make_error("usage", "--platform-url is for tests: it needs --sandbox (production always talks to the real hosts)");
  if (!c.sandbox) return {};
  int k = 0;
  for (Platform p : {Platform::instagram, Platform::facebook, Platform::youtube, Platform::x, Platform::tiktok}) {
    std::string& url = c.base_url(p);
    if (url.rfind("https://", 0) == 0) url = "http://127.0.0.1:" + std::to_string(kSandboxPorts[k]);
    ++k;
  }
  return {};
}

std::string import_config_help() {
  return "  --sandbox            comment imports talk to the local fakes (tests/fakes/fake_*.py on ports\n"
         "                       8701-8705), never to the real platforms [TIRAGE_SANDBOX=1]\n"
         "  --sandbox-token T    with --sandbox: every import uses token T instead of the organizer's\n"
         "                       connection (tests of the import API alone) [TIRAGE_SANDBOX_TOKEN]\n"
         "  --platform-url NAME=URL  with --sandbox: where one platform's fake listens\n"
         "  --import-backoff-ms N    first retry delay after a platform's transient failure (default 1000)\n"
         "  --import-wait-cap-ms N   longest rate-limit pause honoured at once (default 24 h; tests shorten it)\n"
         "  --import-page-size N     comments asked per page (default: each platform's own, Instagram 25)\n"
         "  --x-collect-interval-s N X imports with collect_until search for new replies every N seconds\n"
         "                           (default 21600 = 6 h; at most 6 days, inside X's 7-day search window)\n"
         "  --import-retention-seconds N  imported comments are deleted N seconds after the last draw that\n"
         "                           used their post is published or abandoned (default 604800 = 7 days)\n"
         "                           [TIRAGE_IMPORT_RETENTION_SECONDS]\n"
         "  --import-unused-retention-seconds N  and N seconds after an import no draw used stopped\n"
         "                           changing (default 2592000 = 30 days) [TIRAGE_IMPORT_UNUSED_RETENTION_SECONDS]\n";
}

}  // namespace tirage::server
