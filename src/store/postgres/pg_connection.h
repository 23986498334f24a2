// A thin RAII layer over libpq: one connection, parameterised queries with
// text parameters (never SQL built from values), and results. Errors become
// core::Error with code kUnavailable, carrying PostgreSQL's message.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cairn::store::postgres {

using core::Result;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// Query parameters, as text; nullopt is SQL NULL.
using Params = std::vector<std::optional<std::string>>;

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();

  // Runs `sql` with `params`; fails unless the result has the expected status
  // (PGRES_COMMAND_OK or PGRES_TUPLES_OK).
  Result<PgResult> run(std::string_view sql, const Params& params = {});

  // Re-establishes a connection the server dropped (a restart); true when the
  // connection is usable afterwards.
  bool ensure_connected();

  PGconn* handle() const { return conn_; }
  // The SQLSTATE of the last failed query ("23505" for a unique violation).
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  std::string last_sqlstate_;
};

core::Error unavailable(std::string message);

// Numbers as exact text and back.
std::string text(std::int64_t value);
std::string text(double value);
std::int64_t int64_at(const PGresult* result, int row, int column);
double double_at(const PGresult* result, int row, int column);
bool null_at(const PGresult* result, int row, int column);
std::string_view text_at(const PGresult* result, int row, int column);

}  // namespace cairn::store::postgres
