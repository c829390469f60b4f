#include "reports/safe_text.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace mbh::reports {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t length;  // bytes it took
};

// The code point that starts at `pos`, or nullopt when the bytes there are not well-formed
// UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::optional<CodePoint> decode_at(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[pos + i]); };
  const std::uint8_t lead = byte(0);
  if (lead < 0x80U) return CodePoint{lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2, value = lead & 0x1FU, minimum = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3, value = lead & 0x0FU, minimum = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4, value = lead & 0x07U, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (pos + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return std::nullopt;
    value = (value << 6U) | (byte(i) & 0x3FU);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return std::nullopt;
  }
  return CodePoint{value, length};
}

bool needs_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

// Walks `text` by code point; `keep_controls` false escapes what needs_escape() names.
std::string sanitised(std::string_view text, bool keep_controls) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto point = decode_at(text, pos);
    if (!point) {
      out += fmt::format("\\x{:02X}", static_cast<std::uint8_t>(text[pos]));
      ++pos;
      continue;
    }
    if (!keep_controls && needs_escape(point->value)) {
      out += point->value < 0x80 ? fmt::format("\\x{:02X}", static_cast<unsigned>(point->value))
                                 : fmt::format("\\u{:04X}", static_cast<unsigned>(point->value));
    } else {
      out.append(text.substr(pos, point->length));
    }
    pos += point->length;
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  return sanitised(text, true);
}

std::string printable(std::string_view text) {
  return sanitised(text, false);
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (char c : printable(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace mbh::reports
