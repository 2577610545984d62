#include "cli/participants_file.hpp"

#include "cli/io.hpp"

namespace tirage::cli {

Result<ParticipantList> read_participants(const std::string& path) {
  auto text = read_input(path);
  if (!text) return text.error();
  return participants_from_entry_lines(*text, path == "-" ? std::string("stdin") : path);
}

Result<ParticipantList> participants_from_entry_lines(std::string_view text, const std::string& name) {
  std::vector<Entry> raw;
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string where = name + " line " + std::to_string(i + 1);
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto json = parse_json(line);
    if (!json) return make_error(json.error().code, where + ": " + json.error().message);
    auto entry = entry_from_json(*json);
    if (!entry) return make_error(entry.error().code, where + ": " + entry.error().message);
    auto normalized = normalize_entry(std::move(*entry));
    if (!normalized) return make_error(normalized.error().code, where + ": " + normalized.error().message);
    raw.push_back(std::move(*normalized));
  }
  return build_participant_list(std::move(raw));
}

std::vector<Hash> participant_leaf_hashes(const ParticipantList& list) {
  std::vector<Hash> hashes;
  hashes.reserve(list.entries.size());
  for (const auto& e : list.entries) hashes.push_back(leaf_hash(leaf(e)));
  return hashes;
}

}  // namespace tirage::cli
