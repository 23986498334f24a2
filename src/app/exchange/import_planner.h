// Plans an import from a document handed over in parts: the root object as
// far as objectives refer to it, then each objective, then the rest. A reader
// that parses as it goes (import_stream.h) never has to hold the document's
// objectives, by far its largest list, all at once; plan_import
// (okr_import.h) hands a parsed document over the same way.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string_view>

#include "app/exchange/okr_import.h"

namespace cairn::app::exchange {

// The root's members ImportPlanner::begin reads: everything an objective may
// refer to. A reader that hands objectives over as it parses them cannot
// take one of these after them.
inline constexpr std::string_view kReadBeforeObjectives[] = {"format", "organization", "people",
                                                             "units",  "periods",      "kpis"};

class ImportPlanner {
 public:
  explicit ImportPlanner(core::Instant now);
  ~ImportPlanner();
  ImportPlanner(const ImportPlanner&) = delete;
  ImportPlanner& operator=(const ImportPlanner&) = delete;

  // The document's root, read once, before any objective: its format,
  // organization, people, units, periods and kpis. The planner keeps a
  // reference: the root must stay where it is until finish().
  void begin(const boost::json::value& root);
  // The element at `index` of the root's "objectives", handed over on its own.
  void objective(const boost::json::value& value, std::size_t index);
  // The objectives in the root's own list (and the problem when it is not a
  // list): all of them for a document parsed whole, none when they were
  // handed over one by one and the root keeps an empty list.
  void objectives();
  // What may refer to any objective, the root's fields not read yet (the
  // root may have grown since begin), and the order of the commands. The
  // problems' lines are not filled in yet (ParsedDocument::locate).
  PlannedImport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::app::exchange
