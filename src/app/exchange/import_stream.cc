#include "app/exchange/import_stream.h"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <exception>
#include <thread>

#include "app/batch_handoff.h"
#include "app/exchange/import_planner.h"
#include "app/json_exact_handler.h"

namespace cairn::app::exchange {
namespace {

namespace json = boost::json;

// Objectives go from the parser's thread to the planner's in batches of
// this many, each batch in memory of its own, freed when it is planned.
constexpr std::size_t kObjectivesPerBatch = 32;
constexpr std::size_t kBatchMemory = 1024 * 1024;

struct ParsedObjective {
  std::shared_ptr<json::monotonic_resource> memory;  // its batch's; before value: outlives it
  json::value value;
};

// What the parser's handler builds into; it outlives the parser.
struct StreamState {
  std::unique_ptr<json::monotonic_resource> root_memory =
      std::make_unique<json::monotonic_resource>();
  // The root object, built member by member: a value_stack cannot give up a
  // part of what it holds, and the planner reads the root before it ends.
  json::value root = json::object(json::storage_ptr(root_memory.get()));
  // Members after the objectives, kept apart while the planner reads `root`
  // on its thread, and moved in once it is done with the objectives.
  json::object after = json::object(json::storage_ptr(root_memory.get()));
  json::value_stack member;     // the root's member being read
  json::value_stack objective;  // the objective being read
  std::shared_ptr<json::monotonic_resource> batch_memory;
  std::vector<ParsedObjective> batch;
  BatchHandoff<ParsedObjective> objectives{4};
  bool fell_back = false;  // the order of the root's members does not stream
};

// The events of the root object's members go to `member`, and each element
// of its "objectives" list to `objective`, handed to the planner at its end.
// Everything inside those values is ExactValueHandler's.
class StreamHandler : public ExactValueHandler {
 public:
  explicit StreamHandler(StreamState& state) : ExactValueHandler(state.member), s_(state) {}

  bool on_object_begin(json::error_code& ec) {
    if (depth_ == 0) {
      depth_ = 1;  // the root, built here
      return true;
    }
    begin_value();
    ++depth_;
    return ExactValueHandler::on_object_begin(ec);
  }
  bool on_array_begin(json::error_code& ec) {
    if (depth_ == 0) return fall_back(ec);  // not an object: the planner says so
    if (depth_ == 1 && key_ == "objectives") {
      streamed_ = true;
      streaming_ = true;
      ++depth_;
      return true;
    }
    begin_value();
    ++depth_;
    return ExactValueHandler::on_array_begin(ec);
  }
  bool on_object_end(std::size_t n, json::error_code& ec) {
    if (--depth_ == 0) return true;
    ExactValueHandler::on_object_end(n, ec);
    return end_value() || stop(ec);
  }
  bool on_array_end(std::size_t n, json::error_code& ec) {
    if (--depth_ == 1 && streaming_) {
      // The list stays, empty: the planner checks that it is one.
      streaming_ = false;
      if (!hand_over()) return stop(ec);
      s_.after.insert_or_assign(key_, json::array(s_.root.storage()));
      key_.clear();
      return true;
    }
    ExactValueHandler::on_array_end(n, ec);
    return end_value() || stop(ec);
  }
  bool on_key_part(json::string_view s, std::size_t n, json::error_code& ec) {
    if (depth_ != 1) return ExactValueHandler::on_key_part(s, n, ec);
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t n, json::error_code& ec) {
    if (depth_ != 1) return ExactValueHandler::on_key(s, n, ec);
    key_.append(s.data(), s.size());
    // Objectives listed twice, or something they refer to coming after
    // them: only the whole document shows which value counts.
    if (key_ == "objectives") {
      if (objectives_seen_) return fall_back(ec);
      objectives_seen_ = true;
    }
    // One of what ImportPlanner::begin reads, after the objectives went on.
    if (streamed_ && std::find(std::begin(kReadBeforeObjectives), std::end(kReadBeforeObjectives),
                               key_) != std::end(kReadBeforeObjectives)) {
      return fall_back(ec);
    }
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t n, json::error_code& ec) {
    begin_value();
    return ExactValueHandler::on_string_part(s, n, ec);
  }
  bool on_string(json::string_view s, std::size_t n, json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_string(s, n, ec);
    return end_value() || stop(ec);
  }
  bool on_int64(std::int64_t i, json::string_view s, json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_int64(i, s, ec);
    return end_value() || stop(ec);
  }
  bool on_uint64(std::uint64_t u, json::string_view s, json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_uint64(u, s, ec);
    return end_value() || stop(ec);
  }
  bool on_double(double d, json::string_view s, json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_double(d, s, ec);
    return end_value() || stop(ec);
  }
  bool on_bool(bool b, json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_bool(b, ec);
    return end_value() || stop(ec);
  }
  bool on_null(json::error_code& ec) {
    begin_value();
    ExactValueHandler::on_null(ec);
    return end_value() || stop(ec);
  }

