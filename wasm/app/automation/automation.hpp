// Test-only automation: in builds with TIRAGE_AUTOMATION, every widget the app
// draws is recorded with its catalog key, visible label and rectangle (CSS
// pixels), so browser tests find widgets by key or label and click them with
// real mouse and keyboard events. In production builds these calls vanish.
#pragma once

#include <string>
#include <string_view>

#include "shared/protocol/jcs.hpp"

namespace tirage::app::automation {

#ifdef TIRAGE_AUTOMATION
// Starts a frame's list of widgets; pixel_ratio converts ImGui pixels to CSS pixels.
void begin_frame(float pixel_ratio);
// Records the last ImGui item under key with its visible label and kind ("button", "input", ...);
// a text field also reports its value, so tests see what typing and pasting put in it.
void record(std::string_view key, std::string_view label, std::string_view kind, const std::string* value = nullptr);
// What the app wants tests to know about its state this frame (screen, step, counts, errors).
void set_state(Json state);
#else
inline void begin_frame(float) {}
inline void record(std::string_view, std::string_view, std::string_view, const std::string* = nullptr) {}
inline void set_state(const Json&) {}
#endif

}  // namespace tirage::app::automation
