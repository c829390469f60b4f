#include "conformance/frame_text.hpp"

#include <fmt/format.h>

namespace mbh::conformance {

std::string hex_colons(std::span<const std::byte> bytes) {
  std::string text;
  text.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) text += ':';
    text += fmt::format("{:02X}", std::to_integer<unsigned>(bytes[i]));
  }
  return text;
}

}  // namespace mbh::conformance
