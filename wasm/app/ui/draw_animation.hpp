// The draw as people like to watch it: for each winner a slot of names
// spinning and settling, one after the other, then confetti. The names it
// settles on are the protocol's selection, given in; the animation only
// decides how long the wait looks.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tirage::app {

class DrawAnimation {
 public:
  // pool: names to spin through (any sample of the list); winners: the final names in rank order.
  void start(std::vector<std::string> pool, std::vector<std::string> winners, double now, std::uint32_t seed);
  void skip() { skipped_ = true; }
  bool active() const { return !winners_.empty(); }
  bool finished(double now) const;
  // Draws the slots and the confetti into the current window, width wide.
  void draw(double now, float width, float scale);
  void clear() { *this = DrawAnimation(); }

 private:
  struct Particle {
    float x, y, vx, vy, size, spin;
    ImU32 colour;
  };
  double settle_time(std::size_t i) const;

  std::vector<std::string> pool_, winners_;
  std::vector<Particle> confetti_;
  double start_ = 0, last_ = 0;
  bool skipped_ = false;
  bool confetti_started_ = false;
  std::uint32_t rng_ = 1;
};

}  // namespace tirage::app
