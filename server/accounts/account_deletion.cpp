#include "server/accounts/account_deletion.hpp"

#include "server/accounts/organizers.hpp"

namespace tirage::server {

namespace {

// Runs a DELETE or UPDATE bound to one id; how many rows it changed.
Result<std::int64_t> change(Database& db, const char* sql, const std::string& id) {
  auto st = db.prepare(sql);
  st.bind(1, id);
  if (auto ok = st.run(); !ok) return ok.error();
  auto n = db.prepare("SELECT changes()");
  return n.step() ? n.integer(0) : 0;
}

}  // namespace

Status check_deletion_confirmation(const Organizer& org, const std::string& typed) {
  auto normalized = normalize_email(typed);
  if (!normalized || *normalized != org.email)
    return make_error("bad_request", "to delete the account, \"confirm\" must be the account's email address, typed in full");
  return {};
}

Result<DeletedAccount> delete_account(Database& db, const Organizer& org, UnixSeconds now) {
  std::lock_guard lock(db.mutex());
  {
    auto paid = db.prepare(
        "SELECT 1 FROM billing_accounts WHERE organizer_id = ? AND stripe_subscription IS NOT NULL AND stripe_subscription != ''"
        " AND status IN ('active', 'trialing', 'past_due', 'unpaid', 'incomplete')");
    paid.bind(1, org.id);
    if (paid.step())
      return make_error("conflict", "this account has a live subscription: cancel it first (Billing, Manage the subscription), "
                                    "so that nothing is charged after the account is gone");
  }
  DeletedAccount out;
  Status ok = db.transaction([&]() -> Status {
    // Rows whose count the answer reports.
    struct Counted {
      const char* sql;
      std::int64_t* count;
    };
    auto comments = db.prepare("SELECT count(*) FROM import_comments WHERE import_id IN (SELECT id FROM imports WHERE organizer_id = ?)");
    comments.bind(1, org.id);
    out.comments = comments.step() ? comments.integer(0) : 0;
    auto draws = db.prepare("SELECT count(*) FROM draws WHERE organizer_id = ?");
    draws.bind(1, org.id);
    out.draws_kept = draws.step() ? draws.integer(0) : 0;
    const Counted counted[] = {
        {"DELETE FROM sessions WHERE organizer_id = ?", &out.sessions},
        {"DELETE FROM api_keys WHERE organizer_id = ?", &out.api_keys},
        {"DELETE FROM oauth_identities WHERE organizer_id = ?", &out.sign_ins},
        {"DELETE FROM connections WHERE organizer_id = ?", &out.connections},
    };
    for (const auto& c : counted) {
      auto n = change(db, c.sql, org.id);
      if (!n) return n.error();
      *c.count = *n;
    }
    const char* others[] = {
        "DELETE FROM one_time_tokens WHERE organizer_id = ?",
        "DELETE FROM oauth_states WHERE organizer_id = ?",
        "DELETE FROM oauth_link_offers WHERE organizer_id = ?",
        "DELETE FROM import_comments WHERE import_id IN (SELECT id FROM imports WHERE organizer_id = ?)",
        "DELETE FROM import_threads WHERE import_id IN (SELECT id FROM imports WHERE organizer_id = ?)",
        // The participants' handle index and leaf hashes were published for this account's draws: they go too
        // (the draws stay verifiable from their statements; "was I in the draw?" no longer answers).
        "DELETE FROM draw_handles WHERE draw_id IN (SELECT id FROM draws WHERE organizer_id = ?)",
        "DELETE FROM draw_handle_uploads WHERE draw_id IN (SELECT id FROM draws WHERE organizer_id = ?)",
        "DELETE FROM draw_leaf_chunks WHERE draw_id IN (SELECT id FROM draws WHERE organizer_id = ?)",
        "DELETE FROM draw_leaves WHERE draw_id IN (SELECT id FROM draws WHERE organizer_id = ?)",
    };
    for (const char* sql : others)
      if (auto n = change(db, sql, org.id); !n) return n.error();
    auto imports = change(db, "DELETE FROM imports WHERE organizer_id = ?", org.id);
    if (!imports) return imports.error();
    out.imports = *imports;
    // Offers made to the address (before the account row forgets it) and the mail kept for it.
    if (auto n = change(db, "DELETE FROM oauth_link_offers WHERE email = ?", org.email); !n) return n.error();
    if (auto n = change(db, "DELETE FROM outbox WHERE recipient = ?", org.email); !n) return n.error();
    auto forget = db.prepare(
        "UPDATE organizers SET email = 'deleted:' || id, password_hash = '!', verified = 0, deleted_at = ? WHERE id = ?");
    forget.bind(1, now).bind(2, org.id);
    return forget.run();
  });
  if (!ok) return ok.error();
  return out;
}

}  // namespace tirage::server
