// The account routes (docs/api.md, "Accounts"): POST /api/v1/accounts/{signup,
// verify, login, logout, password-reset, password-reset/confirm}, GET
// /api/v1/me, POST /api/v1/account/delete, and /api/v1/api-keys.
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include "server/accounts/account_service.hpp"
#include "server/accounts/request_auth.hpp"

namespace tirage::server {

void register_account_routes(RouteTable& http, AccountService& accounts, RequestAuth& auth);

}  // namespace tirage::server