 private:
  // A value starts: a member of the root goes to `member`, in the root's
  // memory; an objective to `objective`, in memory used again for the next.
  // Inside either (or in a string given in parts) there is nothing to do.
  void begin_value() {
    if (open_) return;
    if (depth_ <= 1) {  // 0: a root that is not an object, read whole instead
      s_.member.reset(s_.root.storage());
      stack_ = &s_.member;
      open_ = true;
    } else if (depth_ == 2 && streaming_) {
      if (!s_.batch_memory)
        s_.batch_memory = std::make_shared<json::monotonic_resource>(kBatchMemory);
      s_.objective.reset(json::storage_ptr(s_.batch_memory.get()));
      stack_ = &s_.objective;
      open_ = true;
    }
  }
  // A value ended; at the level where it began, it goes where it belongs.
  // False when the planner stopped taking objectives.
  bool end_value() {
    if (depth_ == 0) {
      s_.fell_back = true;
      return false;
    }
    if (depth_ == 1) {
      // Once objectives are on their way, the planner's thread reads the root.
      (streamed_ ? s_.after : s_.root.get_object()).insert_or_assign(key_, s_.member.release());
      key_.clear();
      open_ = false;
    } else if (depth_ == 2 && streaming_) {
      s_.batch.push_back(ParsedObjective{s_.batch_memory, s_.objective.release()});
      open_ = false;
      if (s_.batch.size() == kObjectivesPerBatch) return hand_over();
    }
    return true;
  }
  bool hand_over() {
    if (s_.batch.empty()) return true;
    s_.batch_memory.reset();
    return s_.objectives.put(std::exchange(s_.batch, {}));
  }
  bool stop(json::error_code& ec) {
    ec = json::error::exception;  // stops the parser
    return false;
  }
  bool fall_back(json::error_code& ec) {
    s_.fell_back = true;
    return stop(ec);
  }

  StreamState& s_;
  std::size_t depth_ = 0;   // containers open
  std::string key_;         // the root's member being read
  bool open_ = false;       // a member or objective is being built
  bool streaming_ = false;  // inside the root's "objectives"
  bool streamed_ = false;   // its elements were handed over as they came
  bool objectives_seen_ = false;
};

// The document streamed, or nullopt when it must be read whole (another
// order of the root's members, or a syntax error, which parse_document words).
// The text is parsed on a thread of its own while this one plans: the two
// take about as long as each other.
std::optional<ReadImport> read_stream(std::string_view text, core::Instant now) {
  StreamState state;
  std::exception_ptr parser_failed;
  std::thread parser_thread([&] {
    try {
      json::basic_parser<StreamHandler> parser{json::parse_options{}, state};
      json::error_code ec;
      const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
      if (!ec && used != text.size()) ec = json::error::extra_data;
      state.objectives.finish(ec ? core::Result<void>(core::invalid("document", ec.message()))
                                 : core::Result<void>());
    } catch (...) {
      parser_failed = std::current_exception();
      state.objectives.finish(core::invalid("document", "the parser failed"));
    }
  });
  ImportPlanner planner(now);
  bool begun = false;
  {
    // However this ends, the parser stops and its thread is joined.
    struct Join {
      StreamState& state;
      std::thread& thread;
      ~Join() {
        state.objectives.stop();
        thread.join();
      }
    } join{state, parser_thread};
    std::size_t index = 0;
    while (auto batch = state.objectives.take()) {
      if (!begun) planner.begin(state.root);  // the root is whole up to the objectives
      begun = true;
      for (const ParsedObjective& objective : *batch) planner.objective(objective.value, index++);
    }
  }
  if (parser_failed) std::rethrow_exception(parser_failed);
  if (!state.objectives.result() || state.fell_back) return std::nullopt;
  json::object& root = state.root.get_object();
  for (json::key_value_pair& member : state.after) {
    root.insert_or_assign(member.key(), std::move(member.value()));
  }
  if (!begun) planner.begin(state.root);
  planner.objectives();  // a list that was not streamed (not a list, say) is read here
  PlannedImport planned = planner.finish();
  ParsedDocument document(std::move(state.root), DocumentFormat::kJson, text, {},
                          std::move(state.root_memory));
  document.locate(planned.problems);
  return ReadImport{std::move(document), std::move(planned)};
}

}  // namespace

core::Result<ReadImport> read_import_whole(std::string_view text, DocumentFormat format,
                                           core::Instant now) {
  auto parsed = parse_document(text, format);
  if (!parsed) return parsed.error();
  PlannedImport planned = plan_import(*parsed, now);
  return ReadImport{std::move(*parsed), std::move(planned)};
}

core::Result<ReadImport> read_import(std::string_view text, DocumentFormat format,
                                     core::Instant now) {
  if (format == DocumentFormat::kJson) {
    if (auto streamed = read_stream(text, now)) return std::move(*streamed);
  }
  return read_import_whole(text, format, now);
}

}  // namespace cairn::app::exchange
