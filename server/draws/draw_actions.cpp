#include "server/draws/draw_actions.hpp"

#include "server/http/request_limits.hpp"
#include "server/log/event_log.hpp"
#include "server/mail/templates.hpp"

namespace tirage::server {

Result<CommitOutcome> DrawActions::commit(const Organizer& org, const Json& body, UnixSeconds now) {
  TIRAGE_TRY(check_rules_limits(body));
  // The admission holds its lock until the draw is counted: two requests cannot both take the last draw.
  DrawAdmission admission = billing_.admit_draw(org, body, now);
  if (!admission.refusal.is_null()) {
    CommitOutcome refused;
    refused.plan_refusal = std::move(admission.refusal);
    return refused;
  }
  auto created = draws_.create(org, body, now);
  if (!created) return created.error();
  billing_.draw_created(admission, org, created->draw_id, now);
  log_event("info", "draw_committed", {{"draw_id", created->draw_id}, {"organizer", org.id}});
  CommitOutcome committed;
  committed.draw = std::move(*created);
  return committed;
}

Result<PublishOutcome> DrawActions::publish(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now) {
  const bool had_result = [&] {
    auto d = draws_.find(draw_id);
    return d && d->result;
  }();
  auto result = draws_.publish_result(org, draw_id, body, now);
  if (!result) return result.error();
  if (!had_result) {
    log_event("info", "draw_published", {{"draw_id", draw_id}});
    if (auto d = draws_.find(draw_id); d && organizers_.verified(org.id)) {
      auto mail = render_mail("published", organizers_.language(org.id),
                              {{"title", d->commitment["statement"]["title"].get<std::string>()},
                               {"link", public_url_ + "/v/" + draw_id}},
                              public_url_);
      (void)outbox_.enqueue(org.email, mail, now);
    }
  }
  return PublishOutcome{std::move(*result), !had_result};
}

}  // namespace tirage::server
