// Reading a whole change log on two cores: a thread of its own reads the
// store's rows, while the caller's thread applies them to a model. Parsing a
// change's JSON into a command goes to whichever side has the time: the
// reader parses a batch only while the applier has batches enough waiting,
// and the applier parses the rest. At `enterprise` the reading alone took
// 60 % of the reader's time, the parsing 40 %, and the applying about as much
// as the parsing, so the reader was the limit while it parsed everything.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

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
  // A command's kind and JSON while it waits to be parsed (finish_parse()).
  std::string kind, payload;
  bool pending() const { return !check_in && !command && !unreadable; }
};

ParsedChange parse_change(const store::Change& change);
// The change as read, its command not parsed yet (a check-in is whole).
ParsedChange unparsed_change(const store::Change& change);
// Parses a pending change's command; does nothing to any other.
void finish_parse(ParsedChange& change);

// Calls `apply` with every change of the organisation after `after_seq`, in
// seq order, each parsed on the reading thread; stops at the first error,
// either side's. The caller must not use `store` until this returns.
core::Result<void> read_parsed_changes(
    store::Store& store, std::int64_t organization, std::int64_t after_seq,
    const std::function<core::Result<void>(ParsedChange&)>& apply);

}  // namespace cairn::app
