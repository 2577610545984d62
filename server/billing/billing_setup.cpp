#include "server/billing/billing_setup.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "server/billing/default_plans_embedded.hpp"
#include "server/log/event_log.hpp"

namespace tirage::server {

Result<PlanCatalog> load_plans(const std::string& path) {
  std::string text = embedded_default_plans();
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("bad_plans", "cannot read the plans file " + path);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto plans = parse_plans(text);
  if (!plans) return make_error("bad_plans", (path.empty() ? "the built-in plans" : path) + ": " + plans.error().message);
  return plans;
}

Result<std::string> read_secret(const char* name) {
  if (const char* v = std::getenv(name); v && *v) return std::string(v);
  const std::string file_var = std::string(name) + "_FILE";
  const char* path = std::getenv(file_var.c_str());
  if (!path || !*path) return std::string();
  struct stat st {};
  if (::stat(path, &st) != 0) return make_error("usage", file_var + ": cannot read " + path);
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return make_error("usage", file_var + ": " + std::string(path) + " can be read by others; chmod 600 it");
  std::ifstream in(path, std::ios::binary);
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) return make_error("usage", file_var + ": " + std::string(path) + " is empty");
  return secret;
}

Result<std::unique_ptr<BillingService>> open_billing(const Config& config, Database& db, Outbox& outbox) {
  PlanCatalog plans;
  TIRAGE_TRY_ASSIGN(plans, load_plans(config.plans_path));
  std::string key, webhook_secret;
  TIRAGE_TRY_ASSIGN(key, read_secret("STRIPE_SECRET_KEY"));
  TIRAGE_TRY_ASSIGN(webhook_secret, read_secret("STRIPE_WEBHOOK_SECRET"));
  if (!key.empty() && key.rfind("sk_", 0) != 0 && key.rfind("rk_", 0) != 0)
    return make_error("usage", "STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_... or rk_...)");
  if (!webhook_secret.empty() && webhook_secret.rfind("whsec_", 0) != 0)
    return make_error("usage", "STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_...)");
  log_event(key.empty() ? "warn" : "info", "billing",
            {{"plans", config.plans_path.empty() ? "built-in config/plans.json" : config.plans_path},
             {"stripe", key.empty() ? "not configured: checkout and portal answer 503, limits still apply"
                                    : std::string(key.rfind("sk_live_", 0) == 0 ? "live" : "test") + " mode"},
             {"stripe_api", config.stripe_api_url},
             {"webhooks", webhook_secret.empty() ? "not configured" : "signature checked"}});
  return std::make_unique<BillingService>(db, std::move(plans), std::make_unique<StripeClient>(config.stripe_api_url, key),
                                          BillingSettings{config.public_url, webhook_secret}, outbox);
}

}  // namespace tirage::server
