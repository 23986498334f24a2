#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace cairn::store {

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

Result<std::unique_ptr<Store>> open_store(const std::string& location) {
  if (location.empty()) return core::invalid("database", "no database given");
  if (is_postgres_url(location)) {
    return postgres::open_postgres_store(location);
  }
  return sqlite::open_sqlite_store(location);
}

}  // namespace cairn::store
