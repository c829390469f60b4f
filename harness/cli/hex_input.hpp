#pragma once
// Hex text as engineers paste it (Wireshark, logs, C arrays) to bytes. Bytes are pairs of hex
// digits; blanks, newlines and : , - ; [ ] { } separate groups; a group may carry a 0x prefix
// and may hold several bytes ("0x0001" is 00 01, as on the wire). Every group must have an
// even number of digits: guessing where a lone digit belongs would hide typos.
// A dump with offsets is read as one: Wireshark's "Copy as Hex Dump", `tshark -x`, `hexdump
// -C` and `xxd` (offsets checked to follow on line after line, ASCII column ignored).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/result.hpp"

namespace mbh::cli {

enum class HexErrorKind : std::uint8_t {
  kInvalidCharacter,  // a character that is neither a hex digit nor a separator
  kOddDigits,         // a group with an odd number of digits
  kNoDigits,          // a "0x" prefix with no digits after it
  kEmpty,             // no bytes at all
};

struct HexError {
  HexErrorKind kind;
  std::size_t position = 0;  // 0-based index into the text of the character or group at fault
  std::size_t length = 0;    // characters at fault (1 for a character, the group's length)
  char character = '\0';     // the offending character, for kInvalidCharacter

  friend bool operator==(const HexError&, const HexError&) = default;
};

Result<std::vector<std::byte>, HexError> parse_hex(std::string_view text);

// "'z' at column 3 is not a hex digit": one line, columns 1-based as editors count them.
std::string message(const HexError& error);

// The text on one line and carets under the part at fault, for a terminal.
std::string pointer(const HexError& error, std::string_view text);

// "00 01 0A", the canonical spelling: upper case, one space between bytes.
std::string to_hex(std::span<const std::byte> bytes);

}  // namespace mbh::cli
