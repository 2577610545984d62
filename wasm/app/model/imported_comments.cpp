#include "wasm/app/model/imported_comments.hpp"

#include <unordered_set>

namespace tirage::app {

namespace {

// Calls f(line, number) for every non-empty line.
template <typename F>
void for_each_line(std::string_view s, F f) {
  std::size_t number = 0, pos = 0;
  while (pos < s.size()) {
    const std::size_t end = std::min(s.find('\n', pos), s.size());
    ++number;
    if (end > pos) f(s.substr(pos, end - pos), number);
    pos = end + 1;
  }
}

std::string comment_id_of(std::string_view line) {
  auto j = parse_json(line);
  if (!j || !j->is_object()) return "";
  auto it = j->find("comment_id");
  return it != j->end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<std::size_t> append_comment_page(const Json& page, std::string& lines) {
  if (!page.is_object() || !page.contains("comments") || !page["comments"].is_array())
    return make_error("bad_answer", "the server's page of comments has no \"comments\" list");
  for (const auto& c : page["comments"]) {
    lines += c.dump();
    lines += '\n';
  }
  return page["comments"].size();
}

std::string merge_comment_lines(std::string_view older, std::string_view newer) {
  std::unordered_set<std::string> fresh;
  for_each_line(newer, [&](std::string_view line, std::size_t) {
    if (auto id = comment_id_of(line); !id.empty()) fresh.insert(std::move(id));
  });
  std::string out;
  for_each_line(older, [&](std::string_view line, std::size_t) {
    const std::string id = comment_id_of(line);
    if (!id.empty() && fresh.count(id)) return;
    out.append(line);
    out += '\n';
  });
  for_each_line(newer, [&](std::string_view line, std::size_t) {
    out.append(line);
    out += '\n';
  });
  return out;
}

}  // namespace tirage::app
