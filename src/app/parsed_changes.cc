#include "app/parsed_changes.h"

#include <thread>
#include <utility>
#include <vector>

#include "app/batch_handoff.h"
#include "app/command_json.h"

namespace cairn::app {
namespace {

// Changes travel in batches, so that the threads meet once per thousand
// changes, not once per change; a few batches in flight (batch_handoff.h)
// keep the reader ahead without holding much of the log in memory.
constexpr std::size_t kBatch = 1024;

core::Error stopped() {
  return core::unavailable("reading the change log stopped");
}

}  // namespace

ParsedChange unparsed_change(const store::Change& change) {
  ParsedChange parsed;
  parsed.seq = change.seq;
  parsed.at = change.at;
  if (change.check_in) {
    parsed.check_in = change.check_in;
    return parsed;
  }
  parsed.kind = change.kind;
  parsed.payload = change.payload;
  parsed.pending = true;
  return parsed;
}

void finish_parse(ParsedChange& change) {
  if (!change.pending) return;
  auto command = parse_command(change.kind, change.payload);
  if (command) {
    change.command = std::move(*command);
  } else {
    change.unreadable = command.error();
  }
  change.pending = false;
  change.kind.clear();
  change.payload.clear();
}

ParsedChange parse_change(const store::Change& change) {
  ParsedChange parsed = unparsed_change(change);
  finish_parse(parsed);
  return parsed;
}

core::Result<void> read_parsed_changes(
    store::Store& store, std::int64_t organization, std::int64_t after_seq,
    const std::function<core::Result<void>(ParsedChange&)>& apply) {
  BatchHandoff<ParsedChange> handoff;
  std::thread reader([&] {
    std::vector<ParsedChange> batch;
    batch.reserve(kBatch);
    auto read = store.read_changes(organization, after_seq,
                                   [&](const store::Change& change) -> core::Result<void> {
                                     batch.push_back(unparsed_change(change));
                                     if (batch.size() < kBatch) return {};
                                     // The applier is behind: parse here
                                     // rather than wait for room.
                                     if (handoff.full()) {
                                       for (ParsedChange& c : batch) finish_parse(c);
                                     }
                                     if (!handoff.put(std::move(batch))) return stopped();
                                     batch = {};
                                     batch.reserve(kBatch);
                                     return {};
                                   });
    if (read && !batch.empty() && !handoff.put(std::move(batch))) read = stopped();
    handoff.finish(std::move(read));
  });

  // However the loop below ends, the reader is told and waited for.
  struct Joined {
    BatchHandoff<ParsedChange>& handoff;
    std::thread& reader;
    ~Joined() {
      handoff.stop();
      reader.join();
    }
  };
  core::Result<void> applied;
  {
    Joined joined{handoff, reader};
    while (applied) {
      auto batch = handoff.take();
      if (!batch) break;
      for (ParsedChange& change : *batch) {
        finish_parse(change);
        applied = apply(change);
        if (!applied) break;
      }
    }
  }
  CAIRN_TRY(applied);
  return handoff.result();
}

}  // namespace cairn::app
