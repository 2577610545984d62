// From a participant source (pasted text, CSV, .xlsx, comments as JSON Lines)
// to the participant list and its Merkle tree: read -> columns -> comments ->
// filters -> entries -> list (normalize, dedupe, sort) -> leaf hashes. The
// organizer's app runs it a slice at a time (wasm/app/model/
// participants_pipeline.hpp); `tirage participants` runs it to the end, so an
// auditor holding the same file, columns and rules gets the same root.
//
//   ParticipantsBuild b;
//   b.start(SourceKind::csv, bytes, "instagram", Json{{"handle", 0}}, rules, now);
//   while (b.work(20'000)) show(b.progress());     // or: auto ok = b.finish();
//   if (b.stage() == ParticipantsBuild::Stage::ready) commit(b.tree().root(), b.list().entries.size());
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/filters/draw_entries.hpp"
#include "shared/filters/filters.hpp"
#include "shared/import/comments.hpp"
#include "shared/import/csv_reader.hpp"
#include "shared/import/table.hpp"
#include "shared/protocol/entry.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/participant_list.hpp"

namespace tirage {

// post: the comments of a platform import, one JSON comment per line (shared/import/comment_lines.hpp).
enum class SourceKind { none, text, csv, xlsx, post };

// "none", "text", "csv", "xlsx", "post" (as the app saves them).
const char* source_kind_name(SourceKind k);
// The kind of a source_kind_name; none for anything else.
SourceKind source_kind_from(std::string_view name);

class ParticipantsBuild {
 public:
  enum class Stage { idle, reading, filtering, listing, hashing, ready, failed, cancelled };

  // Starts over from source bytes. platform applies to text and tables (a post's
  // comments name their own); columns is the column choice (column_choice.hpp),
  // empty for the guesses; now (Unix seconds) is what the account-age rule measures from.
  // The bytes are not copied (a million rows are ~60 MB): they must stay alive
  // and unchanged until the next start().
  void start(SourceKind kind, std::string_view bytes, std::string platform, Json columns, FilterRules rules,
             std::int64_t now);
  // Runs the filters again over what was read (rules changed); nothing before the reading is done.
  void refilter(FilterRules rules, std::int64_t now);
  // Does up to max_records records of the current stage's work; true while work remains.
  bool work(std::size_t max_records);
  // Runs to the end; the error of a failed build.
  Status finish();
  // Stops between two slices of work.
  void cancel();

  Stage stage() const { return stage_; }
  bool busy() const {
    return stage_ == Stage::reading || stage_ == Stage::filtering || stage_ == Stage::listing || stage_ == Stage::hashing;
  }
  float progress() const;  // of the current stage, 0..1
  const std::string& error() const { return error_; }

  const Table& table() const { return table_; }                      // what was read (tables only)
  const std::vector<ImportIssue>& issues() const { return issues_; }  // what could not be read, by line and column
  const ColumnMap& columns() const { return columns_; }
  const std::vector<Comment>& comments() const { return comments_; }
  const FilterResult& filtered() const { return filtered_; }
  const ParticipantList& list() const { return list_; }
  const MerkleTree& tree() const { return *tree_; }
  std::uint64_t source_size() const { return bytes_.size(); }

 private:
  void read_slice(std::size_t max_records);
  void finish_reading();
  void convert_slice(std::size_t max_records);
  void filter_slice(std::size_t max_records);
  void list_slice(std::size_t max_records);
  void hash_slice(std::size_t max_records);
  void fail(std::string message);

  Stage stage_ = Stage::idle;
  std::string error_;
  SourceKind kind_ = SourceKind::none;
  std::string_view bytes_;
  std::string platform_;
  Json column_choice_;
  FilterRules rules_;
  std::int64_t now_ = 0;

  // Each stage works through the stepped form of the shared/ function it runs (one implementation of each).
  std::optional<CsvReader> csv_;
  std::optional<TableComments> convert_;  // table rows -> comments, after the reader
  bool read_done_ = false;                // comments_ is complete
  std::optional<FilterRun> filter_run_;
  std::optional<DrawEntries> draw_entries_;
  std::optional<ParticipantListBuilder> builder_;
  std::size_t read_pos_ = 0;  // bytes, for sources read in one go

  Table table_;
  std::vector<ImportIssue> issues_;
  ColumnMap columns_;
  std::vector<Comment> comments_;
  FilterResult filtered_;
  ParticipantList list_;
  std::unique_ptr<MerkleTree> tree_ = std::make_unique<MerkleTree>();
  std::size_t hashed_ = 0;
  std::string leaf_;  // one buffer for every leaf
};

}  // namespace tirage
