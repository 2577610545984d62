// CertificateData from a draw's public view, the JSON the server answers at
// GET /api/v1/draws/{id} ({commitment, result, substitutions, beacon_value, ...}).
#pragma once

#include <string>

#include "server/certificate/certificate_data.hpp"
#include "shared/core/result.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The certificate's data for a drawn draw; "not_yet" before the result, "certificate_data" if a field is missing.
Result<CertificateData> certificate_data_from_view(const Json& view, std::string verify_url);

// A commitment's rules object as display lines: nested keys joined with ".",
// arrays joined with ", ", strings unquoted, in key order.
std::vector<std::pair<std::string, std::string>> rule_lines(const Json& rules);

}  // namespace tirage::server
