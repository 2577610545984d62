#include "server/db/migrations.hpp"

#include <algorithm>
#include <array>

namespace tirage::server {

namespace {

// Never edit a migration that has shipped: add the next one.
constexpr std::array<const char*, 13> kMigrations = {
    // 1: organizers, credentials, draws and the transparency log.
    R"sql(
CREATE TABLE organizers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  verified INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'en',
  created_at INTEGER NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  key_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE log_entries (
  idx INTEGER PRIMARY KEY,
  leaf_hash TEXT NOT NULL UNIQUE,
  envelope TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('commitment', 'result', 'substitution')),
  draw_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE draws (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  giveaway_id TEXT NOT NULL,
  commitment TEXT NOT NULL,
  commitment_log_idx INTEGER NOT NULL REFERENCES log_entries(idx),
  draw_at INTEGER NOT NULL,
  local_secret TEXT,
  beacon TEXT,
  result TEXT,
  result_log_idx INTEGER REFERENCES log_entries(idx),
  created_at INTEGER NOT NULL
);
CREATE INDEX draws_by_giveaway ON draws(giveaway_id, commitment_log_idx);
CREATE INDEX draws_by_organizer ON draws(organizer_id, created_at);
CREATE TABLE substitutions (
  draw_id TEXT NOT NULL REFERENCES draws(id),
  seq INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  log_idx INTEGER NOT NULL REFERENCES log_entries(idx),
  PRIMARY KEY (draw_id, seq)
);
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT
);
)sql",
    // 2: participant leaf hashes an organizer publishes for "was I in the draw?".
    R"sql(
CREATE TABLE draw_leaves (
  draw_id TEXT PRIMARY KEY REFERENCES draws(id),
  leaves BLOB NOT NULL,
  uploaded_at INTEGER NOT NULL
);
)sql",
    // 3: leaf hashes arrive in chunks of at most 1 MiB, kept here until complete.
    R"sql(
CREATE TABLE draw_leaf_chunks (
  draw_id TEXT NOT NULL REFERENCES draws(id),
  byte_offset INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (draw_id, byte_offset)
);
)sql",
    // 4: billing: plan and Stripe state per organizer, its audit trail, Stripe events (each processed
    // once), and the Checkout Sessions created. Nothing here is ever deleted by a downgrade.
    R"sql(
CREATE TABLE billing_accounts (
  organizer_id TEXT PRIMARY KEY REFERENCES organizers(id),
  plan TEXT NOT NULL,
  status TEXT NOT NULL,
  interval TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT '',
  stripe_customer TEXT UNIQUE,
  stripe_subscription TEXT,
  current_period_end INTEGER,
  grace_until INTEGER,
  single_draw_credits INTEGER NOT NULL DEFAULT 0 CHECK (single_draw_credits >= 0),
  updated_at INTEGER NOT NULL
);
CREATE TABLE billing_audit (
  id INTEGER PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX billing_audit_by_organizer ON billing_audit(organizer_id, id);
CREATE TABLE stripe_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  deliveries INTEGER NOT NULL DEFAULT 0,
  processed_at INTEGER,
  last_error TEXT
);
CREATE TABLE billing_checkouts (
  session_id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  kind TEXT NOT NULL CHECK (kind IN ('subscription', 'one_time')),
  plan TEXT NOT NULL,
  interval TEXT NOT NULL,
  currency TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  completed_at INTEGER
);
)sql",
    // 5: OAuth state, sign-in
    // identities, offers to link a sign-in to an existing account, platform
    // connections (tokens sealed with AES-256-GCM, key id beside them), and
    // Meta data-deletion requests.
    R"sql(
CREATE TABLE oauth_states (
  state_hash TEXT PRIMARY KEY,
  binding_hash TEXT NOT NULL,
  provider TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('login', 'connect')),
  organizer_id TEXT REFERENCES organizers(id) ON DELETE CASCADE,
  code_verifier TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE oauth_identities (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX oauth_identities_by_organizer ON oauth_identities(organizer_id);
CREATE TABLE oauth_link_offers (
  token_hash TEXT PRIMARY KEY,
  binding_hash TEXT NOT NULL,
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  email TEXT NOT NULL,
  organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE connections (
  organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  app_user_id TEXT NOT NULL,
  account_name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  key_id TEXT NOT NULL,
  access_token BLOB NOT NULL,
  refresh_token BLOB,
  access_expires_at INTEGER,
  refresh_expires_at INTEGER,
  created_at INTEGER NOT NULL,
  refreshed_at INTEGER NOT NULL,
  PRIMARY KEY (organizer_id, platform)
);
CREATE INDEX connections_by_app_user ON connections(platform, app_user_id);
CREATE TABLE data_deletion_requests (
  confirmation_code TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  app_user_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('completed')),
  connections_deleted INTEGER NOT NULL,
  identities_deleted INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
)sql",
    // 6 (issue 6, imports): comment imports from the platforms, resumable from their cursor.
    R"sql(
CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  include_replies INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped', 'failed', 'cancelled')),
  stage TEXT NOT NULL CHECK (stage IN ('count', 'comments', 'replies')),
  cursor TEXT NOT NULL DEFAULT '',
  pages INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  expected_total INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '{}',
  error_code TEXT,
  error_message TEXT,
  network_us INTEGER NOT NULL DEFAULT 0,
  work_us INTEGER NOT NULL DEFAULT 0,
  parse_us INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX imports_by_organizer ON imports(organizer_id, created_at);
CREATE INDEX imports_runnable ON imports(state, next_attempt_ms);
CREATE TABLE import_comments (
  import_id TEXT NOT NULL REFERENCES imports(id),
  comment_id TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (import_id, comment_id)
);
CREATE INDEX import_comments_in_order ON import_comments(import_id);
CREATE TABLE import_threads (
  import_id TEXT NOT NULL REFERENCES imports(id),
  parent_id TEXT NOT NULL,
  cursor TEXT NOT NULL DEFAULT '',
  done INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, parent_id)
);
)sql",
    // 7 (issue 6, X collection over time): an X import can keep collecting new replies until
    // collect_until ('watching' between passes). SQLite cannot change a CHECK constraint in place,
    // so the import tables are rebuilt: children are copied into new tables that reference the new
    // imports table before the old ones are dropped (children first), which keeps foreign keys
    // satisfied inside the migration's transaction; rowids are kept (they give the arrival order).
    R"sql(
