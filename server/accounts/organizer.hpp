// An organizer as the rest of the server knows them: who owns a draw, an
// import, a connection or a session (server/accounts/organizers.hpp stores them).
#pragma once

#include <string>

namespace tirage::server {

struct Organizer {
  std::string id, email;
};

}  // namespace tirage::server
