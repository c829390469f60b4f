#include "harness/cli/hex_input.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mbh::cli {
namespace {

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values)
    out.push_back(static_cast<std::byte>(v));
  return out;
}

std::vector<std::byte> parsed(std::string_view text) {
  auto result = parse_hex(text);
  EXPECT_TRUE(result.ok()) << text << ": " << (result ? "" : message(result.error()));
  return result ? result.value() : std::vector<std::byte>{};
}

HexError failure(std::string_view text) {
  auto result = parse_hex(text);
  EXPECT_FALSE(result.ok()) << text;
  return result ? HexError{HexErrorKind::kEmpty} : result.error();
}

TEST(ParseHex, AcceptsTheSpellingsEngineersPaste) {
  const auto expected = bytes({0x00, 0x01, 0x6B, 0xFF});
  EXPECT_EQ(parsed("00 01 6B FF"), expected);
  EXPECT_EQ(parsed("00:01:6b:ff"), expected);
  EXPECT_EQ(parsed("00016bff"), expected);  // Wireshark "copy as hex stream"
  EXPECT_EQ(parsed("0x00 0x01 0x6B 0XFF"), expected);
  EXPECT_EQ(parsed("0x00, 0x01, 0x6b, 0xff"), expected);   // a C array
  EXPECT_EQ(parsed("  00\t01\r\n6B \n FF \n"), expected);  // lines from a log
  EXPECT_EQ(parsed("0001 6BFF"), expected);
  EXPECT_EQ(parsed("0x00016BFF"), expected);  // a prefixed group holds bytes in wire order
}

TEST(ParseHex, TakesDashesBracketsAndBraces) {
  const auto expected = bytes({0x00, 0x01, 0x6B, 0xFF});
  EXPECT_EQ(parsed("00-01-6B-FF"), expected);
  EXPECT_EQ(parsed("[00][01][6B][FF]"), expected);
  EXPECT_EQ(parsed("{0x00, 0x01, 0x6B, 0xFF};"), expected);
}

// The same 20 bytes as each tool dumps them; the ASCII columns hold hex-looking text on purpose.
TEST(ParseHex, ReadsDumpsWithOffsetsWithoutTakingOffsetsOrAsciiForBytes) {
  std::vector<std::byte> expected;
  for (int i = 0; i < 20; ++i)
    expected.push_back(std::byte{static_cast<unsigned char>(0x61 + i % 6)});  // "abcdef..."
  // tshark -x and Wireshark's "Copy as Hex Dump" (a gap in the middle, three blanks before
  // the ASCII).
  EXPECT_EQ(parsed("0000  61 62 63 64 65 66 61 62 63 64 65 66 61 62 63 64   abcdefabcdefabcd\n"
                   "0010  65 66 61 62                                       efab\n"),
            expected);
  EXPECT_EQ(parsed("0000   61 62 63 64 65 66 61 62  63 64 65 66 61 62 63 64   abcdefab"
                   "cdefabcd\n0010   65 66 61 62                                         efab"),
            expected);
  // hexdump -C, with its closing offset.
  EXPECT_EQ(parsed("00000000  61 62 63 64 65 66 61 62  63 64 65 66 61 62 63 64  "
                   "|abcdefabcdefabcd|\n00000010  65 66 61 62                                "
                   "       |efab|\n00000014\n"),
            expected);
  // xxd, and xxd -g1.
  EXPECT_EQ(parsed("00000000: 6162 6364 6566 6162 6364 6566 6162 6364  abcdefabcdefabcd\n"
                   "00000010: 6566 6162                                efab\n"),
            expected);
  EXPECT_EQ(parsed("00000000: 61 62 63 64 65 66 61 62 63 64 65 66 61 62 63 64  abcdefabcdefabcd\n"
                   "00000010: 65 66 61 62                                      efab"),
            expected);
}

TEST(ParseHex, PlainHexThatLooksLikeAnOffsetStaysPlain) {
  // One blank after the first group: not a dump. Offsets that do not follow on: not a dump.
  EXPECT_EQ(parsed("0000 0006 1103").size(), 6U);
  EXPECT_EQ(parsed("0000  00 01\n0005  00 02").size(), 8U);
  // Found by the separators property: a colon after four digits, or "0x" groups after eight.
  EXPECT_EQ(parsed("0000:00").size(), 3U);
  EXPECT_EQ(parsed("00000000: 0x12").size(), 5U);
  EXPECT_EQ(parsed("000000:00").size(), 4U);
}

