// JSON text for storage (the change log's payloads, the audit rows), with
// numbers that come back exactly as they were written.
//
// Boost.JSON writes a double as the shortest text that reads back to the same
// bits (Ryu), but the parser of Boost 1.81 rounds some of those texts to a
// neighbouring double: about one in ten uniform values in [0, 1) come back one
// ulp off (the `number_precision::precise` option only arrived in 1.83). A
// replayed change log must rebuild the same numbers, so parse_json reads every
// double again from its text with std::from_chars, which rounds correctly.
#pragma once

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::app {

// Compact JSON text of `value`, each double as the shortest text that reads
// back to it, with ".0" on a whole number (0.25, 790.0: not Boost's 2.5E-1
// and 7.9E2). A non-finite double has no JSON form; it is written as null.
std::string json_text(const boost::json::value& value);

// Parses one JSON document (standard JSON only, no comments or trailing
// commas); doubles are bit-identical to what json_text wrote. Malformed text
// is a kInvalid error on the field "payload".
// The value's memory comes from `storage` (Boost's default heap when null):
// a large document parses into a monotonic_resource, which allocates by
// bumping a pointer and frees everything at once.
core::Result<boost::json::value> parse_json(std::string_view text,
                                            boost::json::storage_ptr storage = {});

}  // namespace cairn::app
