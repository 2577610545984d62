// Self-service account deletion: the organizer's personal data goes at once
// (address, password, sessions, API keys, sign-in links, platform connections
// with their tokens, imports and their comments, the participants' leaf
// hashes and handle index published for their draws, the mail kept for the
// address). What stays: the published statements in the transparency log and
// the draw records they belong to (a fair draw must remain checkable), and
// billing records (plan and Stripe ids, no address). The account's row stays
// without address or password, so published draws keep naming their organizer
// id; the address can sign up again as a new account.
#pragma once

#include <string>

#include "server/db/database.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

struct DeletedAccount {
  std::int64_t sessions = 0, api_keys = 0, sign_ins = 0, connections = 0, imports = 0, comments = 0;
  std::int64_t draws_kept = 0;  // draws whose statements stay in the public log
};

// The typed confirmation the deletion asks for: the account's address, case and spaces aside; 'bad_request' else.
Status check_deletion_confirmation(const Organizer& org, const std::string& typed);

// Deletes org's personal data in one transaction (see above); 'conflict' while a paid subscription is live
// (it must be cancelled first, so nothing is charged to an account that is gone).
Result<DeletedAccount> delete_account(Database& db, const Organizer& org, UnixSeconds now);

}  // namespace tirage::server
