// The organizer's platform connections as the server lists them
// (GET /api/v1/connections): who is connected where, until when, and the
// address that connects a platform. Check and disconnect go to the server;
// tokens never reach the app.
#pragma once

#include <string>
#include <vector>

#include "wasm/app/api/api_client.hpp"

namespace tirage::app {

struct PlatformRow {
  std::string platform;      // instagram, facebook, youtube, x, tiktok
  std::string provider;      // whose OAuth connects it (google for youtube)
  bool configured = false;   // the server has this provider's client
  std::string connect_url;   // /api/v1/oauth/{provider}/start?purpose=connect
  bool connected = false;
  std::string account_name, connected_at, expires_at;  // RFC 3339; expires_at empty when it does not expire
  bool renewable = false;
  std::string check;        // the last check's outcome, for the organizer
  bool check_ok = false;
  bool busy = false;
};

class ConnectionsModel {
 public:
  // (Re)reads the list and each platform's status.
  void load(ApiClient& api);
  // Asks the server to renew if needed and ask the platform who the token is.
  void check(ApiClient& api, const std::string& platform);
  // Revokes where the platform allows it and deletes the connection.
  void disconnect(ApiClient& api, const std::string& platform);

  const std::vector<PlatformRow>& rows() const { return rows_; }
  const PlatformRow* find(const std::string& platform) const;
  bool loaded() const { return loaded_; }
  const std::string& error() const { return error_; }
  const std::string& message() const { return message_; }
  void set_message(std::string m) { message_ = std::move(m); }

 private:
  PlatformRow* row(const std::string& platform);
  std::vector<PlatformRow> rows_;
  bool loaded_ = false;
  std::string error_, message_;
};

}  // namespace tirage::app
