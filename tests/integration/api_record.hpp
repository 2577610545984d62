// Records the server's JSON answers that the suites receive, so that
// tests/integration/check_api_responses.py can validate every one against the
// schemas of docs/openapi.json. Off unless TIRAGE_API_RECORD_DIR names a folder
// (ctest sets it for every suite that runs the server).
#pragma once

#include <httplib.h>

#include <string>

namespace tirage::testing {

// Appends one answer (method, path without its query, status, body, rate-limit headers) to this process's file in
// $TIRAGE_API_RECORD_DIR; does nothing when it is unset or the request failed before an answer.
void record_api_answer(const std::string& method, const std::string& path, const httplib::Result& answer);

}  // namespace tirage::testing
