// How a command reports that it could not do its job: one line on standard
// error, "cairn <command>: <message>", and the exit status `code`.
#pragma once

#include <string>

#include "core/result.h"

namespace cairn::cli {

// Throws CLI::RuntimeError(code), which main() turns into the exit status.
[[noreturn]] void fail(const std::string& command, const std::string& message, int code = 1);
[[noreturn]] void fail(const std::string& command, const core::Error& error);

}  // namespace cairn::cli
