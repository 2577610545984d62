#include "server/config.hpp"

#include "server/http/client_address.hpp"

#include <cstdlib>
#include <optional>
#include <sstream>

namespace tirage::server {

namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

Status set_listen(Config& c, const std::string& value) {
  auto colon = value.rfind(':');
  if (colon == std::string::npos) return make_error("usage", "--listen must be HOST:PORT, got \"" + value + "\"");
  c.host = value.substr(0, colon);
  const std::string port = value.substr(colon + 1);
  char* end = nullptr;
  long p = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end || p < 0 || p > 65535) return make_error("usage", "--listen: bad port \"" + port + "\"");
  c.port = static_cast<int>(p);
  return {};
}

}  // namespace

std::string config_help() {
  return "usage: tirage-server [serve] [options]\n"
         "       tirage-server user add --data DIR --email E --password P [--api-key] [--plan ID]\n"
         "       tirage-server key rotate --data DIR\n\n"
         "options (environment variable in brackets):\n"
         "  --listen HOST:PORT   address to serve on [TIRAGE_LISTEN; PORT sets the port on 0.0.0.0]\n"
         "                       (default 127.0.0.1:8080)\n"
         "  --data DIR           database, signing keys and local beacon secrets [TIRAGE_DATA] (default var/data)\n"
         "  --public-url URL     the address people use, for links in mail and pages [TIRAGE_PUBLIC_URL]\n"
         "  --beacon MODE        auto, drand or local [TIRAGE_BEACON] (default auto: drand when a relay\n"
         "                       answers at start, else the weaker local beacon, said in the log)\n"
         "  --drand-urls LIST    comma-separated drand relays, tried in turn [TIRAGE_DRAND_URLS]\n"
         "  --drand-timeout-ms N per-request timeout for drand relays (default 3000)\n"
         "  --drand-chain FILE   pin the drand chain FILE describes (chain info JSON, as GET /{hash}/info\n"
         "                       serves it) instead of quicknet: for test chains [TIRAGE_DRAND_CHAIN]\n"
         "  --smtp-url URL       the mail relay [TIRAGE_SMTP_URL]: smtp://host:port (plain, a local relay),\n"
         "                       smtp+starttls://[user[:password]@]host:port (STARTTLS required, then AUTH)\n"
         "                       or smtps://[user[:password]@]host:port (TLS from the start); the password\n"
         "                       may come from TIRAGE_SMTP_PASSWORD(_FILE) instead; without a URL mail\n"
         "                       stays in the durable outbox\n"
         "  --smtp-ca-file FILE  CA certificates (PEM) trusted for the relay besides the system's [TIRAGE_SMTP_CA_FILE]\n"
         "  --mail-from ADDRESS  sender of outgoing mail [TIRAGE_MAIL_FROM]\n"
         "  --mail-retry-seconds N  wait before retrying a failed send, doubled each time (default 30)\n"
         "  --operator-name NAME       who runs this server (person or company), shown on every legal\n"
         "                             page [TIRAGE_OPERATOR_NAME]\n"
         "  --operator-address TEXT    the operator's postal address [TIRAGE_OPERATOR_ADDRESS]\n"
         "  --operator-contact TEXT    where people write about their data, e.g. an address\n"
         "                             [TIRAGE_OPERATOR_CONTACT] (default: --mail-from)\n"
         "  --static DIR         repository root holding web/ and public/ [TIRAGE_STATIC]\n"
         "  --app-dir DIR        the organizer app's Wasm build, served at /assets/app/bin/\n"
         "                       (default build/wasm/app under --static) [TIRAGE_APP_DIR]\n"
         "  --threads N          request threads (default 32)\n"
         "  --api-key-rate N     requests per minute per API key (default 600, 1 to 1000000)\n"
         "  --publish-window SECONDS  how long after its beacon a draw's result may be published\n"
         "                       (default 86400, at least 10); later the draw shows as abandoned\n"
         "                       [TIRAGE_PUBLISH_WINDOW]\n"
         "  --trusted-proxy LIST addresses or CIDR ranges (comma-separated) of the reverse proxy in front\n"
         "                       of the server [TIRAGE_TRUSTED_PROXY]: only from them are the client's\n"
         "                       address and https (X-Forwarded-Proto) taken from proxy headers\n"
         "  --client-address-header NAME  where that proxy puts the client's address\n"
         "                       [TIRAGE_CLIENT_ADDRESS_HEADER] (default X-Forwarded-For; Railway: X-Real-IP)\n"
         "  --plans FILE         plans, limits and prices [TIRAGE_PLANS] (default: config/plans.json as built)\n"
         "  --stripe-api-url URL Stripe's API [TIRAGE_STRIPE_API_URL] (default https://api.stripe.com)\n"
         "  Stripe secrets come only from the environment: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET,\n"
         "  or STRIPE_SECRET_KEY_FILE and STRIPE_WEBHOOK_SECRET_FILE naming files of mode 0600\n"
         "  --oauth-sandbox URL  send every OAuth request for https://HOST/PATH to URL/HOST/PATH instead\n"
         "                       (tests and local fakes only) [TIRAGE_OAUTH_SANDBOX]\n"
         + import_config_help() +
         "  --help               this text\n";
}

