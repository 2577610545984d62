#include "shared/import/comment_lines.hpp"

#include <algorithm>

namespace tirage {

std::vector<Comment> comments_from_json_lines(std::string_view lines, std::vector<ImportIssue>& issues) {
  std::vector<Comment> out;
  std::size_t number = 0, pos = 0;
  while (pos < lines.size()) {
    const std::size_t end = std::min(lines.find('\n', pos), lines.size());
    const std::string_view line = lines.substr(pos, end - pos);
    ++number;
    pos = end + 1;
    if (line.empty()) continue;
    auto j = parse_json(line);
    if (!j) {
      issues.push_back({number, 0, "not JSON: " + j.error().message});
      continue;
    }
    auto c = comment_from_json(*j);
    if (!c) {
      issues.push_back({number, 0, c.error().message});
      continue;
    }
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace tirage
