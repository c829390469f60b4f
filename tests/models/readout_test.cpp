#include "models/readout.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>

#include "models/map_catalog.hpp"
#include "models/map_file.hpp"
#include "tests/models/builtin_map_names.hpp"

namespace mbh::models {
namespace {

using testing::ags;
using testing::bms;
using testing::enapter;

// The readout of one row of `map` at `address`, from `raw`.
ReadoutEntry one(const RegisterMap& map, Space space, std::uint16_t address,
                 std::vector<std::uint16_t> raw) {
  const auto entries = read_out(map, space, address, raw);
  EXPECT_EQ(entries.size(), 1U);
  return entries.empty() ? ReadoutEntry{} : entries.front();
}

bool has_issue(const ReadoutEntry& entry, RuleId rule, Level level) {
  return std::ranges::any_of(entry.issues, [&](const ValueIssue& issue) {
    return issue.rule == rule && issue.level == level;
  });
}

TEST(Readout, NamesEnumValuesAndFlagsUnlistedOnes) {
  const auto lithium = one(bms(), Space::kHolding, 40091, {4});  // Battery Type
  EXPECT_EQ(lithium.text, "Lithium-Ion (4)");
  EXPECT_TRUE(lithium.issues.empty());
  const auto unknown = one(bms(), Space::kHolding, 40091, {42});
  EXPECT_TRUE(has_issue(unknown, RuleId::kEnum, Level::kMust));
}

// A map file's command registers (RULES.md R-ENUM): one may read 0, listed or not, and its
// no-command value; any other unlisted value is flagged, and a setting may not read 0 unlisted.
TEST(Readout, ACommandRegisterMayReadZeroOrItsNoCommandValue) {
  const auto loaded = load_map_text(R"({"id": "drive", "port": 502, "units": [1, 1],
    "default_unit": 1, "rules": [{"rule": "R-ENUM", "level": "MUST"}],
    "blocks": [{"space": "holding", "first": 0, "last": 2, "name": "Control"}],
    "rows": [
      {"space": "holding", "address": 0, "registers": 1, "name": "Fault reset", "type": "uint16",
       "access": "rw", "safety": "command", "enum": {"1": "Reset faults"}},
      {"space": "holding", "address": 1, "registers": 1, "name": "Stop", "type": "uint16",
       "access": "rw", "safety": "actuating", "command": true, "no_command": 7,
       "enum": {"1": "Stop"}},
      {"space": "holding", "address": 2, "registers": 1, "name": "Mode", "type": "uint16",
       "access": "rw", "enum": {"1": "Auto"}}]})",
                                    "drive.json");
  ASSERT_TRUE(loaded) << loaded.error().text();
  const RegisterMap& map = loaded.value()->map();
  const auto idle = one(map, Space::kHolding, 0, {0});
  EXPECT_TRUE(idle.issues.empty()) << idle.text;
  EXPECT_EQ(idle.text, "0 (no command)");
  EXPECT_TRUE(has_issue(one(map, Space::kHolding, 0, {2}), RuleId::kEnum, Level::kMust));
  EXPECT_TRUE(one(map, Space::kHolding, 1, {7}).issues.empty());
  EXPECT_TRUE(one(map, Space::kHolding, 1, {0}).issues.empty());
  EXPECT_TRUE(has_issue(one(map, Space::kHolding, 1, {6}), RuleId::kEnum, Level::kMust));
  EXPECT_TRUE(has_issue(one(map, Space::kHolding, 2, {0}), RuleId::kEnum, Level::kMust));
}

TEST(Readout, NamesBitsAndFlagsUndefinedOnes) {
  // Alarm Event Map 1, uint32: bit 0 CommunicationError and bit 27 (Reserved: undefined).
  const auto clean = one(bms(), Space::kHolding, 40096, {0x0000, 0x0001});
  EXPECT_NE(clean.text.find("CommunicationError"), std::string::npos) << clean.text;
  EXPECT_TRUE(clean.issues.empty());
  const auto reserved = one(bms(), Space::kHolding, 40096, {0x0800, 0x0000});
  EXPECT_TRUE(has_issue(reserved, RuleId::kBits, Level::kShould));
  const auto bit31 = one(bms(), Space::kHolding, 40096, {0x8000, 0x0000});
  EXPECT_TRUE(has_issue(bit31, RuleId::kBits, Level::kShould));
}

std::vector<std::uint16_t> events(std::initializer_list<std::uint16_t> codes, std::uint16_t count) {
  std::vector<std::uint16_t> raw(64, 0);
  raw[0] = count;
  std::size_t i = 1;
  for (auto code : codes)
    raw[i++] = code;
  return raw;
}

