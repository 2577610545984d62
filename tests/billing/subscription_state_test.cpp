// How accounts change with a subscription's state, failed payments and time.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/billing/subscription_state.hpp"

namespace tirage::server {
namespace {

const PlanCatalog& plans() {
  static const PlanCatalog p = [] {
    std::ifstream in(std::string(TIRAGE_REPO) + "/config/plans.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return *parse_plans(ss.str());
  }();
  return p;
}

Json sub(const std::string& status, const std::string& price = "price_tirage_pro_month_eur", const std::string& id = "sub_1") {
  return Json{{"id", id},
              {"object", "subscription"},
              {"customer", "cus_1"},
              {"status", status},
              {"metadata", {{"organizer_id", "o_1"}}},
              {"items", {{"data", Json::array({{{"price", {{"id", price}}}, {"current_period_end", 2000}}})}}}};
}

BillingAccount fresh() {
  BillingAccount a;
  a.organizer_id = "o_1";
  a.plan = "free";
  return a;
}

constexpr UnixSeconds kNow = 1000;

TEST(SubscriptionState, AnActiveSubscriptionGrantsItsPlan) {
  auto t = apply_subscription(fresh(), sub("active"), plans(), kNow);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->after.plan, "pro");
  EXPECT_EQ(t->after.status, "active");
  EXPECT_EQ(t->after.interval, "month");
  EXPECT_EQ(t->after.currency, "eur");
  EXPECT_EQ(t->after.customer, "cus_1");
  EXPECT_EQ(t->after.current_period_end, 2000);
  EXPECT_EQ(subscription_organizer(sub("active")), "o_1");
}

TEST(SubscriptionState, AFailedPaymentGivesAGracePeriodThenADowngrade) {
  BillingAccount pro = apply_subscription(fresh(), sub("active"), plans(), kNow)->after;
  Transition failed = payment_failed(pro, plans(), kNow);
  EXPECT_TRUE(failed.grace_started);
  EXPECT_EQ(failed.after.plan, "pro");
  EXPECT_EQ(failed.after.grace_until, kNow + plans().grace_period_seconds);
  // A second failure (or the past_due update) does not restart it, nor warn again.
  Transition again = payment_failed(failed.after, plans(), kNow + 50);
  EXPECT_FALSE(again.grace_started);
  EXPECT_EQ(again.after.grace_until, failed.after.grace_until);
  auto past_due = apply_subscription(failed.after, sub("past_due"), plans(), kNow + 60);
  EXPECT_FALSE(past_due->grace_started);
  EXPECT_EQ(past_due->after.plan, "pro");
  const UnixSeconds end = *failed.after.grace_until;
  EXPECT_EQ(effective_plan(failed.after, plans(), end - 1).id, "pro");
  EXPECT_EQ(effective_plan(failed.after, plans(), end).id, "free");
  Transition settled = settle(failed.after, plans(), end);
  EXPECT_EQ(settled.after.plan, "free");
  EXPECT_EQ(settled.after.subscription, "sub_1");  // nothing else is lost
  // Paying afterwards restores the plan and ends the grace period.
  auto paid = apply_subscription(settled.after, sub("active"), plans(), end + 10);
  EXPECT_EQ(paid->after.plan, "pro");
  EXPECT_FALSE(paid->after.grace_until);
}

TEST(SubscriptionState, PastDueFirstStartsTheGracePeriodItself) {
  BillingAccount pro = apply_subscription(fresh(), sub("active"), plans(), kNow)->after;
  auto t = apply_subscription(pro, sub("past_due"), plans(), kNow);
  EXPECT_TRUE(t->grace_started);
  EXPECT_EQ(t->after.plan, "pro");
}

TEST(SubscriptionState, CancelingEndsAccessUnlessAGracePeriodRuns) {
  BillingAccount pro = apply_subscription(fresh(), sub("active"), plans(), kNow)->after;
  EXPECT_EQ(apply_subscription(pro, sub("canceled"), plans(), kNow)->after.plan, "free");
  BillingAccount grace = payment_failed(pro, plans(), kNow).after;
  EXPECT_EQ(apply_subscription(grace, sub("canceled"), plans(), kNow + 1)->after.plan, "pro");
}

TEST(SubscriptionState, OrderDoesNotMatterSinceTheCurrentStateIsApplied) {
  // created (active) arriving after deleted: the re-read state is "canceled" both times.
  BillingAccount a = apply_subscription(fresh(), sub("canceled"), plans(), kNow)->after;
  a = apply_subscription(a, sub("canceled"), plans(), kNow)->after;
  EXPECT_EQ(a.plan, "free");
  // An old subscription's cancellation does not touch a newer active one.
  BillingAccount biz = apply_subscription(fresh(), sub("active", "price_tirage_business_year_chf", "sub_2"), plans(), kNow)->after;
  auto stale = apply_subscription(biz, sub("canceled", "price_tirage_pro_month_eur", "sub_1"), plans(), kNow);
  EXPECT_EQ(stale->after.plan, "business");
  EXPECT_EQ(stale->after.subscription, "sub_2");
}

TEST(SubscriptionState, AnUnknownPriceIsAnError) {
  auto t = apply_subscription(fresh(), sub("active", "price_somebody_else"), plans(), kNow);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("price_somebody_else"), std::string::npos);
  EXPECT_FALSE(apply_subscription(fresh(), sub("active", "price_tirage_single_draw_eur"), plans(), kNow));
}

TEST(SubscriptionState, IncompleteGrantsNothing) {
  EXPECT_EQ(apply_subscription(fresh(), sub("incomplete"), plans(), kNow)->after.plan, "free");
}

}  // namespace
}  // namespace tirage::server
