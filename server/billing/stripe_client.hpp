// Calls to Stripe's API: form-encoded POSTs (bracket notation for nested
// fields) with an Idempotency-Key on every create, GETs for re-reading objects,
// JSON answers bounded in size, Stripe's error shape turned into readable
// errors. The secret key is sent only in the Authorization header and never
// appears in a message or the log.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded, in the given order (keys like "line_items[0][price]" are kept as written).

class StripeClient {
 public:
  // base_url: https://api.stripe.com, or a fake in tests.
  StripeClient(std::string base_url, std::string secret_key, int timeout_ms = 10000)
      : base_url_(std::move(base_url)), key_(std::move(secret_key)), timeout_ms_(timeout_ms) {}

  bool configured() const { return !key_.empty(); }
  // POST /v1/<path> with the fields; the same idempotency key makes a retry return the first answer.
  Result<Json> create(const std::string& path, const FormFields& fields, const std::string& idempotency_key) const;
  // GET /v1/<path>; 'not_found' when Stripe has no such object.
  Result<Json> retrieve(const std::string& path) const;

 private:
  Result<Json> call(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& idempotency_key) const;
  std::string base_url_, key_;
  int timeout_ms_;
};

// A new random idempotency key (UUID v4 form).
std::string new_idempotency_key();

}  // namespace tirage::server
