#include "shared/filters/participants_build.hpp"

#include <algorithm>

#include "shared/import/column_choice.hpp"
#include "shared/import/comment_lines.hpp"
#include "shared/import/xlsx_reader.hpp"

namespace tirage {

const char* source_kind_name(SourceKind k) {
  switch (k) {
    case SourceKind::text: return "text";
    case SourceKind::csv: return "csv";
    case SourceKind::xlsx: return "xlsx";
    case SourceKind::post: return "post";
    case SourceKind::none: break;
  }
  return "none";
}

SourceKind source_kind_from(std::string_view name) {
  for (SourceKind k : {SourceKind::text, SourceKind::csv, SourceKind::xlsx, SourceKind::post})
    if (name == source_kind_name(k)) return k;
  return SourceKind::none;
}

void ParticipantsBuild::start(SourceKind kind, std::string_view bytes, std::string platform, Json columns,
                              FilterRules rules, std::int64_t now) {
  *this = ParticipantsBuild();
  kind_ = kind;
  bytes_ = bytes;
  platform_ = std::move(platform);
  column_choice_ = std::move(columns);
  rules_ = std::move(rules);
  now_ = now;
  stage_ = kind == SourceKind::none ? Stage::idle : Stage::reading;
}

void ParticipantsBuild::refilter(FilterRules rules, std::int64_t now) {
  if (stage_ == Stage::idle || stage_ == Stage::reading || stage_ == Stage::failed || !read_done_) return;
  rules_ = std::move(rules);
  now_ = now;
  builder_.reset();
  draw_entries_.reset();
  filter_run_.reset();
  stage_ = Stage::filtering;
}

void ParticipantsBuild::fail(std::string message) {
  error_ = std::move(message);
  stage_ = Stage::failed;
}

void ParticipantsBuild::cancel() {
  if (busy()) stage_ = Stage::cancelled;
}

float ParticipantsBuild::progress() const {
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

bool ParticipantsBuild::work(std::size_t max_records) {
  max_records = std::max<std::size_t>(max_records, 1);
  switch (stage_) {
    case Stage::reading: read_slice(max_records); break;
    case Stage::filtering: filter_slice(max_records); break;
    case Stage::listing: list_slice(max_records); break;
    case Stage::hashing: hash_slice(max_records); break;
    default: break;
  }
  return busy();
}

Status ParticipantsBuild::finish() {
  while (work(static_cast<std::size_t>(-1))) {
  }
  if (stage_ == Stage::failed) return make_error("bad_source", error_);
  if (stage_ == Stage::cancelled) return make_error("cancelled", "the list was not finished: cancelled");
  return {};
}

void ParticipantsBuild::read_slice(std::size_t max_records) {
  if (convert_) return convert_slice(max_records);  // the table is read; its rows become comments
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
    if (!table) return fail(table.error().message);
    table_ = std::move(*table);
    read_pos_ = bytes_.size();
    return finish_reading();
  }
  // CSV: a number of records per call.
  if (!csv_) {
    auto reader = CsvReader::open(bytes_);
    if (!reader) return fail(reader.error().message);
    csv_.emplace(std::move(*reader));
  }
  auto more = csv_->step(max_records);
  if (!more) {
    csv_.reset();
    return fail(more.error().message);
  }
  if (!*more) {
    table_ = csv_->take();
    csv_.reset();
    read_pos_ = bytes_.size();
    finish_reading();
  }
}

void ParticipantsBuild::finish_reading() {
  issues_ = table_.issues;
  auto columns = choose_columns(column_choice_, table_);
  if (!columns) return fail(columns.error().message);
  columns_ = *columns;
  auto convert = TableComments::open(table_, columns_, platform_);
  if (!convert) return fail(convert.error().message);
  convert_.emplace(std::move(*convert));
}

void ParticipantsBuild::convert_slice(std::size_t max_records) {
  if (convert_->step(max_records, comments_, issues_)) return;
  convert_.reset();
  read_done_ = true;
  stage_ = Stage::filtering;
}

void ParticipantsBuild::filter_slice(std::size_t max_records) {
  if (!filter_run_) filter_run_.emplace(comments_, rules_, now_);
  if (filter_run_->step(max_records)) return;
  filtered_ = filter_run_->take();
  filter_run_.reset();
  stage_ = Stage::listing;
}

void ParticipantsBuild::list_slice(std::size_t max_records) {
  if (!builder_) {
    if (!draw_entries_) draw_entries_.emplace(comments_, filtered_, rules_);
    if (draw_entries_->step(max_records)) return;
    builder_.emplace(draw_entries_->take());
    draw_entries_.reset();
    return;
  }
  auto more = builder_->step(max_records);
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

void ParticipantsBuild::hash_slice(std::size_t max_records) {
  const std::size_t n = list_.entries.size();
  const std::size_t stop = hashed_ + std::min(n - hashed_, max_records);
  for (; hashed_ < stop; ++hashed_) {
    leaf_into(list_.entries[hashed_], leaf_);
    tree_->append(leaf_hash(leaf_));
  }
  if (hashed_ == n) stage_ = Stage::ready;
}

}  // namespace tirage
