#include "shared/platforms/comment_page.hpp"

namespace tirage {

void add_gap(std::vector<Gap>& gaps, const std::string& code, const std::string& message, std::int64_t count) {
  for (auto& g : gaps)
    if (g.code == code) {
      g.count += count;
      return;
    }
  gaps.push_back(Gap{code, message, count});
}

}  // namespace tirage
