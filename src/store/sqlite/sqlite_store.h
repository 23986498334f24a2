// The embedded SQLite backend: one file in WAL mode with synchronous=FULL, so
// a commit is on disk before it returns and a kill -9 loses nothing committed.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace cairn::store::sqlite {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace cairn::store::sqlite