CREATE TABLE imports_v7 (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  include_replies INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped', 'failed', 'cancelled', 'watching')),
  stage TEXT NOT NULL CHECK (stage IN ('count', 'comments', 'replies')),
  cursor TEXT NOT NULL DEFAULT '',
  pages INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  expected_total INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '{}',
  error_code TEXT,
  error_message TEXT,
  network_us INTEGER NOT NULL DEFAULT 0,
  work_us INTEGER NOT NULL DEFAULT 0,
  parse_us INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  collect_until INTEGER,
  since_id TEXT NOT NULL DEFAULT '',
  pass_started_at INTEGER NOT NULL DEFAULT 0,
  last_collected_at INTEGER,
  passes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE import_comments_v7 (
  import_id TEXT NOT NULL REFERENCES imports_v7(id),
  comment_id TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (import_id, comment_id)
);
CREATE TABLE import_threads_v7 (
  import_id TEXT NOT NULL REFERENCES imports_v7(id),
  parent_id TEXT NOT NULL,
  cursor TEXT NOT NULL DEFAULT '',
  done INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, parent_id)
);
INSERT INTO imports_v7 (id, organizer_id, platform, post_id, include_replies, state, stage, cursor, pages, comments,
  expected_total, attempts, next_attempt_ms, problems, error_code, error_message, network_us, work_us, parse_us,
  created_at, updated_ms, pass_started_at)
  SELECT id, organizer_id, platform, post_id, include_replies, state, stage, cursor, pages, comments, expected_total,
  attempts, next_attempt_ms, problems, error_code, error_message, network_us, work_us, parse_us, created_at, updated_ms,
  created_at FROM imports;
INSERT INTO import_comments_v7 (rowid, import_id, comment_id, body) SELECT rowid, import_id, comment_id, body FROM import_comments;
INSERT INTO import_threads_v7 (rowid, import_id, parent_id, cursor, done) SELECT rowid, import_id, parent_id, cursor, done FROM import_threads;
DROP TABLE import_comments;
DROP TABLE import_threads;
DROP TABLE imports;
ALTER TABLE imports_v7 RENAME TO imports;
ALTER TABLE import_comments_v7 RENAME TO import_comments;
ALTER TABLE import_threads_v7 RENAME TO import_threads;
CREATE INDEX imports_by_organizer ON imports(organizer_id, created_at);
CREATE INDEX imports_runnable ON imports(state, next_attempt_ms);
CREATE INDEX import_comments_in_order ON import_comments(import_id);
)sql",
    // 8 (issue 13, outcome shopping): a giveaway id belongs to the organizer who used it first
    // (filled from the draws in log order: the first organizer wins); draws keep what their
    // related commitments are found by (the list's root, the posts it came from) and the
    // publication deadline their commitment states (NULL: made before deadlines existed).
    R"sql(
CREATE TABLE giveaways (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers(id),
  created_at INTEGER NOT NULL
);
INSERT OR IGNORE INTO giveaways (id, organizer_id, created_at)
  SELECT giveaway_id, organizer_id, created_at FROM draws ORDER BY commitment_log_idx;
ALTER TABLE draws ADD COLUMN participants_root TEXT NOT NULL DEFAULT '';
ALTER TABLE draws ADD COLUMN publish_by INTEGER;
UPDATE draws SET participants_root = lower(json_extract(commitment, '$.statement.participants_root'));
CREATE INDEX draws_by_organizer_root ON draws(organizer_id, participants_root);
CREATE INDEX draws_by_organizer_giveaway ON draws(organizer_id, giveaway_id);
CREATE TABLE draw_sources (
  draw_id TEXT NOT NULL REFERENCES draws(id),
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  PRIMARY KEY (draw_id, platform, post_id)
);
CREATE INDEX draw_sources_by_post ON draw_sources(platform, post_id);
)sql",
    // 9 (issue 13, check by handle): the handle index an organizer may publish beside the leaf
    // hashes: per leaf index of a platform entry, its handle key, user id and name (each entry
    // checked against the published leaf at its index). Lookups read only complete indexes.
    R"sql(
