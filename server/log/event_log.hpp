// Structured one-line logs: `{"ts":"...","level":"info","event":"...",...}` on
// stderr. Callers pass only fields that are safe to print: never a password,
// token, key or cookie (the field names that could hold one are refused).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace tirage::server {

// Writes one log line; fields whose names look like secrets are replaced by "[redacted]".
void log_event(std::string_view level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

}  // namespace tirage::server
