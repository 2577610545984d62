#include "wasm/app/ui/draw_animation.hpp"

#include <algorithm>
#include <cmath>

namespace tirage::app {

namespace {
constexpr double kFirstSettle = 2.2;   // seconds until the first name settles
constexpr double kBetween = 0.9;       // then one more each
constexpr std::size_t kSpinning = 12;  // at most this many slots spin; the rest appear settled

std::uint32_t next(std::uint32_t& s) {  // xorshift: the look of the spin only, never the outcome
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}
}  // namespace

void DrawAnimation::start(std::vector<std::string> pool, std::vector<std::string> winners, double now, std::uint32_t seed) {
  pool_ = std::move(pool);
  winners_ = std::move(winners);
  if (pool_.empty()) pool_ = winners_;
  start_ = last_ = now;
  skipped_ = false;
  confetti_.clear();
  confetti_started_ = false;
  rng_ = seed ? seed : 1;
}

double DrawAnimation::settle_time(std::size_t i) const {
  return start_ + kFirstSettle + kBetween * static_cast<double>(std::min(i, kSpinning));
}

bool DrawAnimation::finished(double now) const {
  return !active() || skipped_ || now >= settle_time(winners_.size() - 1) + 1.5;
}

void DrawAnimation::draw(double now, float width, float scale) {
  if (!active()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float row = ImGui::GetFontSize() * 2.2f;
  const std::size_t shown = std::min<std::size_t>(winners_.size(), 100);
  for (std::size_t i = 0; i < shown; ++i) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool settled = skipped_ || now >= settle_time(i);
    const ImU32 bg = settled ? IM_COL32(227, 244, 234, 255) : IM_COL32(233, 236, 243, 255);
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + row - 4 * scale), bg, 8 * scale);
    std::string name;
    if (settled) {
      name = winners_[i];
    } else {
      // Spin faster early, slower as the settle time nears.
      const double left = settle_time(i) - now;
      const double speed = std::clamp(left * 14.0, 4.0, 30.0);
      const auto tick = static_cast<std::size_t>((now - start_) * speed + static_cast<double>(i) * 7);
      name = pool_[(tick * 2654435761u) % pool_.size()];
    }
    const std::string label = std::to_string(i + 1) + ".  " + name;
    ImGui::SetCursorScreenPos(ImVec2(p.x + 12 * scale, p.y + (row - 4 * scale - ImGui::GetFontSize()) / 2));
    ImGui::PushStyleColor(ImGuiCol_Text, settled ? IM_COL32(11, 122, 59, 255) : IM_COL32(60, 68, 85, 255));
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + row));
  }
  ImGui::Dummy(ImVec2(width, 1));

  // Confetti when the last name settles, falling over the whole screen.
  const bool all_settled = skipped_ || now >= settle_time(winners_.size() - 1);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (all_settled && !confetti_started_) {
    confetti_started_ = true;
    static const ImU32 colours[] = {IM_COL32(239, 71, 111, 255), IM_COL32(255, 209, 102, 255), IM_COL32(6, 214, 160, 255),
                                    IM_COL32(17, 138, 178, 255), IM_COL32(131, 56, 236, 255)};
    for (int k = 0; k < 160; ++k) {
      const float fx = static_cast<float>(next(rng_) % 1000) / 1000.f, fy = static_cast<float>(next(rng_) % 1000) / 1000.f;
      confetti_.push_back(Particle{fx * display.x, -fy * display.y * 0.5f, (fx - 0.5f) * 120 * scale,
                                   (80 + fy * 120) * scale, (5 + fy * 6) * scale, fx * 6, colours[k % 5]});
    }
  }
  const float dt = static_cast<float>(std::clamp(now - last_, 0.0, 0.1));
  last_ = now;
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  for (auto& c : confetti_) {
    c.vy += 60 * scale * dt;
    c.x += c.vx * dt;
    c.y += c.vy * dt;
    c.spin += dt * 4;
    const float w = c.size * std::fabs(std::cos(c.spin));
    fg->AddRectFilled(ImVec2(c.x - w / 2, c.y), ImVec2(c.x + w / 2, c.y + c.size * 0.6f), c.colour);
  }
  confetti_.erase(std::remove_if(confetti_.begin(), confetti_.end(), [&](const Particle& c) { return c.y > display.y + 20; }),
                  confetti_.end());
}

}  // namespace tirage::app
