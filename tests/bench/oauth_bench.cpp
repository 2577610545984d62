// Benchmarks of the OAuth paths the import clients hit on every page they
// fetch: Connections::access_token (SQLite read + AES-256-GCM open of a live
// token), sealing and opening tokens, and Meta signed_request checks.
// Native only (the server side); `make bench` prints it after the core.
//
//   oauth_bench [--calls N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "server/db/database.hpp"
#include "server/db/migrations.hpp"
#include "server/oauth/connections.hpp"
#include "shared/oauth/signed_request.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

}  // namespace

int main(int argc, char** argv) {
  using namespace tirage;
  using namespace tirage::server;
  int calls = 100000;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--calls") calls = std::stoi(argv[i + 1]);
  const std::string dir = (std::filesystem::temp_directory_path() / ("tirage-oauth-bench-" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  auto db = Database::open(dir + "/bench.db");
  if (!db || !migrate(**db)) return std::puts("cannot open the bench database"), 1;
  (void)(*db)->exec("INSERT INTO organizers (id, email, password_hash, created_at) VALUES ('o_bench', 'b@example.com', '!', 0)");
  std::optional<TokenCipher> cipher = *TokenCipher::from_hex_keys(std::string(64, 'a'), {});
  OAuthClients clients;
  Connections connections(**db, cipher, clients);
  TokenSet tokens;
  tokens.access_token = "IGAA" + std::string(180, 'x');  // the size of a real long-lived token
  tokens.access_expires_at = 2'000'000'000;
  Identity account{"17841400000000001", "8392019283746512", "demo.shop", "", false};
  if (!connections.save("o_bench", *find_provider("instagram"), account, tokens, 0)) return std::puts("save failed"), 1;

  auto t0 = Clock::now();
  std::size_t total = 0;
  for (int i = 0; i < calls; ++i) total += connections.access_token("o_bench", "instagram", 1'700'000'000)->size();
  const double s_token = seconds_since(t0);
  std::printf("access_token calls=%d time=%.3fs per_call_us=%.2f (SQLite read + AES-256-GCM open, no renewal) bytes=%zu\n", calls,
              s_token, 1e6 * s_token / calls, total);

  t0 = Clock::now();
  for (int i = 0; i < calls; ++i) {
    auto sealed = cipher->seal(tokens.access_token, "o_bench\ninstagram\naccess");
    total += cipher->open(*sealed, "o_bench\ninstagram\naccess")->size();
  }
  const double s_seal = seconds_since(t0);
  std::printf("seal_and_open calls=%d time=%.3fs per_pair_us=%.2f\n", calls, s_seal, 1e6 * s_seal / calls);

  const std::string request = make_signed_request(Json{{"algorithm", "HMAC-SHA256"}, {"issued_at", 1764000000}, {"user_id", "218471"}}, "secret");
  t0 = Clock::now();
  int ok = 0;
  for (int i = 0; i < calls; ++i) ok += verify_signed_request(request, "secret") ? 1 : 0;
  const double s_sr = seconds_since(t0);
  std::printf("signed_request_verify calls=%d time=%.3fs per_s=%.0f ok=%d\n", calls, s_sr, calls / s_sr, ok);
  std::filesystem::remove_all(dir);
  return 0;
}
