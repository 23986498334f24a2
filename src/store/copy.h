// Copies whole organisations, with their complete history and audit log, from
// one store to another: SQLite to PostgreSQL when an organisation outgrows the
// embedded file, or back.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace cairn::store {

struct CopiedOrganization {
  std::string slug;
  long long changes = 0;  // check-ins included
  long long audit_entries = 0;
  long long credentials = 0;      // passwords copied (live API tokens are copied too)
  long long security_events = 0;  // sessions are not copied: they are ephemeral
};

// Copies the organisations named in `slugs` (all of them when empty). Each one
// is written in one transaction of `to`: it arrives whole or not at all. An
// organisation whose slug `to` holds already is refused (kConflict) before
// anything is written.
Result<std::vector<CopiedOrganization>> copy_organizations(Store& from, Store& to,
                                                           const std::vector<std::string>& slugs);

}  // namespace cairn::store
