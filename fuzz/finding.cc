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

}  // namespace cairn::fuzz
