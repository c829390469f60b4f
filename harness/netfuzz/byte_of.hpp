#pragma once
// The low byte of a number, as the generators write frames byte by byte: b(0x2B).
#include <cstddef>

namespace mbh::netfuzz::bytes {

constexpr std::byte b(unsigned value) {
  return static_cast<std::byte>(value & 0xFFU);
}

}  // namespace mbh::netfuzz::bytes
