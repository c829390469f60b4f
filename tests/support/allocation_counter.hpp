#pragma once
// Counts heap allocations by replacing the global operator new. Include it in exactly one
// file of a test binary of its own. Under ASan, which owns operator new, nothing is replaced
// and kCountsAllocations is false: tests skip themselves.
#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MBH_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MBH_ASAN 1
#endif

namespace mbh::testing {

inline std::atomic<long> g_allocations{0};

#ifdef MBH_ASAN
inline constexpr bool kCountsAllocations = false;
#else
inline constexpr bool kCountsAllocations = true;
#endif

inline long allocations() {
  return g_allocations.load();
}

}  // namespace mbh::testing

#ifndef MBH_ASAN
// g++ -O3 inlines these into library code and then sees malloc'd memory reach operator
// delete: the pairing is right (both replaced), the warning is not.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  ++mbh::testing::g_allocations;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t /*size*/) noexcept {
  std::free(memory);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif
