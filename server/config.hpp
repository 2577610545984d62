// The server's configuration: flags, with environment variables as defaults
// (TIRAGE_LISTEN, TIRAGE_DATA, TIRAGE_PUBLIC_URL, TIRAGE_BEACON,
// TIRAGE_DRAND_URLS, TIRAGE_DRAND_CHAIN, TIRAGE_SMTP_URL, TIRAGE_MAIL_FROM, TIRAGE_PLANS, TIRAGE_STRIPE_API_URL,
// TIRAGE_OAUTH_SANDBOX, TIRAGE_PUBLISH_WINDOW, TIRAGE_TRUSTED_PROXY, TIRAGE_CLIENT_ADDRESS_HEADER,
// TIRAGE_SMTP_CA_FILE, TIRAGE_OPERATOR_NAME, TIRAGE_OPERATOR_ADDRESS, TIRAGE_OPERATOR_CONTACT,
// TIRAGE_IMPORT_RETENTION_SECONDS, TIRAGE_IMPORT_UNUSED_RETENTION_SECONDS, PORT). Stripe secrets are read by server/billing/billing_setup.cpp, OAuth
// client ids and secrets and the token key by server/oauth (docs/deploy.md lists them); never kept here.
#pragma once

#include <string>
#include <vector>

#include "server/imports/import_config.hpp"
#include "shared/core/result.hpp"

namespace tirage::server {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "var/data";
  std::string public_url = "http://localhost:8080";
  std::string beacon = "auto";  // auto (drand if reachable, else local), drand, local
  std::vector<std::string> drand_urls = {"https://api.drand.sh", "https://api2.drand.sh", "https://api3.drand.sh",
                                         "https://drand.cloudflare.com"};
  int drand_timeout_ms = 3000;
  std::string drand_chain_path;  // a drand chain info JSON to pin instead of quicknet (tests); empty: quicknet
  std::string smtp_url;  // smtp://, smtp+starttls:// or smtps:// (server/mail/smtp_client.hpp); empty: mail is kept in the outbox only
  std::string smtp_ca_file;  // extra CA certificates (PEM) trusted for the relay's TLS certificate
  std::string mail_from = "Tirage <no-reply@localhost>";
  int mail_retry_seconds = 30;  // first retry of a failed send; doubles each time
  std::string static_dir = "";  // where web/ and public/ live; empty: next to the binary's source tree
  std::string app_dir = "";     // the organizer app's Wasm build; empty: build/wasm/app under static_dir
  int threads = 32;
  std::size_t api_key_requests_per_minute = 600;  // per API key, any 60 s (server/http/api_gate.hpp)
  long long publish_window = 86400;  // seconds after the beacon within which a result must be published
  std::string plans_path;  // plans file; empty: the copy of config/plans.json compiled in
  std::string stripe_api_url = "https://api.stripe.com";
  std::string oauth_sandbox;  // empty: the real OAuth hosts; tests: a fake standing in for all of them
  std::string trusted_proxies;                     // addresses/CIDR ranges whose proxy headers are believed; empty: none
  std::string client_address_header = "X-Forwarded-For";  // where a trusted proxy puts the client's address
  ImportConfig imports;                      // comment imports: hosts, backoff, retention (--sandbox: the fakes)
  // Who runs this server, on every legal page: the controller of the personal data it holds.
  std::string operator_name, operator_address;
  std::string operator_contact;  // where people write about their data; empty: mail_from
};

// The help text listing every flag and its environment variable.
std::string config_help();

// Reads flags (argv[first..]) over environment defaults; errors name the flag.
Result<Config> parse_config(int argc, char** argv, int first);

}  // namespace tirage::server
