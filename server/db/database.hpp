// A thin SQLite layer: one connection, prepared statements with bound
// parameters, and transactions. WAL, foreign keys on, synchronous=FULL (an
// acknowledged write survives a crash or power loss).
//
//   Database db = *Database::open(path);
//   auto st = db.prepare("SELECT email FROM organizers WHERE id = ?");
//   st.bind(1, id);
//   while (st.step()) use(st.text(0));
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage::server {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt, &sqlite3_finalize) {}
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);
  // Binds the value, or NULL when there is none.
  Statement& bind_optional(int index, const std::optional<std::string>& text);
  Statement& bind_optional(int index, const std::optional<std::int64_t>& value);
  Statement& bind_optional_blob(int index, const std::optional<std::string>& bytes);
  // Advances; true while a row is available. Throws nothing: errors end the rows and show in ok().
  bool step();
  // Runs a statement that returns no rows; the error says what SQLite said.
  Status run();
  // Makes a statement that ran ready to run again with new bindings (one prepare for many rows).
  Statement& reset();
  std::string text(int column) const;
  std::string blob(int column) const;
  std::int64_t integer(int column) const;
  // The column's integer, or nullopt when it is NULL.
  std::optional<std::int64_t> optional_integer(int column) const;
  bool is_null(int column) const;

 private:
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
  int last_ = SQLITE_OK;
};

class Database {
 public:
  // Opens (creating if needed) the database file and sets the pragmas.
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();

  // Prepares SQL; a programming error (bad SQL) aborts with the message.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without parameters.
  Status exec(std::string_view sql);
  // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back when fn fails.
  template <class Fn>
  Status transaction(Fn&& fn) {
    if (auto ok = exec("BEGIN IMMEDIATE"); !ok) return ok;
    Status result = fn();
    if (!result) {
      (void)exec("ROLLBACK");
      return result;
    }
    return exec("COMMIT");
  }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  // Serializes use of the connection across server threads.
  std::recursive_mutex& mutex() { return mutex_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::recursive_mutex mutex_;
};

}  // namespace tirage::server