TEST(Readout, ChecksEnapterEventArrays) {
  const auto warnings = one(enapter(), Space::kInput, 768, events({0x2EAC, 0x2E2C}, 2));
  EXPECT_TRUE(warnings.issues.empty()) << warnings.issues.front().message;
  EXPECT_EQ(warnings.text, "2 events: WT_20, WS_20");
  EXPECT_TRUE(has_issue(one(enapter(), Space::kInput, 768, events({0x1234}, 1)), RuleId::kEvents,
                        Level::kMust));
  EXPECT_TRUE(has_issue(one(enapter(), Space::kInput, 768, events({0x0000}, 1)), RuleId::kEvents,
                        Level::kMust));
  EXPECT_TRUE(
      has_issue(one(enapter(), Space::kInput, 768, events({}, 33)), RuleId::kEvents, Level::kMust));
  EXPECT_TRUE(has_issue(one(enapter(), Space::kInput, 768, events({0x2EAC, 0x2EAC}, 1)),
                        RuleId::kEvents, Level::kMust));  // a code past the count
  // An error code (FT_10) in the warning array: severity is SHOULD.
  const auto wrong_array = one(enapter(), Space::kInput, 768, events({0x128A}, 1));
  EXPECT_TRUE(has_issue(wrong_array, RuleId::kEvents, Level::kShould));
  EXPECT_FALSE(has_issue(wrong_array, RuleId::kEvents, Level::kMust));
  EXPECT_TRUE(one(enapter(), Space::kInput, 832, events({0x128A, 0x0FFF}, 2)).issues.empty());
}

TEST(Readout, ChecksIdentityValues) {
  EXPECT_TRUE(one(enapter(), Space::kInput, 0, {0x454C, 0x3231}).issues.empty());
  EXPECT_TRUE(has_issue(one(enapter(), Space::kInput, 0, {0x454C, 0x3230}), RuleId::kIdentity,
                        Level::kMust));
  EXPECT_TRUE(one(bms(), Space::kHolding, 40000, {0x5375, 0x6E53}).issues.empty());
  EXPECT_TRUE(has_issue(one(bms(), Space::kHolding, 40000, {0x5375, 0x6E54}), RuleId::kIdentity,
                        Level::kShould));
  EXPECT_TRUE(
      has_issue(one(bms(), Space::kHolding, 40002, {2}), RuleId::kIdentity, Level::kShould));
  EXPECT_TRUE(
      has_issue(one(bms(), Space::kHolding, 40140, {0xFFFE}), RuleId::kIdentity, Level::kShould));
}

TEST(Readout, ChecksPhysicalRanges) {
  EXPECT_TRUE(one(bms(), Space::kHolding, 40081, {55}).issues.empty());  // State of Charge
  EXPECT_TRUE(has_issue(one(bms(), Space::kHolding, 40081, {101}), RuleId::kRange, Level::kShould));
  EXPECT_TRUE(has_issue(one(bms(), Space::kHolding, 40129, {11}), RuleId::kRange,
                        Level::kShould));                                    // V Scale Factor
  EXPECT_TRUE(one(bms(), Space::kHolding, 40129, {0xFFFE}).issues.empty());  // -2
  const auto nan = std::bit_cast<std::uint32_t>(std::numeric_limits<float>::quiet_NaN());
  const auto high = static_cast<std::uint16_t>(nan >> 16);
  const auto low = static_cast<std::uint16_t>(nan & 0xFFFF);
  EXPECT_TRUE(one(enapter(), Space::kInput, 1008, {high, low}).issues.empty());  // H2 Flow Rate
  EXPECT_TRUE(
      has_issue(one(enapter(), Space::kInput, 1006, {high, low}), RuleId::kRange, Level::kShould));
}

std::vector<std::uint16_t> float_words(float value) {
  const auto bits = std::bit_cast<std::uint32_t>(value);
  return {static_cast<std::uint16_t>(bits >> 16), static_cast<std::uint16_t>(bits & 0xFFFF)};
}

// Issue "reports": `read` showed AGS Unique ID 1166662117 as 1.16666e+09 and an IP address
// as 3.23224e+09 ({:.6g}). Integers at scale 1 and offset 0 print exactly; others without
// exponent.
// Issue "reports": an IP address and Enapter's Device Model read as numbers. Rows the document
// gives as an address or as characters print so, with the raw value beside.
TEST(Readout, PrintsAddressesDottedAndCharactersAsText) {
  EXPECT_EQ(one(enapter(), Space::kHolding, 4020, {0xC0A8, 0x0101}).text,
            "192.168.1.1 (0xC0A80101)");  // Ethernet IP Address
  EXPECT_EQ(one(enapter(), Space::kHolding, 4022, {0xFFFF, 0xFF00}).text,
            "255.255.255.0 (0xFFFFFF00)");
  EXPECT_EQ(one(enapter(), Space::kInput, 0, {0x454C, 0x3231}).text, "\"EL21\" (0x454C3231)");
  EXPECT_EQ(one(enapter(), Space::kInput, 0, {0x454C, 0x3200}).text,
            "\"EL2\\x00\" (0x454C3200)");  // a NUL shown, not swallowed
  EXPECT_EQ(one(bms(), Space::kHolding, 40000, {0x5375, 0x6E53}).text, "\"SunS\" (0x53756E53)");
}

