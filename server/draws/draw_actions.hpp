// What an organizer does to a draw, with what comes with it: a commitment is
// admitted by the plan (server/billing/) and counted against it; a first
// publication is logged and mailed to the organizer. DrawService does the
// protocol; this adds the account's side.
#pragma once

#include <string>

#include "server/accounts/organizer.hpp"
#include "server/accounts/organizers.hpp"
#include "server/billing/billing_service.hpp"
#include "server/draws/draw_service.hpp"
#include "server/mail/outbox.hpp"

namespace tirage::server {

// A commitment, or the plan's refusal (then nothing was committed).
struct CommitOutcome {
  CreatedDraw draw;
  Json plan_refusal;  // null when committed; else the 402 body's "error" object
};

// A published result, and whether this request published it (a repeat answers the same result).
struct PublishOutcome {
  Json result;
  bool first = false;
};

class DrawActions {
 public:
  // public_url: what the publication mail links to (/v/{id}).
  DrawActions(DrawService& draws, BillingService& billing, Organizers& organizers, Outbox& outbox, std::string public_url)
      : draws_(draws), billing_(billing), organizers_(organizers), outbox_(outbox), public_url_(std::move(public_url)) {}

  // Checks the rules' size limits and the plan, then commits (DrawService::create) and counts the draw.
  Result<CommitOutcome> commit(const Organizer& org, const Json& body, UnixSeconds now);
  // Publishes the result (DrawService::publish_result); the first publication mails the organizer,
  // only at an address they proved (the mail quotes their title: never a squatter's spam).
  Result<PublishOutcome> publish(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now);

 private:
  DrawService& draws_;
  BillingService& billing_;
  Organizers& organizers_;
  Outbox& outbox_;
  const std::string public_url_;
};

}  // namespace tirage::server