TEST(ParseHex, NamesTheOffendingCharacterAndItsPosition) {
  const HexError error = failure("00 01 zz");
  EXPECT_EQ(error.kind, HexErrorKind::kInvalidCharacter);
  EXPECT_EQ(error.position, 6U);
  EXPECT_EQ(error.character, 'z');
  EXPECT_EQ(message(error), "'z' at column 7 is not a hex digit");
}

TEST(ParseHex, FindsABadCharacterInsideAGroup) {
  const HexError error = failure("0x0G");
  EXPECT_EQ(error.kind, HexErrorKind::kInvalidCharacter);
  EXPECT_EQ(error.position, 3U);
  EXPECT_EQ(error.character, 'G');
}

TEST(ParseHex, RejectsAnOddNumberOfDigitsInAGroup) {
  const HexError error = failure("00 01 0");
  EXPECT_EQ(error.kind, HexErrorKind::kOddDigits);
  EXPECT_EQ(error.position, 6U);
  EXPECT_EQ(error.length, 1U);
  EXPECT_EQ(failure("001").kind, HexErrorKind::kOddDigits);
  EXPECT_EQ(failure("0x1").kind, HexErrorKind::kOddDigits);
}

TEST(ParseHex, RejectsAPrefixWithoutDigits) {
  const HexError error = failure("00 0x 01");
  EXPECT_EQ(error.kind, HexErrorKind::kNoDigits);
  EXPECT_EQ(error.position, 3U);
  EXPECT_EQ(error.length, 2U);
}

TEST(ParseHex, RejectsTextWithNoBytes) {
  EXPECT_EQ(failure("").kind, HexErrorKind::kEmpty);
  EXPECT_EQ(failure(" : ,\n").kind, HexErrorKind::kEmpty);
  EXPECT_EQ(message(failure("")), "no hex bytes given");
}

TEST(ParseHex, DescribesAnUnprintableCharacterByItsCode) {
  const HexError error = failure("00\x01");
  EXPECT_EQ(message(error), "byte 0x01 at column 3 is not a hex digit");
}

TEST(HexPointer, PutsCaretsUnderTheFaultOnOneLine) {
  EXPECT_EQ(pointer(failure("00 zz"), "00 zz"), "  00 zz\n     ^\n");
  EXPECT_EQ(pointer(failure("00\n123"), "00\n123"), "  00 123\n     ^^^\n");
}

TEST(ToHex, SpellsBytesUpperCaseSpaceSeparated) {
  EXPECT_EQ(to_hex(bytes({0x00, 0x6B, 0xFF})), "00 6B FF");
  EXPECT_EQ(to_hex({}), "");
}

RC_GTEST_PROP(ParseHex, ReadsBackWhatToHexWrites, (const std::vector<std::uint8_t>& values)) {
  RC_PRE(!values.empty());
  std::vector<std::byte> original;
  for (std::uint8_t v : values)
    original.push_back(std::byte{v});
  const auto result = parse_hex(to_hex(original));
  RC_ASSERT(result.ok());
  RC_ASSERT(result.value() == original);
}

RC_GTEST_PROP(ParseHex, SeparatorsBetweenBytesDoNotMatter,
              (const std::vector<std::uint8_t>& values)) {
  RC_PRE(!values.empty());
  const std::vector<std::string> separators{"", " ", ":", ", ", "\n", " 0x", "\t"};
  std::string text;
  std::vector<std::byte> original;
  for (std::uint8_t v : values) {
    const auto separator = *rc::gen::elementOf(separators);
    text += separator;
    text += "0123456789abcdef"[v >> 4];
    text += "0123456789ABCDEF"[v & 0xF];
    original.push_back(std::byte{v});
  }
  const auto result = parse_hex(text);
  RC_ASSERT(result.ok());
  RC_ASSERT(result.value() == original);
}

}  // namespace
}  // namespace mbh::cli
