// The query that reads an organisation's change log from SQLite: changes and
// check-ins merged in sequence order, with columns shared by both halves so a
// row reads the same way whichever table it came from. The store loads with
// it, and the cold-start baseline (bench/sqlite_baseline.cc) times the same
// query, so the two always read the same rows.
#pragma once

#include <string_view>

namespace cairn::store::sqlite {

inline constexpr std::string_view kReadChanges = R"sql(
SELECT seq, at, actor, kind, payload,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM changes WHERE org = ?1 AND seq > ?2
UNION ALL
SELECT seq, recorded_at, actor, 'add_check_in', '',
       id, key_result, author, on_behalf_of, value, done, milestones_done, confidence, note, at
  FROM check_ins WHERE org = ?1 AND seq > ?2
ORDER BY 1
)sql";

}  // namespace cairn::store::sqlite
