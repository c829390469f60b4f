#include "harness/cli/hex_input.hpp"

#include <fmt/format.h>

#include <optional>

namespace mbh::cli {
namespace {

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ':' ||
         c == ',';
}

std::optional<std::uint8_t> digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
  return std::nullopt;
}

bool is_printable(char c) {
  return c >= 0x20 && c < 0x7F;
}

// One group of the text, [begin, end): an optional 0x prefix, then pairs of digits.
std::optional<HexError> parse_group(std::string_view text, std::size_t begin, std::size_t end,
                                    std::vector<std::byte>& out) {
  std::size_t at = begin;
  if (end - begin >= 2 && text[at] == '0' && (text[at + 1] == 'x' || text[at + 1] == 'X')) {
    at += 2;
    if (at == end) return HexError{HexErrorKind::kNoDigits, begin, end - begin};
  }
  for (std::size_t i = at; i < end; ++i) {
    if (!digit_value(text[i])) return HexError{HexErrorKind::kInvalidCharacter, i, 1, text[i]};
  }
  if ((end - at) % 2 != 0) return HexError{HexErrorKind::kOddDigits, begin, end - begin};
  for (std::size_t i = at; i < end; i += 2) {
    const auto high = *digit_value(text[i]);
    const auto low = *digit_value(text[i + 1]);
    out.push_back(std::byte{static_cast<std::uint8_t>(high << 4 | low)});
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<std::byte>, HexError> parse_hex(std::string_view text) {
  std::vector<std::byte> bytes;
  std::size_t at = 0;
  while (at < text.size()) {
    if (is_separator(text[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < text.size() && !is_separator(text[end]))
      ++end;
    if (auto error = parse_group(text, at, end, bytes)) return fail(*error);
    at = end;
  }
  if (bytes.empty()) return fail(HexError{HexErrorKind::kEmpty, 0, 0});
  return bytes;
}

std::string message(const HexError& error) {
  const std::size_t column = error.position + 1;
  switch (error.kind) {
    case HexErrorKind::kInvalidCharacter:
      if (is_printable(error.character)) {
        return fmt::format("'{}' at column {} is not a hex digit", error.character, column);
      }
      return fmt::format("byte 0x{:02X} at column {} is not a hex digit",
                         static_cast<unsigned char>(error.character), column);
    case HexErrorKind::kOddDigits:
      return fmt::format("odd number of hex digits in the group at column {}: a byte is two",
                         column);
    case HexErrorKind::kNoDigits:
      return fmt::format("\"0x\" at column {} has no digits after it", column);
    case HexErrorKind::kEmpty:
      return "no hex bytes given";
  }
  return "not hex";
}

std::string pointer(const HexError& error, std::string_view text) {
  // Pasted text may span lines: show it on one, so the carets stay under their characters.
  std::string line(text);
  for (char& c : line) {
    if (!is_printable(c)) c = ' ';
  }
  const std::size_t width = error.length == 0 ? 1 : error.length;
  return fmt::format("  {}\n  {}{}\n", line, std::string(error.position, ' '),
                     std::string(width, '^'));
}

std::string to_hex(std::span<const std::byte> bytes) {
  std::string text;
  text.reserve(bytes.size() * 3);
  for (std::byte b : bytes) {
    if (!text.empty()) text += ' ';
    text += fmt::format("{:02X}", std::to_integer<unsigned>(b));
  }
  return text;
}

}  // namespace mbh::cli
