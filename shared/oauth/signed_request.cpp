#include "shared/oauth/signed_request.hpp"

#include "shared/core/base64url.hpp"
#include "shared/crypto/hmac_sha256.hpp"

namespace tirage {

Result<SignedRequest> verify_signed_request(std::string_view signed_request, std::string_view app_secret) {
  auto bad = [](const std::string& why) { return make_error("bad_signed_request", "signed_request: " + why); };
  if (signed_request.empty()) return bad("missing");
  if (signed_request.size() > kMaxSignedRequest)
    return bad("longer than " + std::to_string(kMaxSignedRequest) + " bytes");
  const auto dot = signed_request.find('.');
  if (dot == std::string_view::npos || signed_request.find('.', dot + 1) != std::string_view::npos)
    return bad("expected two base64url parts separated by one '.'");
  const std::string_view sig_text = signed_request.substr(0, dot), payload_text = signed_request.substr(dot + 1);
  auto sig = base64url_decode(sig_text);
  if (!sig) return bad("signature part: " + sig.error().message);
  if (sig->size() != 32) return bad("the signature has " + std::to_string(sig->size()) + " bytes, HMAC-SHA256 has 32");
  if (app_secret.empty()) return make_error("bad_signature", "signed_request: no app secret to check it with");
  const Hash expected = hmac_sha256(app_secret, payload_text);
  if (!constant_time_equal(*sig, expected))
    return make_error("bad_signature", "signed_request: the signature does not match the app secret");
  auto payload_bytes = base64url_decode(payload_text);
  if (!payload_bytes) return bad("payload part: " + payload_bytes.error().message);
  auto payload = parse_json(std::string_view(reinterpret_cast<const char*>(payload_bytes->data()), payload_bytes->size()));
  if (!payload) return bad("payload is not JSON: " + payload.error().message);
  if (!payload->is_object()) return bad("payload is not a JSON object");
  const Json& p = *payload;
  if (!p.contains("algorithm") || !p["algorithm"].is_string() || p["algorithm"].get<std::string>() != "HMAC-SHA256")
    return bad("payload \"algorithm\" must be \"HMAC-SHA256\"");
  SignedRequest out;
  if (p.contains("user_id") && p["user_id"].is_string()) out.user_id = p["user_id"].get<std::string>();
  else if (p.contains("user_id") && p["user_id"].is_number_unsigned()) out.user_id = std::to_string(p["user_id"].get<std::uint64_t>());
  if (out.user_id.empty() || out.user_id.size() > 64) return bad("payload \"user_id\" is missing or not an id");
  if (p.contains("issued_at") && p["issued_at"].is_number_integer()) out.issued_at = p["issued_at"].get<std::int64_t>();
  out.payload = std::move(*payload);
  return out;
}

Status check_signed_request_fresh(const SignedRequest& request, std::int64_t now) {
  if (request.issued_at <= 0) return make_error("stale_signed_request", "signed_request: the payload has no \"issued_at\"");
  if (request.issued_at < now - kSignedRequestMaxAge)
    return make_error("stale_signed_request", "signed_request: issued " + std::to_string(now - request.issued_at) +
                                                  " s ago, more than the " + std::to_string(kSignedRequestMaxAge) + " s accepted");
  if (request.issued_at > now + kSignedRequestMaxSkew)
    return make_error("stale_signed_request", "signed_request: issued " + std::to_string(request.issued_at - now) +
                                                  " s in the future");
  return {};
}

std::string make_signed_request(const Json& payload, std::string_view app_secret) {
  // Bytes that are not UTF-8 become U+FFFD rather than an exception (shared/ has none).
  const std::string body = base64url_encode(as_bytes(payload.dump(-1, ' ', false, Json::error_handler_t::replace)));
  return base64url_encode(hmac_sha256(app_secret, body)) + "." + body;
}

}  // namespace tirage
