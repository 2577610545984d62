// Which compression the server answers with. Debian's cpp-httplib 0.11.4
// compresses with Brotli whenever a client accepts it (every browser), at
// Brotli's default quality 11 and with no setting to lower it: about a
// second of CPU for a 165 kB page of 1,000 imported comments. gzip at
// zlib's default level takes ~10 ms for the same page and still shrinks it
// about tenfold, so the server offers gzip only.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

namespace tirage::server {

// An Accept-Encoding value without its "br" entries (the others kept, in order).
std::string without_brotli(std::string_view accept_encoding);

// Hides "br" from cpp-httplib's compression choice for this request; called first by the pre-routing handler.
void answer_without_brotli(const httplib::Request& req);

}  // namespace tirage::server
