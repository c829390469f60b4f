#pragma once
// The fuzzer's bytes as a span of std::byte. No copy is needed for AddressSanitizer to catch a
// read one byte past the end: libFuzzer runs every input from a heap buffer of exactly its
// size, and so does replay_main.cpp. A copy here cost a fifth of a codec target's time.
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::fuzz {

class ExactInput {
 public:
  ExactInput(const std::uint8_t* data, std::size_t size)
      : bytes_(reinterpret_cast<const std::byte*>(data), size) {}
  std::span<const std::byte> span() const { return bytes_; }

 private:
  std::span<const std::byte> bytes_;
};

// A broken invariant: print what broke and abort, so libFuzzer saves the input.
[[noreturn]] void invariant_broken(const char* what);

}  // namespace mbh::fuzz