CREATE TABLE draw_handle_uploads (
  draw_id TEXT PRIMARY KEY REFERENCES draws(id),
  expected INTEGER NOT NULL,
  received INTEGER NOT NULL,
  last_index INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0,
  platforms TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE draw_handles (
  draw_id TEXT NOT NULL REFERENCES draws(id),
  leaf_index INTEGER NOT NULL,
  handle_key BLOB NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (draw_id, leaf_index)
);
CREATE INDEX draw_handles_by_key ON draw_handles(draw_id, handle_key);
)sql",
    // 10 (issue 13, trusted keys): a rotated-in key's endorsement by the previous key, and the
    // tree head signed right after a draw's commitment was appended (before its beacon existed).
    R"sql(
ALTER TABLE signing_keys ADD COLUMN endorsement TEXT;
ALTER TABLE draws ADD COLUMN committed_sth TEXT;
)sql",
    // 11 (issue 14, accounts hardening): a sign-in offer says who proved the address (the provider, or
    // our mail) and may be for an account that does not exist yet (created when the mailed offer is
    // confirmed), so organizer_id becomes optional (a table rebuild: SQLite cannot drop NOT NULL);
    // Meta's signed callbacks are remembered, so a replay changes nothing and gets the first answer.
    R"sql(
CREATE TABLE oauth_link_offers_v11 (
  token_hash TEXT PRIMARY KEY,
  binding_hash TEXT NOT NULL,
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  email TEXT NOT NULL,
  organizer_id TEXT REFERENCES organizers(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  proven_by TEXT NOT NULL DEFAULT 'provider' CHECK (proven_by IN ('provider', 'mail'))
);
INSERT INTO oauth_link_offers_v11 (token_hash, binding_hash, provider, subject, email, organizer_id, expires_at, used_at)
  SELECT token_hash, binding_hash, provider, subject, email, organizer_id, expires_at, used_at FROM oauth_link_offers;
DROP TABLE oauth_link_offers;
ALTER TABLE oauth_link_offers_v11 RENAME TO oauth_link_offers;
CREATE TABLE meta_callbacks (
  request_hash TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('data-deletion', 'deauthorize')),
  answer TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX meta_callbacks_by_age ON meta_callbacks(received_at);
)sql",
    // 12 (issue 14, personal data): imported comments are other people's data, deleted on schedule or on
    // request while the import's own record stays (when and why they went); a Meta deletion request says
    // how many imports lost their comments; a deleted account keeps its row (published draws reference
    // it) without address or password; a mail can be forgotten once sent (the one confirming a deletion).
    R"sql(
ALTER TABLE imports ADD COLUMN comments_deleted_at INTEGER;
ALTER TABLE imports ADD COLUMN comments_deleted_reason TEXT;
CREATE INDEX imports_holding_comments ON imports(comments_deleted_at, state);
ALTER TABLE data_deletion_requests ADD COLUMN imports_purged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organizers ADD COLUMN deleted_at INTEGER;
ALTER TABLE outbox ADD COLUMN forget_when_sent INTEGER NOT NULL DEFAULT 0;
)sql",
    // 13 (issue 15, the public API): an API key holds scopes (the keys made before could do everything, so
    // they keep every scope); a POST sent with an Idempotency-Key keeps its answer for 24 h, per credential
    // (server/http/api_gate.hpp), so a retried request is answered, not done twice.
    R"sql(
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read draw import';
CREATE TABLE idempotent_requests (
  credential_hash TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  location TEXT,
  body BLOB,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (credential_hash, idempotency_key)
);
CREATE INDEX idempotent_requests_by_age ON idempotent_requests(created_at);
)sql",
};

}  // namespace

Status migrate(Database& db) { return migrate_to(db, kMigrations.size()); }

Status migrate_to(Database& db, std::size_t version) {
  // Read in its own scope: a statement left open would make DROP TABLE fail ("table is locked").
  const std::int64_t current = [&] {
    auto st = db.prepare("PRAGMA user_version");
    return st.step() ? st.integer(0) : std::int64_t{0};
  }();
  if (current > static_cast<std::int64_t>(kMigrations.size()))
    return make_error("database", "the database has schema version " + std::to_string(current) +
                                      ", newer than this server knows (" + std::to_string(kMigrations.size()) + ")");
  for (std::size_t i = static_cast<std::size_t>(current); i < std::min(version, kMigrations.size()); ++i) {
    Status ok = db.transaction([&]() -> Status {
      if (auto r = db.exec(kMigrations[i]); !r) return r;
      return db.exec("PRAGMA user_version = " + std::to_string(i + 1));
    });
    if (!ok) return make_error("database", "migration " + std::to_string(i + 1) + " failed: " + ok.error().message);
  }
  return {};
}

}  // namespace tirage::server
