#include "server/http/request_limits.hpp"

namespace tirage::server {

JsonLimits request_json_limits() {
  JsonLimits limits;
  limits.max_bytes = kMaxJsonBody;
  limits.max_depth = kMaxJsonDepth;
  limits.max_string = kMaxJsonString;
  return limits;
}

Status check_rules_limits(const Json& draw_body) {
  if (!draw_body.is_object() || !draw_body.contains("rules")) return {};
  const Json& rules = draw_body["rules"];
  if (json_depth(rules) > kMaxRulesDepth)
    return make_error("bad_request", "\"rules\" nests deeper than " + std::to_string(kMaxRulesDepth) + " levels");
  auto bytes = jcs(rules);
  if (!bytes) return make_error("bad_request", "\"rules\": " + bytes.error().message);
  if (bytes->size() > kMaxRulesBytes)
    return make_error("bad_request", "\"rules\" holds " + std::to_string(bytes->size()) + " bytes of canonical JSON; at most " +
                                         std::to_string(kMaxRulesBytes) + " are accepted");
  return {};
}

}  // namespace tirage::server
