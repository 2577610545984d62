#include "cli/participants_source.hpp"

#include <algorithm>
#include <cctype>

#include "shared/import/column_choice.hpp"

namespace tirage::cli {

namespace {

bool ends_with_ci(const std::string& s, std::string_view ext) {
  if (s.size() < ext.size()) return false;
  return std::equal(ext.begin(), ext.end(), s.end() - static_cast<std::ptrdiff_t>(ext.size()), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

std::string_view first_line(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const auto start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  bytes.remove_prefix(start);
  return bytes.substr(0, bytes.find('\n'));
}

// JSON Lines: comments have a user_id or a handle (comment_from_json needs one); the
// protocol's entries have neither. Read as text, so a first line that is not JSON
// goes to the strict entries reader, which says where it breaks.
ParticipantFormat json_lines_kind(std::string_view bytes) {
  const std::string_view line = first_line(bytes);
  const bool comment = line.find("\"user_id\"") != std::string_view::npos || line.find("\"handle\"") != std::string_view::npos;
  return comment ? ParticipantFormat::jsonl : ParticipantFormat::entries;
}

}  // namespace

const std::set<std::string> kSourceOptions = {"format",      "platform",   "handle-column",    "user-id-column",
                                              "text-column", "time-column", "comment-id-column"};

const char* format_name(ParticipantFormat f) {
  switch (f) {
    case ParticipantFormat::csv: return "csv";
    case ParticipantFormat::xlsx: return "xlsx";
    case ParticipantFormat::text: return "text";
    case ParticipantFormat::jsonl: return "jsonl";
    case ParticipantFormat::entries: break;
  }
  return "entries";
}

Result<ParticipantFormat> choose_format(const Args& args, const std::string& path, std::string_view bytes) {
  if (auto name = args.get("format")) {
    for (auto f : {ParticipantFormat::csv, ParticipantFormat::xlsx, ParticipantFormat::text, ParticipantFormat::jsonl,
                   ParticipantFormat::entries})
      if (*name == format_name(f)) return f;
    return make_error("usage", "--format must be csv, xlsx, text, jsonl or entries, not \"" + name->substr(0, 40) + "\"");
  }
  if (ends_with_ci(path, ".xlsx") || bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return ParticipantFormat::xlsx;
  if (ends_with_ci(path, ".jsonl") || ends_with_ci(path, ".ndjson") || first_line(bytes).substr(0, 1) == "{")
    return json_lines_kind(bytes);
  return ParticipantFormat::csv;
}

SourceKind source_kind(ParticipantFormat f) {
  switch (f) {
    case ParticipantFormat::csv: return SourceKind::csv;
    case ParticipantFormat::xlsx: return SourceKind::xlsx;
    case ParticipantFormat::text: return SourceKind::text;
    case ParticipantFormat::jsonl: return SourceKind::post;
    case ParticipantFormat::entries: break;
  }
  return SourceKind::none;
}

Json column_choice_from_args(const Args& args) {
  Json choice = Json::object();
  for (const char* field : kChosenColumns) {
    std::string flag = std::string(field) + "-column";
    std::replace(flag.begin(), flag.end(), '_', '-');
    auto v = args.get(flag);
    if (!v) continue;
    if (*v == "none") choice[field] = -1;
    else choice[field] = *v;
  }
  return choice;
}

}  // namespace tirage::cli
