// The organizer app's state and screens: who is logged in, the giveaway in
// progress (saved in the browser after each change), its participant
// pipeline and its draw on the server. main.cpp owns the window and installs
// the browser's transport in `api`; this owns what is in the window. Its
// definitions are split by job (the index is at the top of organizer_app.cpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wasm/app/api/api_client.hpp"
#include "wasm/app/model/connections_model.hpp"
#include "wasm/app/model/draw_session.hpp"
#include "wasm/app/model/engagement_fetch.hpp"
#include "wasm/app/model/giveaway.hpp"
#include "wasm/app/model/giveaway_list.hpp"
#include "wasm/app/model/participants_pipeline.hpp"
#include "wasm/app/model/post_import.hpp"
#include "wasm/app/ui/draw_animation.hpp"

namespace tirage::app {

enum class Screen { starting, account, home, editor, keys, connections };
enum class AccountMode { login, signup, forgot, reset, check_mail };

struct AccountForm {
  AccountMode mode = AccountMode::login;
  std::string email, password, password2, token;
  std::string message, error;
  bool busy = false;
  bool confirm_delete = false;  // signed in: the deletion asks for the address to be typed
  std::string delete_typed;
};

struct PendingSource {  // a list given while another would be lost by it: held until the organizer says yes
  SourceKind kind = SourceKind::none;
  std::string name, bytes;
};

struct FilterForm {  // the filters as the organizer types them (lists as text)
  std::string hashtags, excluded, keywords, from, until;
};

struct PostForm {  // the "from a post" source as the organizer fills it in
  bool active = false;      // the participants step shows the post import instead of the list
  int platform = 0;         // index in post_platforms()
  std::string link;
  bool include_replies = true;
  bool picking = false;     // the picker of recent posts is open
  Json posts = Json::array();
  std::vector<std::string> cursors;  // the picker's pages: cursors.back() is the page shown ("" first)
  std::string next_cursor, picker_error, picker_note;
  bool picker_busy = false;
  bool show_form = false;   // a new import over the one shown
  bool collect = false;     // X: keep collecting new replies until collect_until
  std::string collect_until;  // "YYYY-MM-DD HH:MM" local time, as typed (a week ahead by default)
  std::string page_id, page_name;  // Facebook: the Page whose posts the picker lists ("" = the only one)
  Json pages = Json::array();      // Facebook: the Pages to choose from, when the account manages several
  bool choosing_page = false;
};

// The platforms an import can read, in menu order.
const std::vector<std::string>& post_platforms();

class OrganizerApp {
 public:
  // Reads the language, the page address (#verify=, #reset=), the session and the saved work.
  void start();
  // One frame of the current screen, filling the whole display.
  void frame(float width, float height);

  // --- shared with the screens ---
  ApiClient api;
  Screen screen = Screen::starting;
  std::string email;          // logged in as
  bool drand_available = true;
  AccountForm account;
  FilterForm filter_form;
  std::string schedule_text;  // the scheduled time as typed (local); the giveaway keeps it in UTC
  Giveaway giveaway;          // the giveaway open (giveaway_id empty: none)
  GiveawayList giveaways;     // every giveaway of this browser (model/giveaway_list.hpp)
  bool giveaways_loaded = false;  // the list is read from the browser (or there was none): it may be written
  bool giveaways_unreadable = false;  // the stored list could not be read: it is left as it is, never written over
  std::string source_bytes;  // the participant source as given (text, CSV or XLSX bytes)
  ParticipantsPipeline pipeline;
  DrawSession draw;
  DrawAnimation animation;
  Json history = Json::array();  // the organizer's draws from the server
  Json api_keys = Json::array();
  Json billing;  // GET /api/v1/billing: the plan, its limits and this month's usage
  std::string new_key_label, new_key_shown, keys_error;
  std::string status_error;    // shown on top of any screen
  std::string paste_text;      // the "paste a list" field
  std::optional<PendingSource> pending_source;  // awaiting "replace the list?" (participants step)
  std::string confirm_delete;  // the giveaway whose deletion awaits a yes (or is refused, and why)
  ConnectionsModel connections;
  std::string confirm_disconnect;  // the platform whose disconnection awaits a yes
  PostImport post_import;
  PostForm post_form;
  EngagementFetch engagement_fetch;  // the "must also have engaged" list being fetched

