// "Must also have reposted / liked / reacted": the accounts that engaged with
// one of the organizer's posts, fetched from the platform for the filter
// (FilterRules::engaged_accounts), with an honest word on what is missing.
// X lists at most 100 accounts per post; Facebook names reactors only when the
// Page token may see them; Instagram, YouTube and TikTok tell apps nobody.
#pragma once

#include "server/imports/import_service.hpp"

namespace tirage::server {

// {"kind","platform","post_id","accounts":[{"user_id","handle"}],"count","complete","total"?,"notes":[{"code","message"}]}.
// Errors: bad_request (unknown kind or post id), not_available, and those of ImportService::call.
Result<Json> engaged_accounts(ImportService& imports, const std::string& organizer_id, const std::string& kind,
                              const std::string& post_id);

}  // namespace tirage::server
