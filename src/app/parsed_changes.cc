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

namespace {

// The change's seq and instant, and the check-in when it is one.
ParsedChange read_head(const store::Change& change) {
  ParsedChange parsed;
  parsed.seq = change.seq;
  parsed.at = change.at;
  parsed.check_in = change.check_in;
  return parsed;
}

void parse_into(ParsedChange& parsed, const std::string& kind, const std::string& payload) {
  auto command = parse_command(kind, payload);
  if (command) {
    parsed.command = std::move(*command);
  } else {
    parsed.unreadable = command.error();
  }
}

}  // namespace

ParsedChange unparsed_change(const store::Change& change) {
  ParsedChange parsed = read_head(change);
  if (!parsed.check_in) {
    parsed.kind = change.kind;
    parsed.payload = change.payload;
  }
  return parsed;
}

void finish_parse(ParsedChange& change) {
  if (!change.pending()) return;
  parse_into(change, change.kind, change.payload);
  change.kind.clear();
  change.payload.clear();
}

ParsedChange parse_change(const store::Change& change) {
  ParsedChange parsed = read_head(change);
  if (!parsed.check_in) parse_into(parsed, change.kind, change.payload);
  return parsed;
}

core::Result<void> read_parsed_changes(
    store::Store& store, std::int64_t organization, std::int64_t after_seq,
    const std::function<core::Result<void>(ParsedChange&)>& apply) {
  BatchHandoff<ParsedChange> handoff;
  std::thread reader([&] {
    std::vector<ParsedChange> batch;
    batch.reserve(kBatch);
    // Decided once a batch: while the applier is behind (every place of the
    // handoff filled), this batch is parsed here, straight from the rows.
    bool parse_here = false;
    auto read = store.read_changes(
        organization, after_seq, [&](const store::Change& change) -> core::Result<void> {
          batch.push_back(parse_here ? parse_change(change) : unparsed_change(change));
          if (batch.size() < kBatch) return {};
          if (!handoff.put(std::move(batch))) return stopped();
          batch = {};
          batch.reserve(kBatch);
          parse_here = handoff.full();
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
