// The PostgreSQL backend: for large organisations and for several server
// instances on one database. Writers serialise per organisation on a row lock;
// commits notify the other instances (LISTEN/NOTIFY on "cairn_changes").
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace cairn::store::postgres {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url);

}  // namespace cairn::store::postgres
