// From the organizer's source (pasted text, CSV, XLSX) to a committed
// participant list, in slices of a few milliseconds so the page never
// freezes: read -> filter -> list (normalize, dedupe, sort) -> leaf hashes
// and Merkle tree. Each slice reports progress; cancel stops between slices.
#pragma once

#include <array>
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
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {

class ParticipantsPipeline {
 public:
  enum class Stage { idle, reading, filtering, listing, hashing, ready, failed, cancelled };

  // Starts over from source bytes; columns may be empty (guessed from the header).
  // The bytes are not copied (a million rows are ~60 MB): they must stay alive
  // and unchanged until the next start() or reset (the app's source_bytes).
  void start(SourceKind kind, std::string_view bytes, std::string platform, Json columns, FilterRules rules, std::int64_t now);
  // Runs the filters again over what was read (rules changed).
  void refilter(FilterRules rules, std::int64_t now);
  // Works for about budget_ms; true while work remains.
  bool step(double budget_ms);
  void cancel();

  Stage stage() const { return stage_; }
  bool busy() const { return stage_ == Stage::reading || stage_ == Stage::filtering || stage_ == Stage::listing || stage_ == Stage::hashing; }
  float progress() const;  // of the current stage, 0..1
  const std::string& error() const { return error_; }

  const Table& table() const { return table_; }                     // what was read (tables only)
  const std::vector<ImportIssue>& issues() const { return issues_; }  // what could not be read, by line and column
  const ColumnMap& columns() const { return columns_; }
  const std::vector<Comment>& comments() const { return comments_; }
  const FilterResult& filtered() const { return filtered_; }
  const ParticipantList& list() const { return list_; }
  const MerkleTree& tree() const { return *tree_; }
  std::uint64_t source_size() const { return bytes_.size(); }
  // Milliseconds of work spent in each stage so far (reading, filtering, listing, hashing), for benchmarks.
  const std::array<double, 4>& stage_ms() const { return stage_ms_; }

 private:
  void read_slice();
  void finish_reading();
  void convert_slice();
  void filter_slice();
  void list_slice();
  void hash_slice(double budget_ms);
  void fail(std::string message);

  Stage stage_ = Stage::idle;
  std::string error_;
  SourceKind kind_ = SourceKind::none;
  std::string_view bytes_;
  std::string platform_;
  Json column_choice_;
  FilterRules rules_;
  std::int64_t now_ = 0;

  // Each stage works a number of records per slice, through the stepped
  // form of the shared/ function it runs (one implementation of each).
  std::optional<CsvReader> csv_;
  std::optional<TableComments> convert_;  // table rows -> comments, after the CSV reader
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
  std::array<double, 4> stage_ms_{};
};

}  // namespace tirage::app
