#include "server/db/database.hpp"

#include <cstdio>
#include <cstdlib>

namespace tirage::server {

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

std::string Statement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_.get(), column);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
           : std::string();
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, *text) : bind_null(index);
}

Statement& Statement::bind_optional(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_optional_blob(int index, const std::optional<std::string>& bytes) {
  return bytes ? bind_blob(index, *bytes) : bind_null(index);
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

bool Statement::step() {
  last_ = sqlite3_step(stmt_.get());
  return last_ == SQLITE_ROW;
}

Status Statement::run() {
  last_ = sqlite3_step(stmt_.get());
  if (last_ == SQLITE_DONE || last_ == SQLITE_ROW) return {};
  return make_error(last_ == SQLITE_CONSTRAINT ? "conflict" : "database",
                    std::string("database: ") + sqlite3_errmsg(sqlite3_db_handle(stmt_.get())));
}

Statement& Statement::reset() {
  sqlite3_reset(stmt_.get());
  last_ = SQLITE_OK;
  return *this;
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
           : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error("database", "cannot open " + path + ": " + msg);
  }
  std::unique_ptr<Database> out(new Database(db));
  sqlite3_busy_timeout(db, 5000);
  if (auto ok = out->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !ok)
    return ok.error();
  return out;
}

Database::~Database() { sqlite3_close(db_); }

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "tirage-server: bad SQL (%s): %.*s\n", sqlite3_errmsg(db_), static_cast<int>(sql.size()),
                 sql.data());
    std::abort();
  }
  return Statement(stmt);
}

Status Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error("database", "database: " + msg);
  }
  return {};
}

}  // namespace tirage::server
