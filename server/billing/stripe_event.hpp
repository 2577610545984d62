// The envelope of a Stripe webhook event, read from its untrusted body: only
// what processing needs (id, type, the object's id and kind). The object's
// state itself is never trusted from the body: processing re-reads it from Stripe.
#pragma once

#include <string>
#include <string_view>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

inline constexpr std::size_t kMaxStripeEventBody = 512 * 1024;  // Stripe's events are far smaller

struct StripeEvent {
  std::string id;           // evt_...
  std::string type;         // e.g. invoice.payment_failed
  std::string object_id;    // data.object.id
  std::string object_kind;  // data.object.object, e.g. "subscription"
  std::int64_t created = 0;
  bool livemode = false;
  Json object;  // data.object as sent (used only when Stripe no longer has the object)
};

// Parses and bounds an event body; 'bad_event' naming the field otherwise.
Result<StripeEvent> parse_stripe_event(std::string_view body);

// True for a Stripe object id: a short prefix, '_', then letters, digits and '_' (at most 255 bytes).
bool is_stripe_id(std::string_view id, std::string_view prefix);

}  // namespace tirage::server
