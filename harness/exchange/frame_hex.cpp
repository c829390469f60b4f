#include "harness/exchange/frame_hex.hpp"

#include <string_view>

namespace mbh::exchange {
namespace {

std::string hex(std::span<const std::byte> bytes, std::string_view separator) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string text;
  text.reserve(bytes.size() * (2 + separator.size()));
  for (std::byte b : bytes) {
    if (!text.empty()) text += separator;
    const auto value = std::to_integer<unsigned>(b);
    text += kDigits[value >> 4U];
    text += kDigits[value & 0x0FU];
  }
  return text;
}

}  // namespace

std::string hex_compact(std::span<const std::byte> bytes) {
  return hex(bytes, "");
}

std::string hex_spaced(std::span<const std::byte> bytes) {
  return hex(bytes, " ");
}

}  // namespace mbh::exchange
