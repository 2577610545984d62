#include "wasm/app/model/participants_pipeline.hpp"

#include <emscripten.h>

#include <algorithm>

#include "shared/import/xlsx_reader.hpp"
#include "wasm/app/model/imported_comments.hpp"

namespace tirage::app {

namespace {

// Records handled between two looks at the clock: a few milliseconds of work
// each in Wasm, so a 50 ms budget is overshot by little.
constexpr std::size_t kRecordsPerStep = 20000;

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

void ParticipantsPipeline::start(SourceKind kind, std::string_view bytes, std::string platform, Json columns, FilterRules rules,
                                 std::int64_t now) {
  *this = ParticipantsPipeline();
  kind_ = kind;
  bytes_ = bytes;
  platform_ = std::move(platform);
  column_choice_ = std::move(columns);
  rules_ = std::move(rules);
  now_ = now;
  stage_ = kind == SourceKind::none ? Stage::idle : Stage::reading;
}

void ParticipantsPipeline::refilter(FilterRules rules, std::int64_t now) {
  if (stage_ == Stage::idle || stage_ == Stage::reading || stage_ == Stage::failed || !read_done_) return;
  rules_ = std::move(rules);
  now_ = now;
  builder_.reset();
  draw_entries_.reset();
  filter_run_.reset();
  stage_ = Stage::filtering;
}

void ParticipantsPipeline::fail(std::string message) {
  error_ = std::move(message);
  stage_ = Stage::failed;
}

void ParticipantsPipeline::cancel() {
  if (busy()) stage_ = Stage::cancelled;
}

float ParticipantsPipeline::progress() const {
  switch (stage_) {
    case Stage::reading:
      // Converting rows to comments is about a sixth of the CSV stage's work.
      if (csv_) return 0.85f * static_cast<float>(csv_->progress());
      if (convert_) return 0.85f + 0.15f * static_cast<float>(convert_->progress());
      return bytes_.empty() ? 0.f : static_cast<float>(read_pos_) / static_cast<float>(bytes_.size());
    case Stage::filtering: return filter_run_ ? static_cast<float>(filter_run_->progress()) : 0.f;
    case Stage::listing:
      if (builder_) return 0.2f + 0.8f * static_cast<float>(builder_->progress());
      return draw_entries_ ? 0.2f * static_cast<float>(draw_entries_->progress()) : 0.f;
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
      case Stage::filtering: filter_slice(); break;
      case Stage::listing: list_slice(); break;
      case Stage::hashing: hash_slice(until - emscripten_get_now()); break;
      default: break;
    }
    if (timed < stage_ms_.size()) stage_ms_[timed] += emscripten_get_now() - began;
  }
  return busy();
}

void ParticipantsPipeline::read_slice() {
  if (convert_) return convert_slice();  // the table is read; its rows become comments
  if (kind_ == SourceKind::text) {
    comments_ = comments_from_text(bytes_);
    for (auto& c : comments_) c.platform = platform_;
    read_pos_ = bytes_.size();
    read_done_ = true;
    stage_ = Stage::filtering;
    return;
  }
  if (kind_ == SourceKind::post) {  // a platform import: comments already in their JSON shape
    comments_ = comments_from_json_lines(bytes_, issues_);
    read_pos_ = bytes_.size();
    read_done_ = true;
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
  auto convert = TableComments::open(table_, columns_, platform_);
  if (!convert) return fail(convert.error().message);
  convert_.emplace(std::move(*convert));
}

void ParticipantsPipeline::convert_slice() {
  if (convert_->step(kRecordsPerStep, comments_, issues_)) return;
  convert_.reset();
  read_done_ = true;
  stage_ = Stage::filtering;
}

void ParticipantsPipeline::filter_slice() {
  if (!filter_run_) filter_run_.emplace(comments_, rules_, now_);
  if (filter_run_->step(kRecordsPerStep)) return;
  filtered_ = filter_run_->take();
  filter_run_.reset();
  stage_ = Stage::listing;
}

void ParticipantsPipeline::list_slice() {
  if (!builder_) {
    if (!draw_entries_) draw_entries_.emplace(comments_, filtered_, rules_);
    if (draw_entries_->step(kRecordsPerStep)) return;
    builder_.emplace(draw_entries_->take());
    draw_entries_.reset();
    return;
  }
  auto more = builder_->step(kRecordsPerStep);
  if (!more) {
    builder_.reset();
    return fail(more.error().message);
  }
  if (*more) return;
  list_ = builder_->take();
  builder_.reset();
  tree_ = std::make_unique<MerkleTree>();
  tree_->reserve(list_.entries.size());
  hashed_ = 0;
  stage_ = Stage::hashing;
}

void ParticipantsPipeline::hash_slice(double budget_ms) {
  const double until = emscripten_get_now() + std::max(budget_ms, 1.0);
  const std::size_t n = list_.entries.size();
  while (hashed_ < n) {
    const std::size_t stop = std::min(n, hashed_ + 2048);
    for (; hashed_ < stop; ++hashed_) {
      leaf_into(list_.entries[hashed_], leaf_);
      tree_->append(leaf_hash(leaf_));
    }
    if (emscripten_get_now() >= until) break;
  }
  if (hashed_ == n) stage_ = Stage::ready;
}

}  // namespace tirage::app
