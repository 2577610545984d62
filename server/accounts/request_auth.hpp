// Who sent a request: the organizer behind a Bearer API key or a session
// cookie (with the CSRF header for anything but GET and HEAD), and the client
// (address, https) through the operator's trusted proxies. Every route file
// that needs an organizer receives one of these.
#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>

#include "server/accounts/organizer.hpp"
#include "server/accounts/organizers.hpp"
#include "server/accounts/sessions.hpp"
#include "server/billing/billing_service.hpp"
#include "server/http/client_address.hpp"

namespace tirage::server {

// The organizer behind a request, or nullopt after answering 401/403 (or 402 for a key the plan refuses).
using Authenticator = std::function<std::optional<Organizer>(const httplib::Request&, httplib::Response&)>;

class RequestAuth {
 public:
  // public_https: the public URL is https (what to assume when no trusted proxy says).
  RequestAuth(Organizers& organizers, Sessions& sessions, BillingService& billing, TrustedProxies proxies, bool public_https)
      : organizers_(organizers), sessions_(sessions), billing_(billing), proxies_(std::move(proxies)),
        public_https_(public_https) {}

  // The organizer behind req; answers 401/403/402 itself and returns nullopt on failure. Marks the answer no-store.
  std::optional<Organizer> authenticate(const httplib::Request& req, httplib::Response& res);
  // authenticate() as a function value, for the route files that take an Authenticator.
  Authenticator authenticator() {
    return [this](const httplib::Request& req, httplib::Response& res) { return authenticate(req, res); };
  }
  // The client behind req: its address through a trusted proxy, and whether it came over https.
  ClientInfo client_of(const httplib::Request& req) const;
  // The session cookie's value on req (its name is "__Host-" prefixed over https), empty when absent.
  std::string session_token_of(const httplib::Request& req) const;

 private:
  Organizers& organizers_;
  Sessions& sessions_;
  BillingService& billing_;
  const TrustedProxies proxies_;
  const bool public_https_;
};

}  // namespace tirage::server
