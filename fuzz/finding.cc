#include "fuzz/finding.h"

#include <cstdlib>
#include <iostream>

namespace cairn::fuzz {

void finding(std::string_view what, std::string_view detail) {
  // At most a screenful of the detail: a body may be megabytes long.
  constexpr std::size_t kShown = 2000;
  std::cerr << "cairn fuzz finding: " << what << '\n'
            << detail.substr(0, kShown) << (detail.size() > kShown ? "..." : "") << std::endl;
  std::abort();
}

bool tracing() {
  static const bool on = std::getenv("CAIRN_FUZZ_TRACE") != nullptr;
  return on;
}

}  // namespace cairn::fuzz
