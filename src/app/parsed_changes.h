// Reading a whole change log on two cores: a thread of its own reads the
// store's rows and parses each change's JSON into a command, while the
// caller's thread applies them to a model. A cold start spends about half its
// time in each (perf, enterprise workload), so the two overlap.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "app/command.h"
#include "store/store.h"

namespace cairn::app {

// One change of the log, ready to apply: a check-in as stored, or the command
// its payload holds, or why that payload could not be read.
struct ParsedChange {
  std::int64_t seq = 0;
  core::Instant at;
  std::optional<core::CheckIn> check_in;
  std::optional<Command> command;
  std::optional<core::Error> unreadable;
};

ParsedChange parse_change(const store::Change& change);

// Calls `apply` with every change of the organisation after `after_seq`, in
// seq order, each parsed on the reading thread; stops at the first error,
// either side's. The caller must not use `store` until this returns.
core::Result<void> read_parsed_changes(
    store::Store& store, std::int64_t organization, std::int64_t after_seq,
    const std::function<core::Result<void>(ParsedChange&)>& apply);

}  // namespace cairn::app
