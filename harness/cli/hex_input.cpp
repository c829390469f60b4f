#include "harness/cli/hex_input.hpp"

#include "harness/exchange/frame_hex.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace mbh::cli {
namespace {

// Besides blanks: the punctuation of logs and source code ("00:01", "00-01", "[00][01]",
// "{0x00, 0x01};").
bool is_separator(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case ':':
    case ',':
    case '-':
    case ';':
    case '[':
    case ']':
    case '{':
    case '}':
      return true;
    default:
      return false;
  }
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

bool is_hex_digit(char c) {
  return digit_value(c).has_value();
}

// One line of a dump: its offset and the text of its bytes, ASCII column cut off.
struct DumpLine {
  std::size_t offset = 0;
  std::string_view bytes;
};

// "0000   00 01 ...   ..ab" (Wireshark, tshark -x), "00000000  00 01 ...  |..ab|" (hexdump
// -C), "00000000: 0001 0000  ..ab" (xxd): an offset of 4 to 8 hex digits, then a colon or two
// blanks or more, then the bytes, then (after a '|', or the widest gap those tools leave) the
// ASCII column, which may hold anything, hex digits included.
std::optional<DumpLine> dump_line(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && is_hex_digit(line[digits]))
    ++digits;
  // The tools' own offset widths: 4 (Wireshark, tshark) or 8 (hexdump -C, xxd) digits.
  if (digits != 4 && digits != 8) return std::nullopt;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < digits; ++i)
    offset = offset * 16 + *digit_value(line[i]);
  std::string_view rest = line.substr(digits);
  const bool xxd = digits == 8 && rest.starts_with(": ");
  if (xxd) rest.remove_prefix(1);
  std::size_t blanks = 0;
  while (blanks < rest.size() && (rest[blanks] == ' ' || rest[blanks] == '\t'))
    ++blanks;
  if (rest.size() == blanks) return DumpLine{offset, {}};  // hexdump's closing offset
  if (!xxd && blanks < 2) return std::nullopt;
  rest.remove_prefix(blanks);
  if (const auto bar = rest.find('|'); bar != std::string_view::npos) {
    rest = rest.substr(0, bar);
  } else if (const auto gap = rest.find(xxd ? "  " : "   "); gap != std::string_view::npos) {
    // xxd: one blank between groups, two before the ASCII column. The others: at most two
    // between bytes (Wireshark's middle gap), three or more before it.
    rest = rest.substr(0, gap);
  }
  return DumpLine{offset, rest};
}

// The bytes of a dump, when every line is a dump line and the offsets follow on from each other
// (so that a line of plain hex is never taken for one); otherwise nothing.
std::optional<std::vector<std::byte>> parse_dump(std::string_view text) {
  std::vector<std::byte> bytes;
  std::optional<std::size_t> next;
  bool closed = false;  // hexdump -C ended with its closing offset
  std::size_t lines = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (line.empty()) continue;
    const auto parsed = dump_line(line);
    if (!parsed || closed) return std::nullopt;
    if (next && parsed->offset != *next) return std::nullopt;
    if (parsed->bytes.empty()) {
      if (!next) return std::nullopt;
      closed = true;
      continue;
    }
    const std::size_t before = bytes.size();
    for (std::size_t at = 0; at < parsed->bytes.size();) {
      if (parsed->bytes[at] == ' ' || parsed->bytes[at] == '\t') {
        ++at;
        continue;
      }
      std::size_t group_end = at;
      while (group_end < parsed->bytes.size() && parsed->bytes[group_end] != ' ' &&
             parsed->bytes[group_end] != '\t')
        ++group_end;
      // The tools print bare digits: a "0x" group is plain hex that only looks like a dump.
      const auto group = parsed->bytes.substr(at, group_end - at);
      if (!std::ranges::all_of(group, is_hex_digit)) return std::nullopt;
      if (parse_group(parsed->bytes, at, group_end, bytes)) return std::nullopt;
      at = group_end;
    }
    next = parsed->offset + (bytes.size() - before);
    ++lines;
  }
  if (lines == 0 || bytes.empty()) return std::nullopt;
  return bytes;
}

}  // namespace

Result<std::vector<std::byte>, HexError> parse_hex(std::string_view text) {
  if (auto dumped = parse_dump(text)) return std::move(*dumped);
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
  return exchange::hex_spaced(bytes);
}

}  // namespace mbh::cli
