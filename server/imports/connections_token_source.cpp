#include "server/imports/connections_token_source.hpp"

#include "server/clock.hpp"

namespace tirage::server {

namespace {

// The store says not_found when there is no connection; the import API says what to do about it.
Error not_connected(std::string_view platform, const Error& e) {
  if (e.code != "not_found") return e;
  return Error{"not_connected", "connect your " + std::string(platform) +
                                    " account first (Connections, in the app), then import again"};
}

}  // namespace

Result<std::string> ConnectionsTokenSource::access_token(const std::string& organizer_id, std::string_view platform,
                                                         const std::string& post_id) {
  Connections* c = connections_();
  if (!c) return make_error("not_connected", "platform connections are not available yet; try again in a moment");
  const UnixSeconds now = now_seconds();
  if (platform != "facebook") {
    auto token = c->access_token(organizer_id, platform, now);
    if (!token) return not_connected(platform, token.error());
    return token;
  }
  // A Page post id is "{page_id}_{post_id}": the Page's token reads it (and "{page_id}_" lists its posts).
  // page_access_token refuses a Page this organizer's connection does not manage.
  if (const auto cut = post_id.find('_'); cut != std::string::npos && cut > 0)
    return c->page_access_token(organizer_id, post_id.substr(0, cut), now);
  // No post yet (the picker of recent posts): the Page's own token lists the Page's posts.
  auto pages = c->facebook_pages(organizer_id, now);
  if (!pages) return not_connected(platform, pages.error());
  if (pages->empty())
    return make_error("not_connected", "the connected Facebook account manages no Page; imports read Page posts only");
  if (pages->size() > 1)
    return make_error("choose_page", "the connected Facebook account manages " + std::to_string(pages->size()) +
                                         " Pages; choose one (page_id, from GET /api/v1/connections/facebook/pages) or "
                                         "import by the post's id, {page_id}_{post_id}");
  return pages->front().access_token;
}

std::vector<std::string> ConnectionsTokenSource::facebook_page_ids(const std::string& organizer_id) {
  std::vector<std::string> ids;
  if (Connections* c = connections_())
    if (auto pages = c->facebook_pages(organizer_id, now_seconds()))
      for (const auto& p : *pages) ids.push_back(p.id);
  return ids;
}

void ConnectionsTokenSource::token_rejected(const std::string& organizer_id, std::string_view platform,
                                            const std::string& token) {
  if (Connections* c = connections_()) (void)c->token_rejected(organizer_id, platform, token);
}

}  // namespace tirage::server
