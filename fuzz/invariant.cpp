#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_input.hpp"

namespace mbh::fuzz {

void invariant_broken(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

}  // namespace mbh::fuzz
