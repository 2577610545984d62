// The organizer's work in progress on one giveaway: what they typed and
// chose, saved in the browser (IndexedDB) after every change so a reload
// loses nothing. The participant source bytes are saved beside it.
#pragma once

#include <cstdint>
#include <string>

#include "shared/core/result.hpp"
#include "shared/filters/filters.hpp"
#include "shared/filters/participants_build.hpp"
#include "shared/filters/rules_json.hpp"
#include "shared/protocol/jcs.hpp"
#include "wasm/app/model/engagement_rule.hpp"

namespace tirage::app {

struct Giveaway {
  std::string giveaway_id;  // stable across re-draws of the same giveaway
  std::string title;
  std::string rules_text;
  std::string giveaway_url;  // the public link of the giveaway post, optional; committed as giveaway_url
  int winners = 1;
  int alternates = 0;
  bool local_beacon = false;  // drand unless the organizer is offline
  bool handle_check = true;   // publish a handle index of the platform entries (docs/protocol.md section 9)
  std::string scheduled_at;   // RFC 3339 UTC, empty: as soon as possible
  SourceKind source = SourceKind::none;  // post: the comments of a platform import (model/imported_comments.hpp)
  std::string source_name;   // file name, for the screen
  std::string platform = "list";
  Json columns = Json::object();  // column choices for tables ({"handle": 0, ...})
  FilterRules filters;
  EngagementRule engagement;  // "must also have engaged": its list lives here, filters get it through sync_engagement
  std::string import_id;      // the platform import shown in the participants step (a reload shows it again)
  std::string imported_from;  // the import whose comments are the source (not fetched again after a reload)
  std::string imported_post;  // that import's post id (X: a later import of the same post is merged in)
  std::int64_t imported_count = -1;  // how many of that import's comments are in the source (-1: not known)
  std::string draw_id;  // set once committed
  std::string outcome;  // "published" or "abandoned" once the draw is final, "" before (model/giveaway_list.hpp)
  int step = 0;         // the editor step the organizer was on
};

// The post the participants come from ("" for files and pasted lists): what the engagement rule must be about.
std::string engagement_post(const Giveaway& g);
// Puts the engagement rule into g.filters when it applies (and takes it out when not).
void sync_engagement(Giveaway& g);

// The rules as committed: the organizer's text, the filters that were applied
// (what `tirage participants --commitment` applies again) and the source's name.
Json committed_rules(const Giveaway& g);

// The giveaway as JSON for the browser store (never sent to the server as is).
Json giveaway_to_json(const Giveaway& g);
// Reads what giveaway_to_json wrote; fields that are missing keep their defaults.
Result<Giveaway> giveaway_from_json(const Json& j);

// A fresh giveaway id ("g_" + 20 random base32 characters) from 13 random bytes.
std::string make_giveaway_id(const std::string& random_bytes);

}  // namespace tirage::app
