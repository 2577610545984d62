#include "server/billing/stripe_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "shared/core/hex.hpp"

namespace tirage::server {

namespace {
Error bad(const std::string& why) { return make_error("bad_signature", "Stripe-Signature: " + why); }
}  // namespace

Result<StripeSignatureHeader> parse_stripe_signature_header(std::string_view header) {
  if (header.empty()) return bad("the header is missing");
  if (header.size() > kMaxSignatureHeader) return bad("the header is longer than 8 KiB");
  StripeSignatureHeader out;
  bool has_t = false;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    const std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") {
      // Stripe's libraries read t as an integer; anything else is no timestamp.
      if (value.empty() || value.size() > 15 || value.find_first_not_of("0123456789") != std::string_view::npos)
        return bad("unable to extract timestamp and signatures from header");
      out.timestamp = std::stoll(std::string(value));
      has_t = true;
    } else if (key == "v1") {
      out.v1.emplace_back(value);
    }
  }
  if (!has_t) return bad("unable to extract timestamp and signatures from header");
  if (out.v1.empty()) return bad("no signatures found with expected scheme v1");
  return out;
}

std::string stripe_v1_signature(std::string_view secret, std::int64_t timestamp, std::string_view payload) {
  // HMAC() is the one-shot form OpenSSL 3 keeps undeprecated; the copy is bounded by the body limit.
  std::string signed_payload = std::to_string(timestamp) + ".";
  signed_payload.append(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_payload.data()), signed_payload.size(), mac, &len);
  return to_hex(Bytes(mac, mac + len));
}

Status verify_stripe_signature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::int64_t now, std::int64_t tolerance) {
  auto parsed = parse_stripe_signature_header(header);
  if (!parsed) return parsed.error();
  const std::string expected = stripe_v1_signature(secret, parsed->timestamp, payload);
  bool match = false;
  for (const auto& v : parsed->v1)  // every candidate is compared, so timing says nothing about which matched
    match |= v.size() == expected.size() && CRYPTO_memcmp(v.data(), expected.data(), expected.size()) == 0;
  if (!match) return bad("no signatures found matching the expected signature for payload");
  if (parsed->timestamp < now - tolerance) return bad("timestamp outside the tolerance zone");
  return {};
}

}  // namespace tirage::server
