// The HTML shells the server hands out as they are on disk (the organizer
// app's and the API reference's index.html): read on each request, so a deploy
// that replaces web/ is served at once, and never cached by the browser.
#pragma once

#include <httplib.h>

#include <string>

#include "shared/core/result.hpp"

namespace tirage::server {

// Answers with the file at path as text/html (Cache-Control: no-cache); sends `missing` (404) when it cannot be read.
void send_page_shell(httplib::Response& res, const std::string& path, const Error& missing);

}  // namespace tirage::server
