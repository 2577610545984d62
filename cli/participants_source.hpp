// What `tirage participants` reads: the file's format (as the organizer
// app's file picker decides it, or --format) and the column choice flags,
// in the shapes the shared build takes (shared/filters/participants_build.hpp).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "cli/args.hpp"
#include "shared/filters/participants_build.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::cli {

// csv, xlsx, text and jsonl are the app's sources; entries the protocol's own list.
enum class ParticipantFormat { csv, xlsx, text, jsonl, entries };

// The options this file reads (for parse_args).
extern const std::set<std::string> kSourceOptions;

// "csv", "xlsx", "text", "jsonl", "entries".
const char* format_name(ParticipantFormat f);

// The format --format names; without it, as the app's file picker: .xlsx or a
// ZIP header is xlsx; JSON Lines (.jsonl, .ndjson, or a first line starting
// with '{') are comments when that line has a "user_id" or "handle", else
// entries; the rest is CSV. Pasted text is only ever --format text.
Result<ParticipantFormat> choose_format(const Args& args, const std::string& path, std::string_view bytes);

// The shared build's source kind for an app format (none for entries).
SourceKind source_kind(ParticipantFormat f);

// The column choice of the --handle-column ... flags ({"handle": "Username", "text": -1, ...}).
Json column_choice_from_args(const Args& args);

}  // namespace tirage::cli
