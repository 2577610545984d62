// What a request that no route answered well gets: a JSON error for a
// missing route, a body too large or any other status without a body; an
// exception becomes a logged 500; every 5xx carries a request id
// (server/http/request_id.hpp) and is logged with it.
#pragma once

#include <httplib.h>

namespace tirage::server {

// Installs the error handler, the exception handler and the logger on http.
void answer_failures(httplib::Server& http);

}  // namespace tirage::server
