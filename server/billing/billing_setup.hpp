// Builds the billing service from the configuration: the plans file (checked
// strictly; the copy of config/plans.json compiled in when none is given) and
// the Stripe secrets, read from the environment or from files only their
// owner can read. Secrets never reach the log.
#pragma once

#include <memory>

#include "server/billing/billing_service.hpp"
#include "server/config.hpp"

namespace tirage::server {

// The plans from `path`, or the compiled-in default when path is empty; errors name the file and field.
Result<PlanCatalog> load_plans(const std::string& path);

// A secret from the environment variable `name`, else from the file `name`_FILE names (mode 0600 or
// stricter). Empty when neither is set.
Result<std::string> read_secret(const char* name);

Result<std::unique_ptr<BillingService>> open_billing(const Config& config, Database& db, Outbox& outbox);

}  // namespace tirage::server
