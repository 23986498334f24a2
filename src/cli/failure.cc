#include "cli/failure.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace cairn::cli {

void fail(const std::string& command, const std::string& message, int code) {
  std::cerr << "cairn " << command << ": " << message << '\n';
  throw CLI::RuntimeError(code);
}

void fail(const std::string& command, const core::Error& error) {
  fail(command, error.message);
}

}  // namespace cairn::cli
