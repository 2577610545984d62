#include "wasm/app/ui/widgets.hpp"

#include <misc/cpp/imgui_stdlib.h>

#include "wasm/app/automation/automation.hpp"
#include "wasm/app/browser/bridge.hpp"

namespace tirage::app::ui {

namespace {

// "Label##key": the visible label, and an id that stays the same in every language.
std::string id_label(std::string_view label, std::string_view key) {
  std::string s(label);
  s += "##";
  s += key;
  return s;
}

void label_above(const std::string& label) {
  ImGui::TextUnformatted(label.c_str());
}

void note_text_input() {
  if (ImGui::IsItemActivated()) set_text_input_active(true);
  if (ImGui::IsItemDeactivated()) set_text_input_active(false);
}

}  // namespace

bool ButtonText(std::string_view key, std::string_view label, float width) {
  const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width;
  const bool pressed = ImGui::Button(id_label(label, key).c_str(), ImVec2(w, 0));
  automation::record(key, label, "button");
  return pressed;
}

bool Button(std::string_view key, const TextVars& vars, float width) { return ButtonText(key, T(key, vars), width); }

bool PrimaryButton(std::string_view key, const TextVars& vars, float width) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.42f, 0.85f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.18f, 0.50f, 0.95f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.10f, 0.35f, 0.75f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = Button(key, vars, width);
  ImGui::PopStyleColor(4);
  return pressed;
}

bool Input(std::string_view key, std::string& value, ImGuiInputTextFlags flags, std::string_view hint) {
  const std::string label = T(key);
  label_above(label);
  ImGui::SetNextItemWidth(-1);
  const std::string id = "##" + std::string(key);
  const bool changed = hint.empty() ? ImGui::InputText(id.c_str(), &value, flags)
                                    : ImGui::InputTextWithHint(id.c_str(), std::string(hint).c_str(), &value, flags);
  note_text_input();
  automation::record(key, label, "input", (flags & ImGuiInputTextFlags_Password) ? nullptr : &value);
  return changed;
}

bool Password(std::string_view key, std::string& value) { return Input(key, value, ImGuiInputTextFlags_Password); }

bool Multiline(std::string_view key, std::string& value, float lines) {
  const std::string label = T(key);
  label_above(label);
  const bool changed = ImGui::InputTextMultiline(("##" + std::string(key)).c_str(), &value,
                                                 ImVec2(-1, ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2));
  note_text_input();
  automation::record(key, label, "input", &value);
  return changed;
}

bool Number(std::string_view key, int& value, int min, int max) {
  const std::string label = T(key);
  label_above(label);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  const int before = value;
  ImGui::InputInt(("##" + std::string(key)).c_str(), &value, 1, 10);
  note_text_input();
  automation::record(key, label, "number");
  if (value < min) value = min;
  if (value > max) value = max;
  return value != before;
}

bool Checkbox(std::string_view key, bool& value) {
  const std::string label = T(key);
  const bool changed = ImGui::Checkbox(id_label(label, key).c_str(), &value);
  automation::record(key, label, "checkbox");
  return changed;
}

bool Choice(std::string_view key, int& current, const std::vector<std::string>& labels) {
  bool changed = false;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::RadioButton(id_label(labels[i], std::string(key) + "." + std::to_string(i)).c_str(), current == static_cast<int>(i))) {
      changed = current != static_cast<int>(i);
      current = static_cast<int>(i);
    }
    automation::record(std::string(key) + "." + std::to_string(i), labels[i], "radio");
  }
  return changed;
}

bool Combo(std::string_view key, int& current, const std::vector<std::string>& labels) {
  const std::string label = T(key);
  label_above(label);
  ImGui::SetNextItemWidth(-1);
  const char* preview = current >= 0 && current < static_cast<int>(labels.size()) ? labels[current].c_str() : "";
  bool changed = false;
  if (ImGui::BeginCombo(("##" + std::string(key)).c_str(), preview)) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (ImGui::Selectable(id_label(labels[i], std::string(key) + "." + std::to_string(i)).c_str(), current == static_cast<int>(i))) {
        changed = current != static_cast<int>(i);
        current = static_cast<int>(i);
      }
      automation::record(std::string(key) + "." + std::to_string(i), labels[i], "option");
    }
    ImGui::EndCombo();
  }
  automation::record(key, label, "combo");
  return changed;
}

void SayText(std::string_view key, std::string_view text) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  automation::record(key, text, "text");
}

void Say(std::string_view key, const TextVars& vars) { SayText(key, T(key, vars)); }

void Heading(std::string_view key, const TextVars& vars) {
  ImGui::Spacing();
  const std::string s = T(key, vars);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.08f, 0.12f, 0.22f, 1));
  ImGui::SetWindowFontScale(1.25f);
  SayText(key, s);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void Error(std::string_view key, std::string_view message) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.15f, 0.12f, 1));
  SayText(key, message);
  ImGui::PopStyleColor();
}

void Progress(std::string_view key, float fraction, std::string_view caption) {
  ImGui::ProgressBar(fraction, ImVec2(-1, 0), std::string(caption).c_str());
  automation::record(key, caption, "progress");
}

void TouchScroll() {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4) &&
      !ImGui::IsAnyItemActive())
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void apply_theme(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 6;
  style.GrabRounding = 6;
  style.ChildRounding = 8;
  style.PopupRounding = 6;
  style.FramePadding = ImVec2(10, 8);
  style.ItemSpacing = ImVec2(10, 10);
  style.WindowPadding = ImVec2(16, 16);
  style.ScrollbarSize = 16;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_Text] = ImVec4(0.11f, 0.14f, 0.20f, 1);
  style.Colors[ImGuiCol_Button] = ImVec4(0.88f, 0.90f, 0.95f, 1);
  style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.85f, 0.95f, 1);
  style.Colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  style.FrameBorderSize = 1;
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace tirage::app::ui

namespace tirage::app::ui {

void BeginPage(const char* id, float max_width) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float w = avail.x < max_width ? avail.x : max_width;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - w) / 2);
  ImGui::BeginChild(id, ImVec2(w, avail.y), false, ImGuiWindowFlags_NoBackground);
  TouchScroll();
}

void EndPage() { ImGui::EndChild(); }

}  // namespace tirage::app::ui
