#include "server/imports/engagement.hpp"

#include "server/imports/platform_requests.hpp"
#include "shared/filters/filters.hpp"
#include "shared/platforms/platform_json.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage::server {

namespace {

// X stops at 100 accounts anyway; Facebook's reactions are followed up to 100 pages of 100.
constexpr int kMaxPages = 100;
constexpr std::size_t kXCap = 100;

Json note(const char* code, const std::string& message) { return {{"code", code}, {"message", message}}; }

}  // namespace

Result<Json> engaged_accounts(ImportService& imports, const std::string& organizer_id, const std::string& kind,
                              const std::string& post_id) {
  if (kind.empty() || !is_engagement_kind(kind))
    return make_error("bad_request", "kind must be \"x_repost\", \"x_like\" or \"facebook_reaction\" (Instagram, "
                                     "YouTube and TikTok do not tell apps who liked a post)");
  if (!is_platform_id(post_id)) return make_error("bad_request", "post_id is not a platform post id");
  const bool x = kind != "facebook_reaction";
  const Platform platform = x ? Platform::x : Platform::facebook;

  Json accounts = Json::array();
  Json notes = Json::array();
  std::optional<std::int64_t> total;
  std::int64_t unnamed = 0;
  std::string cursor;
  bool complete = true;
  for (int page = 0;; ++page) {
    if (page == kMaxPages) {
      complete = false;
      notes.push_back(note("too_many", "only the first " + std::to_string(accounts.size()) +
                                           " accounts were read; the rule would leave out the others"));
      break;
    }
    auto reply = imports.call(organizer_id, platform, engagement_request(imports.config(), kind, post_id, cursor), post_id);
    if (!reply) return reply.error();
    auto parsed = x ? parse_x_users(reply->body) : parse_facebook_reactions(reply->body);
    if (!parsed) return parsed.error();
    for (const auto& a : parsed->accounts) accounts.push_back({{"user_id", a.user_id}, {"handle", a.handle}});
    unnamed += parsed->unnamed;
    if (parsed->total_hint) total = parsed->total_hint;
    if (!parsed->next_cursor || *parsed->next_cursor == cursor) break;
    cursor = *parsed->next_cursor;
  }
  if (x && accounts.size() >= kXCap) {
    complete = false;
    notes.push_back(note("x_cap", std::string("X tells apps at most 100 accounts that ") +
                                      (kind == "x_repost" ? "reposted" : "liked") +
                                      " a post: people beyond those 100 would be removed wrongly, so this rule is "
                                      "fair only on posts with fewer than 100"));
  }
  if (unnamed > 0) {
    complete = false;
    notes.push_back(note("unnamed", std::to_string(unnamed) +
                                        " reactions came without the person's name or id (Facebook shows them only to "
                                        "Pages with enough permissions): the rule cannot tell who they are"));
  }
  Json out = {{"kind", kind},      {"platform", platform_name(platform)}, {"post_id", post_id},
              {"accounts", accounts}, {"count", accounts.size()},          {"complete", complete},
              {"notes", notes}};
  if (total) out["total"] = *total;
  return out;
}

}  // namespace tirage::server
