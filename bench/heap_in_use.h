// The bytes the process holds on its heap right now, for the model's memory
// figures: glibc's count of what is allocated (its chunk headers included,
// which a model pays too), or under AddressSanitizer, whose allocator
// replaces glibc's, the bytes its callers asked for.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
// The sanitizer runtime's (g++ ships no header for it; clang's
// <sanitizer/allocator_interface.h> declares the same).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

namespace cairn::bench {

inline std::size_t heap_in_use() {
#if defined(__SANITIZE_ADDRESS__)
  return __sanitizer_get_current_allocated_bytes();
#else
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // the arenas' chunks in use, and mmap()ed blocks
#endif
}

}  // namespace cairn::bench