  void change_language(const std::string& lang);
  void after_login(const std::string& email, const std::string& csrf);
  void logout();
  // Opens the account screen of the signed-in organizer (privacy policy, account deletion).
  void open_account();
  void load_history();
  void load_keys();
  void load_billing();
  // Saves the giveaway open, then starts a new one in the editor; the others stay in the list with their lists.
  void new_giveaway();
  // Saves the giveaway open, then opens another of the list in the editor.
  void open_giveaway(const std::string& giveaway_id);
  // Deletes a giveaway and its source list from this browser (the screen asked first); refused for a
  // committed draw not published or abandoned, whose list is needed to publish it.
  Status delete_giveaway(const std::string& giveaway_id);
  // Why the giveaway may not be deleted ("" when it may): the list's rule, and a commit still under way.
  std::string deletion_refused(const GiveawaySummary& s) const;
  void open_draw(const std::string& draw_id, const std::string& title);
  // Replaces the participant source and reads it again.
  void set_source(SourceKind kind, std::string name, std::string bytes);
  // set_source, unless that would discard a list read from a file or a post: then it asks first (pending_source).
  void offer_source(SourceKind kind, std::string name, std::string bytes);
  // Re-applies the filters (after a change in the filter form).
  void rules_changed();
  // Saves the giveaway and its source in the browser, soon (coalesced).
  void save_soon();
  // True when everything typed so far is stored in the browser.
  bool saved() const { return save_due_ == 0 && pending_puts_ == 0 && !source_dirty_; }
  void export_csv(bool winners_only);
  // Saves everything, then leaves the app for url (OAuth); back at /app, the app reopens return_to ("connections", "editor").
  void leave_for(const std::string& url, const std::string& return_to);
  // Starts importing a post's comments (a link, or an id from the picker); the import id is saved with the giveaway.
  void start_post_import(const std::string& platform, const std::string& post, bool is_id);
  // Puts the comments of the import shown into the pipeline (partial: a stopped or cancelled import's, said so);
  // comments read from an offset on (a watching import's new replies) are added to those already there.
  void use_imported_comments();
  // True once the list is committed for a draw (or being committed): it does not change any more.
  bool list_frozen() const;
  std::string verify_url() const;
  std::string certificate_url() const;
  // The wall clock, through the API client's transport (seconds since the epoch).
  double now() const;
  // True while the saved work is being read back (nothing may be written over it yet).
  bool restoring() const { return !restored_; }

 private:
  void restore_saved_work();
  void migrate_legacy_work();
  // Reads a stored giveaway and its source, then shows it in the editor (a later open wins).
  void load_giveaway(const std::string& giveaway_id);
  void show_giveaway(Giveaway g, bool has_source, std::string bytes);
  // Saves what changed in the giveaway open, then forgets it (pipeline, draw, import).
  void close_giveaway();
  void save_now();
  void save_index();
  // Counts a write (or delete) of the browser store until it lands, for saved(); its callback says a failure.
  std::function<void(bool)> tracked_write();
  void follow_import();
  std::string pending_navigation_;
  std::string return_to_;
  std::string connected_platform_;  // back from connecting it (?connected=)
  std::string collection_stopped_for_;  // the import whose collection the commit stopped (asked once)
  bool restored_ = false;
  int open_generation_ = 0;  // load_giveaway counts up: the answer for an earlier open is dropped
  double save_due_ = 0;
  int pending_puts_ = 0;
  bool source_dirty_ = false;
  double last_filter_change_ = 0;
  bool filter_pending_ = false;
};

// Screens (one file each under screens/).
void account_screen(OrganizerApp& app);
void home_screen(OrganizerApp& app);
void giveaway_list_panel(OrganizerApp& app);
void keys_screen(OrganizerApp& app);
void connections_screen(OrganizerApp& app);
void post_import_panel(OrganizerApp& app);
void editor_screen(OrganizerApp& app);
void participants_step(OrganizerApp& app);
void filters_step(OrganizerApp& app);
void engagement_control(OrganizerApp& app);
// Puts a list the engagement fetch brought into the giveaway (every frame, whatever the screen).
void follow_engagement_fetch(OrganizerApp& app);
void draw_settings_step(OrganizerApp& app);
void draw_step(OrganizerApp& app);

}  // namespace tirage::app