// R-ENUM: the message lists what the value should have been.
TEST(Readout, AnUnlistedEnumValueNamesTheListedOnes) {
  const auto entry = one(ags(), Space::kHolding, 77, {9});
  ASSERT_FALSE(entry.issues.empty());
  EXPECT_NE(entry.issues.front().message.find("none of its listed values (0 "), std::string::npos)
      << entry.issues.front().message;
}

TEST(Readout, PrintsIntegersExactlyAndScaledValuesWithoutExponent) {
  EXPECT_EQ(one(ags(), Space::kHolding, 0x0014, {0x4589, 0xD9E5}).text,
            "1166662117");  // Unique ID Number, uint32
  EXPECT_EQ(one(enapter(), Space::kInput, 1002, {0xC0A8, 0x0101}).text,
            "3232235777");  // Stack Start/Stop Cycles Quantity, uint32
  EXPECT_EQ(one(enapter(), Space::kInput, 14, {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}).text,
            "18446744073709551615");  // uint64 past a double's 2^53
  EXPECT_EQ(one(bms(), Space::kHolding, 40081, {55}).text, "55 %");
  EXPECT_EQ(one(bms(), Space::kHolding, 40129, {0xFFFE}).text, "-2");  // sint16
  // Scaled: as many decimals as the scale needs, every integer digit kept.
  EXPECT_EQ(one(ags(), Space::kHolding, 0x0074, {0x4589, 0xD9E5}).text,
            "1166662.117 A");  // scale 0.001
  EXPECT_EQ(one(ags(), Space::kHolding, 0x0074, {0, 1500}).text, "1.5 A");
  EXPECT_EQ(one(ags(), Space::kHolding, 0x0074, {0, 2000}).text, "2 A");
  EXPECT_EQ(one(ags(), Space::kHolding, 0x0078, {0xFFFF, 0xCFC7}).text,
            "-12.345 V");  // sint32, scale 0.001
  // float32: 6 significant digits, no exponent below 1e15.
  EXPECT_EQ(one(enapter(), Space::kInput, 1006, float_words(52.3F)).text, "52.3 NL");
  EXPECT_EQ(one(enapter(), Space::kInput, 1006, float_words(1234567.75F)).text, "1234568 NL");
  EXPECT_EQ(one(enapter(), Space::kInput, 1006, float_words(3.0e9F)).text, "3000000000 NL");
  EXPECT_EQ(one(enapter(), Space::kInput, 1006, float_words(0.5F)).text, "0.5 NL");
  EXPECT_EQ(one(enapter(), Space::kInput, 1006, float_words(1e20F)).text, "1e+20 NL");
}

TEST(Readout, ShowsStringsAndFlagsNonPrintableBytes) {
  const RegisterRow* manufacturer = row_at(bms(), Space::kHolding, 40004);
  ASSERT_NE(manufacturer, nullptr);
  std::vector<std::uint16_t> raw(manufacturer->type.register_count(), 0);
  raw[0] = 0x5343;  // "SC"
  const auto clean = one(bms(), Space::kHolding, 40004, raw);
  EXPECT_EQ(clean.text, "\"SC\"");
  EXPECT_TRUE(clean.issues.empty());
  raw[1] = 0x0700;  // BEL
  EXPECT_TRUE(has_issue(one(bms(), Space::kHolding, 40004, raw), RuleId::kRange, Level::kShould));
}

TEST(Readout, LeavesOutRowsTheRangeCuts) {
  EXPECT_TRUE(read_out(bms(), Space::kHolding, 40001, std::vector<std::uint16_t>{0}).empty());
}

TEST(ModelStructure, SunSpecLengthsMustCountTheRegistersThatFollow) {
  std::vector<std::uint16_t> holding(142, 0);
  auto set = [&](std::uint16_t address, std::uint16_t value) { holding[address - 40000] = value; };
  set(40003, 66);
  set(40071, 62);  // 40072..40133
  set(40135, 4);   // 40136..40139
  EXPECT_TRUE(check_model_structure(bms(), 40000, holding).empty());
  set(40071, 60);
  const auto issues = check_model_structure(bms(), 40000, holding);
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0].rule, RuleId::kIdentity);
}

}  // namespace
}  // namespace mbh::models
