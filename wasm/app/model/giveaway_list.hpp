// This browser's giveaways (issue 14, "no lost work"): an index of one
// summary per giveaway, while each giveaway and its source list are stored
// beside it under keys of their own, so a new giveaway never replaces the
// one before. It says what may be deleted (never the list of a committed
// draw waiting for its result: without it that draw cannot be published)
// and moves the single giveaway stored before the list existed into it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/protocol/jcs.hpp"
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {

// The browser store's keys: the index, then one giveaway and its source bytes per id.
inline constexpr const char* kIndexKey = "work.index";
// What the app stored before the list: one giveaway and its source (read once, by migrate_legacy).
inline constexpr const char* kLegacyGiveawayKey = "work.giveaway";
inline constexpr const char* kLegacySourceKey = "work.source";
std::string giveaway_key(const std::string& giveaway_id);
std::string source_key(const std::string& giveaway_id);

// draft: not committed; committed: a draw waits for its result; published or abandoned (its deadline passed): final.
enum class GiveawayStatus { draft, committed, published, abandoned };
const char* status_name(GiveawayStatus s);
// The status named by status_name; anything else reads as committed when there is a draw id (the safe side), else draft.
GiveawayStatus status_from(const std::string& name, bool has_draw);
// The status of a giveaway from its draw id and the outcome it recorded.
GiveawayStatus giveaway_status(const Giveaway& g);

struct GiveawaySummary {
  std::string giveaway_id;
  std::string title;
  std::string draw_id;
  GiveawayStatus status = GiveawayStatus::draft;
  std::int64_t created_at = 0;  // Unix seconds
  std::int64_t updated_at = 0;
};

struct GiveawayList {
  std::vector<GiveawaySummary> items;  // the latest change first
  std::string current;                 // the giveaway open last (a reload opens it again)
};

// The summary of id, or nullptr.
const GiveawaySummary* find_giveaway(const GiveawayList& list, const std::string& giveaway_id);
// Records g's title, draw and status as of now (a new entry when g is not listed yet), first in the list.
void note_giveaway(GiveawayList& list, const Giveaway& g, std::int64_t now);
// Ok when the giveaway may be deleted; the error "draw_unpublished" for a committed draw waiting for its result.
Status may_delete(const GiveawaySummary& s);
// Takes the giveaway out of the list when may_delete allows it (an unknown id is an error too).
Status remove_giveaway(GiveawayList& list, const std::string& giveaway_id);
// Takes in the statuses of GET /api/v1/draws ({"draws": [{"draw_id", "status"}]} or the array):
// published and abandoned are final; true when a summary changed.
bool apply_server_statuses(GiveawayList& list, const Json& draws);

Json giveaway_list_to_json(const GiveawayList& list);
// Reads what giveaway_list_to_json wrote; an entry without an id is an error (it could never be opened).
Result<GiveawayList> giveaway_list_from_json(const Json& j);

struct MigratedWork {
  Giveaway giveaway;  // with an id, ready to be stored under giveaway_key
  GiveawayList list;  // that giveaway alone, current
};
// A browser that stored one giveaway under kLegacyGiveawayKey: the list it starts with. fresh_id names the
// giveaway when the saved one had no id.
Result<MigratedWork> migrate_legacy(const std::string& saved_json, const std::string& fresh_id, std::int64_t now);

}  // namespace tirage::app
