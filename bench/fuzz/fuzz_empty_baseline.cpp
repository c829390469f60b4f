// The fuzz benchmark's yardstick: a target that does nothing, built with the same flags as the
// real ones, so its executions per second are libFuzzer's and the sanitizers' own cost.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* /*data*/, std::size_t /*size*/) {
  return 0;
}
