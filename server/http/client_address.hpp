// Who is at the other end of a request: the client's address (rate limits,
// logs) and whether the request reached us over https (HSTS, __Host- cookies).
// A proxy's headers (X-Forwarded-For or the header the operator names,
// X-Forwarded-Proto) count only when the peer is a proxy the operator trusts
// (--trusted-proxy); from anyone else they are ignored, so a client cannot
// pick its own address to escape a limit.
#pragma once

#include <httplib.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::server {

struct AddressRange {
  std::array<unsigned char, 16> bytes{};  // IPv4 in the first 4
  bool v6 = false;
  int prefix = 0;  // bits that must match
};

class TrustedProxies {
 public:
  // Comma-separated addresses and CIDR ranges ("10.0.0.0/8,::1"); empty: no proxy is trusted.
  // header: where the proxy puts the client's address (X-Forwarded-For, or a one-address header such as X-Real-IP).
  static Result<TrustedProxies> parse(std::string_view list, std::string header = "X-Forwarded-For");
  bool contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }
  const std::string& header() const { return header_; }

 private:
  std::vector<AddressRange> ranges_;
  std::string header_ = "X-Forwarded-For";
};

struct ClientInfo {
  std::string address;  // the client's IP address as text
  bool https = false;
};

// The client behind req. public_https: what to assume when no trusted proxy says (the public URL is https).
ClientInfo client_info(const httplib::Request& req, const TrustedProxies& proxies, bool public_https);

// The key a per-address limit counts under: an IPv4 address, or an IPv6 address's /64 (one subscriber's network).
std::string address_limit_key(std::string_view address);

}  // namespace tirage::server
