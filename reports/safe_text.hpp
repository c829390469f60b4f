#pragma once
// Text that may carry a device's bytes (check messages quote what came back, names and notes
// come from the run), made safe for each output: a terminal must not receive escape
// sequences, XML 1.0 forbids most control characters, and a JSON writer needs valid UTF-8.
// What is replaced is written as an escape that says what it was, not dropped.
#include <string>
#include <string_view>

namespace mbh::reports {

// Valid UTF-8 kept as it is, control characters included; each byte of an invalid sequence
// written as "\xNN".
std::string valid_utf8(std::string_view text);

// One printable line: as valid_utf8(), and every control character (C0 with tab and newline,
// DEL: "\x1B"; C1: "\u0085") and the noncharacters U+FFFE and U+FFFF ("\uFFFE") escaped.
std::string printable(std::string_view text);

// printable(), then & < > " ' as entities: safe in XML 1.0 text and attribute values.
std::string xml_escaped(std::string_view text);

}  // namespace mbh::reports