Result<Config> parse_config(int argc, char** argv, int first) {
  Config c;
  if (const char* v = env("PORT")) {
    c.host = "0.0.0.0";
    if (auto ok = set_listen(c, std::string("0.0.0.0:") + v); !ok) return ok.error();
  }
  if (const char* v = env("TIRAGE_LISTEN"))
    if (auto ok = set_listen(c, v); !ok) return ok.error();
  if (const char* v = env("TIRAGE_DATA")) c.data_dir = v;
  if (const char* v = env("TIRAGE_PUBLIC_URL")) c.public_url = v;
  if (const char* v = env("TIRAGE_BEACON")) c.beacon = v;
  if (const char* v = env("TIRAGE_DRAND_URLS")) c.drand_urls = split_commas(v);
  if (const char* v = env("TIRAGE_DRAND_CHAIN")) c.drand_chain_path = v;
  if (const char* v = env("TIRAGE_SMTP_URL")) c.smtp_url = v;
  if (const char* v = env("TIRAGE_SMTP_CA_FILE")) c.smtp_ca_file = v;
  if (const char* v = env("TIRAGE_TRUSTED_PROXY")) c.trusted_proxies = v;
  if (const char* v = env("TIRAGE_CLIENT_ADDRESS_HEADER")) c.client_address_header = v;
  if (const char* v = env("TIRAGE_MAIL_FROM")) c.mail_from = v;
  if (const char* v = env("TIRAGE_OPERATOR_NAME")) c.operator_name = v;
  if (const char* v = env("TIRAGE_OPERATOR_ADDRESS")) c.operator_address = v;
  if (const char* v = env("TIRAGE_OPERATOR_CONTACT")) c.operator_contact = v;
  if (const char* v = env("TIRAGE_STATIC")) c.static_dir = v;
  if (const char* v = env("TIRAGE_APP_DIR")) c.app_dir = v;
  if (const char* v = env("TIRAGE_PLANS")) c.plans_path = v;
  if (const char* v = env("TIRAGE_STRIPE_API_URL")) c.stripe_api_url = v;
  if (const char* v = env("TIRAGE_OAUTH_SANDBOX")) c.oauth_sandbox = v;
  std::optional<std::string> publish_window;
  if (const char* v = env("TIRAGE_PUBLISH_WINDOW")) publish_window = v;
  if (env("TIRAGE_SANDBOX")) c.imports.sandbox = true;
  if (const char* v = env("TIRAGE_SANDBOX_TOKEN")) c.imports.sandbox_token = v;
  if (auto ok = read_import_env(c.imports); !ok) return ok.error();

  for (int i = first; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= argc) return make_error("usage", flag + " needs a value");
      return std::string(argv[++i]);
    };
    Result<std::string> v = std::string();
    if (flag == "--listen") {
      if (!(v = value())) return v.error();
      if (auto ok = set_listen(c, *v); !ok) return ok.error();
    } else if (flag == "--data") {
      if (!(v = value())) return v.error();
      c.data_dir = *v;
    } else if (flag == "--public-url") {
      if (!(v = value())) return v.error();
      c.public_url = *v;
    } else if (flag == "--beacon") {
      if (!(v = value())) return v.error();
      c.beacon = *v;
    } else if (flag == "--drand-urls") {
      if (!(v = value())) return v.error();
      c.drand_urls = split_commas(*v);
    } else if (flag == "--drand-chain") {
      if (!(v = value())) return v.error();
      c.drand_chain_path = *v;
    } else if (flag == "--drand-timeout-ms") {
      if (!(v = value())) return v.error();
      c.drand_timeout_ms = std::atoi(v->c_str());
      if (c.drand_timeout_ms <= 0) return make_error("usage", "--drand-timeout-ms must be a positive number");
    } else if (flag == "--smtp-url") {
      if (!(v = value())) return v.error();
      c.smtp_url = *v;
    } else if (flag == "--smtp-ca-file") {
      if (!(v = value())) return v.error();
      c.smtp_ca_file = *v;
    } else if (flag == "--trusted-proxy") {
      if (!(v = value())) return v.error();
      c.trusted_proxies = *v;
    } else if (flag == "--client-address-header") {
      if (!(v = value())) return v.error();
      c.client_address_header = *v;
    } else if (flag == "--mail-from") {
      if (!(v = value())) return v.error();
      c.mail_from = *v;
    } else if (flag == "--operator-name") {
      if (!(v = value())) return v.error();
      c.operator_name = *v;
    } else if (flag == "--operator-address") {
      if (!(v = value())) return v.error();
      c.operator_address = *v;
    } else if (flag == "--operator-contact") {
      if (!(v = value())) return v.error();
      c.operator_contact = *v;
    } else if (flag == "--mail-retry-seconds") {
      if (!(v = value())) return v.error();
      c.mail_retry_seconds = std::atoi(v->c_str());
      if (c.mail_retry_seconds < 1) return make_error("usage", "--mail-retry-seconds must be at least 1");
    } else if (flag == "--static") {
      if (!(v = value())) return v.error();
      c.static_dir = *v;
    } else if (flag == "--app-dir") {
      if (!(v = value())) return v.error();
      c.app_dir = *v;
    } else if (flag == "--threads") {
      if (!(v = value())) return v.error();
      c.threads = std::atoi(v->c_str());
      if (c.threads < 2 || c.threads > 1024) return make_error("usage", "--threads must be between 2 and 1024");
    } else if (flag == "--api-key-rate") {
      if (!(v = value())) return v.error();
      const std::string& n = *v;
      if (n.empty() || n.size() > 7 || n.find_first_not_of("0123456789") != std::string::npos || std::stol(n) < 1 || std::stol(n) > 1000000)
        return make_error("usage", "--api-key-rate must be a number of requests per minute from 1 to 1000000, got \"" + n.substr(0, 40) + "\"");
      c.api_key_requests_per_minute = static_cast<std::size_t>(std::stol(n));
    } else if (flag == "--publish-window") {
      if (!(v = value())) return v.error();
      publish_window = *v;
    } else if (flag == "--plans") {
      if (!(v = value())) return v.error();
      c.plans_path = *v;
    } else if (flag == "--stripe-api-url") {
      if (!(v = value())) return v.error();
      c.stripe_api_url = *v;
    } else if (flag == "--oauth-sandbox") {
      if (!(v = value())) return v.error();
      c.oauth_sandbox = *v;
    } else if (auto handled = parse_import_flag(c.imports, flag, argc, argv, i); !handled) {
      return handled.error();
    } else if (!*handled) {
      return make_error("usage", "unknown option " + flag + " (see --help)");
    }
  }
  if (auto ok = finish_import_config(c.imports); !ok) return ok.error();
  if (publish_window) {
    // Digits only, at most 9 (over 31 years): no sign, no unit, no overflow.
    const std::string& w = *publish_window;
    if (w.empty() || w.size() > 9 || w.find_first_not_of("0123456789") != std::string::npos || std::stoll(w) < 10)
      return make_error("usage", "--publish-window must be a number of seconds, at least 10, got \"" + w.substr(0, 40) + "\"");
    c.publish_window = std::stoll(w);
  }
  if (c.beacon != "auto" && c.beacon != "drand" && c.beacon != "local")
    return make_error("usage", "--beacon must be auto, drand or local, got \"" + c.beacon + "\"");
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  for (auto [flag, value] : {std::pair{"--operator-name", &c.operator_name}, std::pair{"--operator-address", &c.operator_address},
                             std::pair{"--operator-contact", &c.operator_contact}})
    if (value->size() > 300 || value->find_first_of("\r\n") != std::string::npos)
      return make_error("usage", std::string(flag) + " must be one line of at most 300 bytes");
  if (c.operator_contact.empty()) c.operator_contact = c.mail_from;
  if (auto proxies = TrustedProxies::parse(c.trusted_proxies, c.client_address_header); !proxies) return proxies.error();
  if (c.stripe_api_url.rfind("https://", 0) != 0 && c.stripe_api_url.rfind("http://127.0.0.1:", 0) != 0 &&
      c.stripe_api_url.rfind("http://localhost:", 0) != 0)
    return make_error("usage", "--stripe-api-url must be https:// (or http:// on 127.0.0.1 or localhost, for tests)");
  while (!c.oauth_sandbox.empty() && c.oauth_sandbox.back() == '/') c.oauth_sandbox.pop_back();
  return c;
}

}  // namespace tirage::server
