// The app's widgets: ImGui widgets labelled from the catalog by key, each
// recorded for the test automation, sized for fingers as well as mice.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "wasm/app/ui/i18n.hpp"

namespace tirage::app::ui {

// A button labelled T(key); true when pressed. width 0: fit the label; -1: fill the line.
bool Button(std::string_view key, const TextVars& vars = {}, float width = 0);
// The same look with emphasis, for the one main action of a screen.
bool PrimaryButton(std::string_view key, const TextVars& vars = {}, float width = 0);
// A button with a label that is not from the catalog (a name, a draw id); key identifies it.
bool ButtonText(std::string_view key, std::string_view label, float width = 0);
// A one-line text field labelled T(key) above it; true when the text changed.
bool Input(std::string_view key, std::string& value, ImGuiInputTextFlags flags = 0, std::string_view hint = {});
// A password field.
bool Password(std::string_view key, std::string& value);
// A multi-line field of the given height in text lines.
bool Multiline(std::string_view key, std::string& value, float lines);
// A number field with bounds; true when changed.
bool Number(std::string_view key, int& value, int min, int max);
bool Checkbox(std::string_view key, bool& value);
// A radio choice among labels (already translated); true when changed.
bool Choice(std::string_view key, int& current, const std::vector<std::string>& labels);
// A drop-down among labels (already translated); true when changed.
bool Combo(std::string_view key, int& current, const std::vector<std::string>& labels);
// Wrapped text from the catalog, recorded so tests can read it.
void Say(std::string_view key, const TextVars& vars = {});
// Wrapped text already translated (a count, a server message), recorded under key.
void SayText(std::string_view key, std::string_view text);
// A heading.
void Heading(std::string_view key, const TextVars& vars = {});
// An error line in red, recorded under key.
void Error(std::string_view key, std::string_view message);
// A progress bar with a caption, recorded under key.
void Progress(std::string_view key, float fraction, std::string_view caption);
// Drag-to-scroll for touch screens inside the current window.
void TouchScroll();

// The colours and sizes of the app, scaled for the screen's pixel ratio.
void apply_theme(float scale);

}  // namespace tirage::app::ui

namespace tirage::app::ui {
// A centered, scrolling column at most max_width wide (narrower screens: the whole width).
void BeginPage(const char* id, float max_width);
void EndPage();
}  // namespace tirage::app::ui
