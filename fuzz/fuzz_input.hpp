#pragma once
// The fuzzer's bytes copied into a buffer of exactly their size, so that AddressSanitizer
// reports a read one byte past the end (libFuzzer's own buffer may be larger).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

namespace mbh::fuzz {

class ExactInput {
 public:
  ExactInput(const std::uint8_t* data, std::size_t size)
      : bytes_(std::make_unique<std::byte[]>(size)), size_(size) {
    if (size != 0) std::memcpy(bytes_.get(), data, size);
  }
  std::span<const std::byte> span() const { return {bytes_.get(), size_}; }

 private:
  std::unique_ptr<std::byte[]> bytes_;
  std::size_t size_;
};

// A broken invariant: print what broke and abort, so libFuzzer saves the input.
[[noreturn]] void invariant_broken(const char* what);

}  // namespace mbh::fuzz
