#include "store/postgres/pg_connection.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace cairn::store::postgres {

core::Error unavailable(std::string message) {
  return core::Error{
      core::ErrorCode::kUnavailable, "PostgreSQL: " + std::move(message), {}, {}, {}};
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return unavailable("cannot connect: " + message);
  }
  // NOTICEs ("relation already exists, skipping") are not for the user.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() {
  PQfinish(conn_);
}

bool Connection::ensure_connected() {
  if (PQstatus(conn_) == CONNECTION_OK) return true;
  PQreset(conn_);
  return PQstatus(conn_) == CONNECTION_OK;
}

Result<PgResult> Connection::run(std::string_view sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const std::string statement(sql);
  // Without parameters the statement is one of ours, constant text, and may
  // hold several commands (a migration); PQexecParams takes one at a time.
  PgResult result(params.empty()
                      ? PQexec(conn_, statement.c_str())
                      : PQexecParams(conn_, statement.c_str(), static_cast<int>(values.size()),
                                     nullptr, values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return result;
  }
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  std::string message = PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return unavailable(message);
}

std::string text(std::int64_t value) {
  return std::to_string(value);
}

std::string text(double value) {
  // 17 significant digits read back as the same double, bit for bit.
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::int64_t int64_at(const PGresult* result, int row, int column) {
  const char* value = PQgetvalue(result, row, column);
  std::int64_t out = 0;
  std::from_chars(value, value + PQgetlength(result, row, column), out);
  return out;
}

double double_at(const PGresult* result, int row, int column) {
  return std::strtod(PQgetvalue(result, row, column), nullptr);
}

bool null_at(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) != 0;
}

std::string_view text_at(const PGresult* result, int row, int column) {
  return std::string_view(PQgetvalue(result, row, column),
                          static_cast<std::size_t>(PQgetlength(result, row, column)));
}

}  // namespace cairn::store::postgres
