#include "wasm/app/model/participants_pipeline.hpp"

#include <emscripten.h>

#include <algorithm>

#include "shared/import/xlsx_reader.hpp"
#include "wasm/app/model/imported_comments.hpp"

namespace tirage::app {

namespace {

constexpr std::size_t kRecordsPerStep = 20000;  // CSV records read between two looks at the clock

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
    case Stage::reading:
      if (csv_) return static_cast<float>(csv_->progress());
      return bytes_.empty() ? 0.f : static_cast<float>(read_pos_) / static_cast<float>(bytes_.size());
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
  if (kind_ == SourceKind::post) {  // a platform import: comments already in their JSON shape
    comments_ = comments_from_json_lines(bytes_, issues_);
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
  // CSV: a number of records per call, until the clock says stop.
  if (!csv_) {
    auto reader = CsvReader::open(bytes_);
    if (!reader) {
      error_ = reader.error().message;
      stage_ = Stage::failed;
      return;
    }
    csv_.emplace(std::move(*reader));
  }
  auto more = csv_->step(kRecordsPerStep);
  if (!more) {
    error_ = more.error().message;
    stage_ = Stage::failed;
    csv_.reset();
    return;
  }
  if (!*more) {
    table_ = csv_->take();
    csv_.reset();
    read_pos_ = bytes_.size();
    finish_reading();
  }
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
