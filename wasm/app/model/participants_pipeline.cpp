#include "wasm/app/model/participants_pipeline.hpp"

#include <emscripten.h>

#include <algorithm>

#include "shared/import/xlsx_reader.hpp"

namespace tirage::app {

namespace {

constexpr std::size_t kChunk = 1 << 20;  // CSV bytes read per slice

// The end of the first line break at or after `from` that is outside quotes,
// scanning from `start` where quoting is known to be closed; npos if none.
std::size_t chunk_end(std::string_view s, std::size_t start, std::size_t from) {
  bool quoted = false;
  for (std::size_t i = start; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (c == '\n' && !quoted && i >= from) return i + 1;
  }
  return std::string_view::npos;
}

// The organizer's column choices over the guessed ones; -1 means "no such column".
ColumnMap columns_from_json(const Json& j, ColumnMap guess) {
  auto pick = [&](const char* name, std::optional<std::size_t>& field) {
    if (!j.is_object() || !j.contains(name) || !j[name].is_number_integer()) return;
    const auto v = j[name].get<std::int64_t>();
    field = v < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(v));
  };
  pick("handle", guess.handle);
  pick("user_id", guess.user_id);
  pick("text", guess.text);
  pick("time", guess.time);
  pick("comment_id", guess.comment_id);
  return guess;
}

}  // namespace

void ParticipantsPipeline::start(SourceKind kind, std::string bytes, std::string platform, Json columns, FilterRules rules,
                                 std::int64_t now) {
  *this = ParticipantsPipeline();
  kind_ = kind;
  bytes_ = std::move(bytes);
  platform_ = std::move(platform);
  column_choice_ = std::move(columns);
  rules_ = std::move(rules);
  now_ = now;
  stage_ = kind == SourceKind::none ? Stage::idle : Stage::reading;
  if (kind == SourceKind::csv) sniff_ = sniff_csv(std::string_view(bytes_).substr(0, 64 * 1024));
}

void ParticipantsPipeline::refilter(FilterRules rules, std::int64_t now) {
  if (stage_ == Stage::idle || stage_ == Stage::reading || stage_ == Stage::failed) return;
  rules_ = std::move(rules);
  now_ = now;
  stage_ = Stage::filtering;
}

void ParticipantsPipeline::cancel() {
  if (busy()) stage_ = Stage::cancelled;
}

float ParticipantsPipeline::progress() const {
  switch (stage_) {
    case Stage::reading: return bytes_.empty() ? 0.f : static_cast<float>(read_pos_) / static_cast<float>(bytes_.size());
    case Stage::hashing:
      return list_.entries.empty() ? 1.f : static_cast<float>(hashed_) / static_cast<float>(list_.entries.size());
    case Stage::ready: return 1.f;
    default: return 0.f;
  }
}

bool ParticipantsPipeline::step(double budget_ms) {
  const double until = emscripten_get_now() + budget_ms;
  while (busy() && emscripten_get_now() < until) {
    const double began = emscripten_get_now();
    const auto timed = static_cast<std::size_t>(stage_) - static_cast<std::size_t>(Stage::reading);
    switch (stage_) {
      case Stage::reading: read_slice(); break;
      case Stage::filtering:
        filtered_ = apply_filters(comments_, rules_, now_);
        stage_ = Stage::listing;
        break;
      case Stage::listing: {
        auto list = build_participant_list(entries_for_draw(comments_, filtered_, rules_));
        if (!list) {
          error_ = list.error().message;
          stage_ = Stage::failed;
          break;
        }
        list_ = std::move(*list);
        tree_ = std::make_unique<MerkleTree>();
        hashed_ = 0;
        stage_ = Stage::hashing;
        break;
      }
      case Stage::hashing: hash_slice(until - emscripten_get_now()); break;
      default: break;
    }
    if (timed < stage_ms_.size()) stage_ms_[timed] += emscripten_get_now() - began;
  }
  return busy();
}

void ParticipantsPipeline::read_slice() {
  if (kind_ == SourceKind::text) {
    comments_ = comments_from_text(bytes_);
    for (auto& c : comments_) c.platform = platform_;
    read_pos_ = bytes_.size();
    stage_ = Stage::filtering;
    return;
  }
  if (kind_ == SourceKind::xlsx) {
    auto table = read_xlsx(bytes_);
    if (!table) {
      error_ = table.error().message;
      stage_ = Stage::failed;
      return;
    }
    table_ = std::move(*table);
    read_pos_ = bytes_.size();
    finish_reading();
    return;
  }
  // CSV. Files that are not UTF-8 are read in one go (they are converted as a whole).
  const std::string_view all(bytes_);
  const bool whole = sniff_.encoding.rfind("utf-8", 0) != 0;
  std::size_t end = whole ? std::string_view::npos : chunk_end(all, read_pos_, read_pos_ + kChunk);
  if (end == std::string_view::npos) end = all.size();
  const std::string_view chunk = all.substr(read_pos_, end - read_pos_);
  CsvOptions options;
  options.delimiter = sniff_.delimiter;
  options.has_header = read_pos_ == 0 ? sniff_.has_header : false;
  auto part = read_csv(chunk, options);
  if (!part) {
    // Read the whole file once more so the message's line numbers are the file's.
    auto whole_file = read_csv(all, options);
    error_ = whole_file ? part.error().message : whole_file.error().message;
    stage_ = Stage::failed;
    return;
  }
  if (read_pos_ == 0) {
    table_.columns = part->columns;
    table_.encoding = part->encoding;
    table_.delimiter = part->delimiter;
    table_.has_header = part->has_header;
  }
  for (auto& row : part->rows) table_.rows.push_back(std::move(row));
  for (auto line : part->row_lines) table_.row_lines.push_back(line + lines_before_);
  for (auto issue : part->issues) {
    issue.line += lines_before_;
    table_.issues.push_back(std::move(issue));
  }
  lines_before_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
  read_pos_ = end;
  if (read_pos_ >= all.size()) finish_reading();
}

void ParticipantsPipeline::finish_reading() {
  issues_ = table_.issues;
  columns_ = columns_from_json(column_choice_, guess_columns(table_));
  auto comments = comments_from_table(table_, columns_, platform_, issues_);
  if (!comments) {
    error_ = comments.error().message;
    stage_ = Stage::failed;
    return;
  }
  comments_ = std::move(*comments);
  stage_ = Stage::filtering;
}

void ParticipantsPipeline::hash_slice(double budget_ms) {
  const double until = emscripten_get_now() + std::max(budget_ms, 1.0);
  const std::size_t n = list_.entries.size();
  while (hashed_ < n) {
    const std::size_t stop = std::min(n, hashed_ + 2048);
    for (; hashed_ < stop; ++hashed_) tree_->append(leaf_hash(leaf(list_.entries[hashed_])));
    if (emscripten_get_now() >= until) break;
  }
  if (hashed_ == n) stage_ = Stage::ready;
}

}  // namespace tirage::app
