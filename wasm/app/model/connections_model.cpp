#include "wasm/app/model/connections_model.hpp"

#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

const PlatformRow* ConnectionsModel::find(const std::string& platform) const {
  for (const auto& r : rows_)
    if (r.platform == platform) return &r;
  return nullptr;
}

PlatformRow* ConnectionsModel::row(const std::string& platform) {
  for (auto& r : rows_)
    if (r.platform == platform) return &r;
  return nullptr;
}

void ConnectionsModel::load(ApiClient& api) {
  api.get("/api/v1/connections", [this](ApiReply r) {
    if (!r.ok() || !r.body.is_object()) {
      error_ = r.ok() ? T("connections.bad_answer") : r.message;
      return;
    }
    error_.clear();
    std::vector<PlatformRow> rows;
    for (const auto& a : (r.body.contains("available") && r.body["available"].is_array() ? r.body["available"] : Json::array())) {
      if (!a.is_object()) continue;
      PlatformRow row;
      row.platform = text_field(a, "platform");
      row.provider = text_field(a, "provider");
      row.connect_url = text_field(a, "connect_url");
      row.configured = a.contains("configured") && a["configured"].is_boolean() && a["configured"].get<bool>();
      if (const PlatformRow* old = find(row.platform)) row.check = old->check, row.check_ok = old->check_ok;
      rows.push_back(std::move(row));
    }
    for (const auto& c : (r.body.contains("connections") && r.body["connections"].is_array() ? r.body["connections"] : Json::array())) {
      if (!c.is_object()) continue;
      for (auto& row : rows) {
        if (row.platform != text_field(c, "platform")) continue;
        row.connected = true;
        row.account_name = text_field(c, "account_name");
        row.connected_at = text_field(c, "connected_at");
        row.expires_at = text_field(c, "expires_at");
        row.renewable = c.contains("renewable") && c["renewable"].is_boolean() && c["renewable"].get<bool>();
      }
    }
    rows_ = std::move(rows);
    loaded_ = true;
  });
}

void ConnectionsModel::check(ApiClient& api, const std::string& platform) {
  if (PlatformRow* r = row(platform)) r->busy = true;
  api.get("/api/v1/connections/" + platform + "/check", [this, platform](ApiReply r) {
    PlatformRow* row = this->row(platform);
    if (!row) return;
    row->busy = false;
    row->check_ok = r.ok();
    if (r.ok()) row->check = T("connections.check_ok", {{"name", text_field(r.body, "account_name", row->account_name)}});
    else if (r.code == "reconnect_needed") row->check = T("connections.reconnect_needed", {{"reason", r.message}});
    else row->check = r.message;
  });
}

void ConnectionsModel::disconnect(ApiClient& api, const std::string& platform) {
  if (PlatformRow* r = row(platform)) r->busy = true;
  api.del("/api/v1/connections/" + platform, [this, &api, platform](ApiReply r) {
    if (PlatformRow* row = this->row(platform)) row->busy = false;
    if (!r.ok()) {
      error_ = r.message;
      return;
    }
    const std::string name = T("platform." + platform);
    message_ = (r.body.contains("revoked") && r.body["revoked"] == true) ? T("connections.disconnected_revoked", {{"platform", name}})
                                               : T("connections.disconnected", {{"platform", name}});
    if (r.body.contains("revoke_note") && r.body["revoke_note"].is_string())
      message_ += " " + r.body["revoke_note"].get<std::string>();
    load(api);
  });
}

}  // namespace tirage::app
