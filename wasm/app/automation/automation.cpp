#include "wasm/app/automation/automation.hpp"

#ifdef TIRAGE_AUTOMATION

#include <emscripten.h>
#include <imgui.h>

#include <string>

namespace tirage::app::automation {

namespace {
float ratio = 1;
Json building = Json::array();
Json last_frame = Json::array();
Json state = Json::object();
std::string snapshot;
}  // namespace

void begin_frame(float pixel_ratio) {
  last_frame = std::move(building);
  building = Json::array();
  ratio = pixel_ratio > 0 ? pixel_ratio : 1;
}

void record(std::string_view key, std::string_view label, std::string_view kind, const std::string* value) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  // Clipped items (scrolled out of a child window) are not clickable; say so.
  const bool visible = ImGui::IsItemVisible();
  building.push_back(Json{{"key", std::string(key)},
                          {"label", std::string(label)},
                          {"kind", std::string(kind)},
                          {"x", min.x / ratio},
                          {"y", min.y / ratio},
                          {"w", (max.x - min.x) / ratio},
                          {"h", (max.y - min.y) / ratio},
                          {"visible", visible}});
  if (value) building.back()["value"] = *value;
}

void set_state(Json s) { state = std::move(s); }

}  // namespace tirage::app::automation

// The test interface: {"items": [...], "state": {...}} of the last complete frame.
extern "C" EMSCRIPTEN_KEEPALIVE const char* tirage_automation_snapshot() {
  using namespace tirage::app::automation;
  snapshot = tirage::Json{{"items", last_frame}, {"state", state}}.dump();
  return snapshot.c_str();
}

#endif
