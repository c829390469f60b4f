#include "models/map_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "harness/codec/values/value_decoders.hpp"
#include "models/map_catalog.hpp"
#include "models/map_json.hpp"
#include "models/rule_table.hpp"

namespace mbh::models {
namespace {

using ::testing::HasSubstr;

std::string dumped(const RegisterMap& map) {
  return map_json(map).dump();
}

// Loads `text`, failing the test with the loader's message where it is refused.
std::unique_ptr<const LoadedMap> loaded(std::string_view text) {
  auto result = load_map_text(text, "m.json");
  if (!result) {
    ADD_FAILURE() << result.error().text();
    return nullptr;
  }
  return std::move(result).value();
}

void expect_same_rows(const RegisterRow& a, const RegisterRow& b) {
  EXPECT_EQ(a.space, b.space);
  EXPECT_EQ(a.address, b.address);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.access, b.access);
  EXPECT_EQ(a.units, b.units);
  EXPECT_EQ(a.scale, b.scale);
  EXPECT_EQ(a.offset, b.offset);
  ASSERT_EQ(a.enums.size(), b.enums.size());
  for (std::size_t i = 0; i < a.enums.size(); ++i) {
    EXPECT_EQ(a.enums[i].value, b.enums[i].value);
    EXPECT_EQ(a.enums[i].name, b.enums[i].name);
  }
  ASSERT_EQ(a.bits.size(), b.bits.size());
  for (std::size_t i = 0; i < a.bits.size(); ++i) {
    EXPECT_EQ(a.bits[i].bit, b.bits[i].bit);
    EXPECT_EQ(a.bits[i].name, b.bits[i].name);
  }
  EXPECT_EQ(a.safety, b.safety);
  EXPECT_EQ(a.safety_reason, b.safety_reason);
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.no_command, b.no_command);
  EXPECT_EQ(a.rules_note, b.rules_note);
  EXPECT_EQ(a.display, b.display);
  EXPECT_EQ(a.fixed, b.fixed);
  EXPECT_EQ(a.nan_allowed, b.nan_allowed);
  EXPECT_EQ(a.event_severities, b.event_severities);
  EXPECT_EQ(a.note, b.note);
}

void expect_same_maps(const RegisterMap& a, const RegisterMap& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.document, b.document);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.port, b.port);
  EXPECT_EQ(a.first_unit, b.first_unit);
  EXPECT_EQ(a.last_unit, b.last_unit);
  EXPECT_EQ(a.unit_when_not_first, b.unit_when_not_first);
  EXPECT_EQ(a.note, b.note);
  EXPECT_TRUE(std::ranges::equal(a.functions, b.functions));
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    SCOPED_TRACE(a.rows[i].name);
    expect_same_rows(a.rows[i], b.rows[i]);
  }
  ASSERT_EQ(a.blocks.size(), b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    EXPECT_EQ(a.blocks[i].space, b.blocks[i].space);
    EXPECT_EQ(a.blocks[i].first, b.blocks[i].first);
    EXPECT_EQ(a.blocks[i].last, b.blocks[i].last);
    EXPECT_EQ(a.blocks[i].name, b.blocks[i].name);
  }
  ASSERT_EQ(a.rules.size(), b.rules.size());
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    EXPECT_EQ(a.rules[i].rule, b.rules[i].rule);
    EXPECT_EQ(a.rules[i].level, b.rules[i].level);
    EXPECT_EQ(a.rules[i].cell, b.rules[i].cell);
  }
  ASSERT_EQ(a.configuration.has_value(), b.configuration.has_value());
  if (a.configuration) {
    EXPECT_EQ(a.configuration->begin, b.configuration->begin);
    EXPECT_EQ(a.configuration->commit, b.configuration->commit);
    EXPECT_EQ(a.configuration->progress, b.configuration->progress);
    EXPECT_EQ(a.configuration->result, b.configuration->result);
    EXPECT_EQ(a.configuration->first, b.configuration->first);
    EXPECT_EQ(a.configuration->last, b.configuration->last);
  }
  EXPECT_EQ(a.structure, b.structure);
  EXPECT_EQ(a.answers_any_unit, b.answers_any_unit);
  EXPECT_EQ(a.simulation, b.simulation);
}

// A loaded map's address index holds every row of its space once, in address order.
void expect_rows_indexed(const RegisterMap& map) {
  for (const Space space : {Space::kHolding, Space::kInput}) {
    const auto& sorted = map.rows_by_address.at(static_cast<std::size_t>(space));
    std::size_t count = 0;
    for (const RegisterRow& row : map.rows) {
      if (row.space != space) continue;
      ++count;
      EXPECT_EQ(row_at(map, space, row.address), &row) << row.name;
    }
    EXPECT_EQ(sorted.size(), count);
    EXPECT_TRUE(std::ranges::is_sorted(sorted, {}, &RegisterRow::address));
  }
}

TEST(MapJson, KeepsTheKeysMapsJsonHasAlwaysPrintedInTheirOrder) {
  for (const RegisterMap* map : all_maps()) {
    SCOPED_TRACE(map->id);
    const auto json = map_json(*map);
    std::vector<std::string> keys;
    for (const auto& [key, value] : json.items())
      keys.push_back(key);
    ASSERT_GE(keys.size(), 9U);
    EXPECT_EQ(std::vector(keys.begin(), keys.begin() + 9),
              (std::vector<std::string>{"id", "title", "document", "port", "units", "default_unit",
                                        "rows", "blocks", "rules"}));
    std::vector<std::string> row_keys;
    for (const auto& [key, value] : json["rows"][0].items())
      row_keys.push_back(key);
    EXPECT_EQ(std::vector(row_keys.begin(), row_keys.begin() + 9),
              (std::vector<std::string>{"space", "address", "registers", "name", "type", "access",
                                        "units", "scale", "offset"}));
    EXPECT_EQ(json["rules"].size(), map->rules.size());
  }
}

TEST(MapJson, SummaryIsTheListEntry) {
  const auto json = map_summary_json(*all_maps()[0]);
  EXPECT_EQ(json.dump(), nlohmann::ordered_json(
                             {{"id", all_maps()[0]->id},
                              {"title", all_maps()[0]->title},
                              {"document", all_maps()[0]->document},
                              {"port", all_maps()[0]->port},
                              {"units", {all_maps()[0]->first_unit, all_maps()[0]->last_unit}},
                              {"default_unit", all_maps()[0]->first_unit},
                              {"rows", all_maps()[0]->rows.size()},
                              {"blocks", all_maps()[0]->blocks.size()}})
                             .dump());
}

TEST(MapFile, EveryBuiltInMapRoundTrips) {
  for (const RegisterMap* map : all_maps()) {
    SCOPED_TRACE(map->id);
    const std::string first = dumped(*map);
    const auto map_file = loaded(first);
    ASSERT_NE(map_file, nullptr);
    EXPECT_EQ(dumped(map_file->map()), first);
    expect_same_maps(*map, map_file->map());
    expect_rows_indexed(map_file->map());
    // As `maps NAME --json` prints it, indented.
    const auto printed = loaded(map_json(*map).dump(2));
    ASSERT_NE(printed, nullptr);
    EXPECT_EQ(dumped(printed->map()), first);
  }
}

// Every field a map may set, each set away from its default: the built-in maps need not set
// them all.
constexpr EnumEntry kModes[] = {{2, "two"}, {0, "zero"}};  // not in value order: kept as given
constexpr BitEntry kFlags[] = {{15, "high"}, {0, "low"}};
constexpr EnumEntry kCodes[] = {{4095, "int"}, {8065, "FP_01"}};
constexpr RegisterRow kEveryFieldRows[] = {
    {.space = Space::kHolding,
     .address = 0,
     .name = "Configuration Begin",
     .type = codec::kBoolean,
     .access = Access::kReadWrite,
     .units = "",
     .safety = SafetyClass::kCommand,
     .safety_reason = "the configuration sequence writes it",
     .command = true,
     .no_command = 0,
     .rules_note = "R-CONFIG"},
    {.space = Space::kHolding,
     .address = 1,
     .name = "Configuration Commit",
     .type = codec::kBoolean,
     .access = Access::kReadWrite,
     .units = "",
     .safety = SafetyClass::kCommand,
     .command = true},
    {.space = Space::kHolding,
     .address = 2,
     .name = "Mode",
     .type = codec::kUint16,
     .access = Access::kReadWrite,
     .units = "",
     .enums = kModes,
     .safety = SafetyClass::kSetting,
     .safety_reason = "restored"},
    {.space = Space::kHolding,
     .address = 3,
     .name = "Address",
     .type = codec::kUint32,
     .access = Access::kReadWrite,
     .units = "",
     .safety = SafetyClass::kConnectivity,
     .display = Display::kIpv4},
    {.space = Space::kInput,
     .address = 0,
     .name = "Progress",
     .type = codec::kBoolean,
     .access = Access::kRead,
     .units = ""},
    {.space = Space::kInput,
     .address = 1,
     .name = "Result",
     .type = codec::kSint32,
     .access = Access::kRead,
     .units = ""},
    {.space = Space::kInput,
     .address = 3,
     .name = "Model",
     .type = codec::kUint32,
     .access = Access::kRead,
     .units = "",
     .display = Display::kAscii,
     .fixed = 0x454C3231},
    {.space = Space::kInput,
     .address = 5,
     .name = "Flow",
     .type = codec::kFloat32,
     .access = Access::kRead,
     .units = "l/h",
     .scale = 0.5,
     .offset = -3.25,
     .nan_allowed = true},
    {.space = Space::kInput,
     .address = 7,
     .name = "Flags",
     .type = codec::kUint16,
     .access = Access::kRead,
     .units = "",
     .bits = kFlags,
     .fixed = 0xFFFF},
    {.space = Space::kInput,
     .address = 8,
     .name = "Events",
     .type = codec::kEventArray,
     .access = Access::kRead,
     .units = "",
     .enums = kCodes,
     .event_severities = "FW*",
     .note = "codes: the document's Error Codes table"},
    {.space = Space::kInput,
     .address = 72,
     .name = "Serial \"quoted\" \\ \u00e9",
     .type = codec::str(7),
     .access = Access::kRead,
     .units = ""},
};
constexpr Block kEveryFieldBlocks[] = {
    {Space::kInput, 0, 75, "Readings"},
    {Space::kHolding, 0, 4, "Settings"},
};
constexpr RuleApplication kEveryFieldRules[] = {
    {RuleId::kGap, Level::kMust, "MUST"},
    {RuleId::kEnum, std::nullopt, "n/a"},
    {RuleId::kConfig, Level::kShould, ""},
};
constexpr std::uint8_t kEveryFieldFunctions[] = {3, 4, 16, 0x2B};
const RegisterMap kEveryField{.id = "every-field",
                              .document = "every.pdf",
                              .title = "Every field set",
                              .port = 65535,
                              .first_unit = 0,
                              .last_unit = 255,
                              .rows = kEveryFieldRows,
                              .blocks = kEveryFieldBlocks,
                              .rules = kEveryFieldRules,
                              .configuration = ConfigurationSequence{0, 1, 0, 1, 2, 4},
                              .structure = ModelStructure::kSunSpec,
                              .answers_any_unit = true,
                              .simulation = "enapter-el21",
                              .functions = kEveryFieldFunctions,
                              .note = "transcribed from every.pdf",
                              .unit_when_not_first = 17};

TEST(MapFile, EveryFieldRoundTrips) {
  const std::string first = dumped(kEveryField);
  const auto json = nlohmann::json::parse(first);
  EXPECT_EQ(json["configuration"]["commit"], 1);
  EXPECT_EQ(json["structure"], "sunspec");
  EXPECT_EQ(json["answers_any_unit"], true);
  EXPECT_EQ(json["simulation"], "enapter-el21");
  EXPECT_EQ(json["note"], "transcribed from every.pdf");
  EXPECT_EQ(json["functions"], nlohmann::json::parse("[3, 4, 16, 43]"));
  EXPECT_EQ(json["rows"][9]["note"], "codes: the document's Error Codes table");
  EXPECT_EQ(json["rows"][6]["fixed"], 0x454C3231);
  EXPECT_EQ(json["rows"][7]["nan_allowed"], true);
  EXPECT_EQ(json["rows"][9]["event_severities"], "FW*");
  EXPECT_FALSE(json["rows"][0].contains("fixed"));
  EXPECT_FALSE(json["rows"][0].contains("nan_allowed"));
  EXPECT_FALSE(json["rows"][0].contains("event_severities"));
  const auto map_file = loaded(first);
  ASSERT_NE(map_file, nullptr);
  EXPECT_EQ(dumped(map_file->map()), first);
  expect_same_maps(kEveryField, map_file->map());
  expect_rows_indexed(map_file->map());
}

TEST(MapJson, PrintsTheOptionalFieldsOnlyWhereSet) {
  for (const RegisterMap* map : all_maps()) {
    SCOPED_TRACE(map->id);
    const auto json = map_json(*map);
    EXPECT_EQ(json.contains("configuration"), map->configuration.has_value());
    EXPECT_EQ(json.contains("structure"), map->structure != ModelStructure::kNone);
    EXPECT_EQ(json.contains("answers_any_unit"), map->answers_any_unit);
    EXPECT_EQ(json.contains("simulation"), !map->simulation.empty());
    for (std::size_t i = 0; i < map->rows.size(); ++i) {
      const auto& row = map->rows[i];
      EXPECT_EQ(json["rows"][i].contains("fixed"), row.fixed.has_value()) << row.name;
      EXPECT_EQ(json["rows"][i].contains("nan_allowed"), row.nan_allowed) << row.name;
      EXPECT_EQ(json["rows"][i].contains("event_severities"), !row.event_severities.empty());
    }
  }
}

static_assert(!std::is_copy_constructible_v<LoadedMap> && !std::is_move_constructible_v<LoadedMap>,
              "the map's views point into its storage");

// A small map file by hand, as a user would write one: defaults left out.
constexpr std::string_view kTiny = R"({
  "id": "tiny",
  "title": "A tiny map",
  "document": "tiny.pdf",
  "port": 1502,
  "units": [1, 2],
  "default_unit": 1,
  "rows": [
    {"space": "holding", "address": 0, "registers": 1, "name": "Mode", "type": "uint16",
     "access": "rw", "enum": {"1": "on", "0": "off"}, "safety": "setting", "safety_reason": "a setting"},
    {"space": "holding", "address": 1, "registers": 2, "name": "Flags", "type": "uint32",
     "access": "r", "bits": {"0": "ready", "31": "fault"}},
    {"space": "input", "address": 10, "registers": 2, "name": "Power", "type": "float32",
     "access": "r", "units": "W", "scale": 0.1, "offset": 0, "nan_allowed": true},
    {"space": "input", "address": 12, "registers": 4, "name": "Label", "type": "str8",
     "access": "r"}
  ],
  "blocks": [
    {"space": "holding", "first": 0, "last": 2, "name": "Settings"},
    {"space": "input", "first": 10, "last": 15, "name": "Readings"}
  ],
  "rules": [
    {"rule": "R-ENUM", "level": null, "cell": "n/a"},
    {"rule": "R-GAP", "level": "MUST"}
  ]
})";

TEST(MapFile, LoadsAHandWrittenMapWithItsDefaults) {
  const auto map_file = loaded(kTiny);
  ASSERT_NE(map_file, nullptr);
  const RegisterMap& map = map_file->map();
  EXPECT_EQ(map.id, "tiny");
  EXPECT_EQ(map.port, 1502);
  EXPECT_EQ(map.first_unit, 1);
  EXPECT_EQ(map.last_unit, 2);
  EXPECT_EQ(default_unit(map), 1);
  ASSERT_EQ(map.rows.size(), 4U);
  EXPECT_EQ(map.rows[0].safety, SafetyClass::kSetting);
  ASSERT_EQ(map.rows[0].enums.size(), 2U);
  EXPECT_EQ(map.rows[0].enums[0].value, 1U);  // the file's order, not the values'
  EXPECT_EQ(map.rows[0].enums[1].name, "off");
  EXPECT_EQ(map.rows[1].safety, SafetyClass::kReadOnly);
  EXPECT_EQ(map.rows[1].scale, 1.0);
  EXPECT_EQ(map.rows[1].units, "");
  EXPECT_EQ(map.rows[1].bits[1].bit, 31);
  EXPECT_EQ(map.rows[2].scale, 0.1);
  EXPECT_TRUE(map.rows[2].nan_allowed);
  EXPECT_EQ(map.rows[3].type, codec::str(8));
  EXPECT_FALSE(map.configuration.has_value());
  EXPECT_EQ(map.simulation, "");
  // Rules in RuleId order; a rule the file leaves out, like one given null, is not checked.
  ASSERT_EQ(map.rules.size(), 2U);
  EXPECT_EQ(map.rules[0].rule, RuleId::kGap);
  EXPECT_EQ(level_of(map, RuleId::kGap), Level::kMust);
  EXPECT_EQ(level_of(map, RuleId::kEnum), std::nullopt);
  EXPECT_EQ(level_of(map, RuleId::kBits), std::nullopt);
  expect_rows_indexed(map);
  EXPECT_EQ(row_at(map, Space::kHolding, 2), &map.rows[1]);
  EXPECT_EQ(row_at(map, Space::kInput, 16), nullptr);
}

// Register tables print enum values in hex as often as in decimal: both load, and the file
// written back says them in decimal.
TEST(MapFile, EnumValuesMayBeHex) {
  std::string text(kTiny);
  const std::string_view decimal = "\"1\": \"on\"";
  text.replace(text.find(decimal), decimal.size(), "\"0x01\": \"on\", \"0X00FF\": \"max\"");
  const auto map_file = loaded(text);
  ASSERT_NE(map_file, nullptr);
  const auto& values = map_file->map().rows[0].enums;
  ASSERT_EQ(values.size(), 3U);
  EXPECT_EQ(values[0].value, 1U);
  EXPECT_EQ(values[1].value, 255U);
  const auto written = nlohmann::json::parse(dumped(map_file->map()));
  EXPECT_EQ(written["rows"][0]["enum"]["255"], "max");
}

// A device that may be given any unit id of its range and comes as one inside it: the harness
// addresses that one unless told, and the file written back says so.
TEST(MapFile, ADefaultUnitInsideTheRangeIsKept) {
  std::string text(kTiny);
  text.replace(text.find("\"default_unit\": 1"), 17, "\"default_unit\": 2");
  const auto map_file = loaded(text);
  ASSERT_NE(map_file, nullptr);
  EXPECT_EQ(default_unit(map_file->map()), 2);
  EXPECT_EQ(map_file->map().first_unit, 1);
  const auto written = nlohmann::json::parse(dumped(map_file->map()));
  EXPECT_EQ(written["default_unit"], 2);
  EXPECT_EQ(written["units"], nlohmann::json::array({1, 2}));
}

// A map sending its numbers low word first, one row high word first: each row's type carries
// the order it is read in, and the file written back says the same in the same places.
TEST(MapFile, WordOrderOfTheMapAndOfARow) {
  std::string text(kTiny);
  text.replace(text.find("  \"rows\": ["), 0, "  \"word_order\": \"low_first\",\n");
  text.replace(text.find("\"nan_allowed\": true"), 0, "\"word_order\": \"high_first\", ");
  const auto map_file = loaded(text);
  ASSERT_NE(map_file, nullptr);
  const RegisterMap& map = map_file->map();
  EXPECT_EQ(map.word_order, codec::WordOrder::kLowFirst);
  EXPECT_EQ(map.rows[0].type, codec::kUint16);  // one register: no word order
  EXPECT_EQ(map.rows[1].type.word_order, codec::WordOrder::kLowFirst);
  EXPECT_EQ(map.rows[2].type.word_order, codec::WordOrder::kHighFirst);
  const std::string first = dumped(map);
  const auto json = nlohmann::json::parse(first);
  EXPECT_EQ(json["word_order"], "low_first");
  EXPECT_FALSE(json["rows"][1].contains("word_order"));
  EXPECT_EQ(json["rows"][2]["word_order"], "high_first");
  const auto again = loaded(first);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(dumped(again->map()), first);
  // The flags row's 0x80000001 (bits 31 and 0) comes low word first.
  const std::uint16_t low_first[] = {0x0001, 0x8000};
  const auto value = codec::decode_value(map.rows[1].type, low_first);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(std::get<std::uint32_t>(value.value()), 0x80000001U);
}

// ---- refusals: one case per kind of bad file ----

// Marks where the refusal must point in a case's text; removed before loading.
constexpr std::string_view kMark = "\u2038";

struct Edit {
  std::string_view from;  // "" replaces the whole text
  std::string_view to;
};

struct BadFile {
  const char* name;
  std::vector<Edit> edits;
  std::string field;
  std::string fragment;
};

void PrintTo(const BadFile& bad, std::ostream* out) {
  *out << bad.name;
}

// The case's text, and the offset of its mark.
std::pair<std::string, std::size_t> bad_text(const BadFile& bad) {
  std::string text(kTiny);
  for (const Edit& edit : bad.edits) {
    if (edit.from.empty()) {
      text = edit.to;
      continue;
    }
    const auto at = text.find(edit.from);
    EXPECT_NE(at, std::string::npos) << edit.from;
    EXPECT_EQ(text.find(edit.from, at + 1), std::string::npos) << "not unique: " << edit.from;
    if (at != std::string::npos) text.replace(at, edit.from.size(), edit.to);
  }
  const auto mark = text.find(kMark);
  EXPECT_NE(mark, std::string::npos) << "the case marks no position";
  if (mark != std::string::npos) text.erase(mark, kMark.size());
  return {text, mark};
}

// Line and column of `offset`, counted here independently of the loader: lines by '\n',
// columns in bytes from 1.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

class MapFileRefuses : public ::testing::TestWithParam<BadFile> {};

TEST_P(MapFileRefuses, AtTheFieldWithWhatWasExpected) {
  const BadFile& bad = GetParam();
  const auto [text, mark] = bad_text(bad);
  const auto result = load_map_text(text, "m.json");
  ASSERT_FALSE(result.ok()) << "loaded:\n" << text;
  const MapFileError error = result.error();
  const auto [line, column] = line_and_column(text, mark);
  EXPECT_EQ(error.file, "m.json");
  EXPECT_EQ(error.line, line) << error.text();
  EXPECT_EQ(error.column, column) << error.text();
  EXPECT_EQ(error.field, bad.field) << error.text();
  EXPECT_THAT(error.message, HasSubstr(bad.fragment)) << error.text();
  const std::string where = "m.json:" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  EXPECT_EQ(error.text(), where + (bad.field.empty() ? "" : bad.field + ": ") + error.message);
}

// clang-format off
const BadFile kBadFiles[] = {
    // The text as a whole.
    {"NotJson", {{"", "\u2038nonsense"}}, "", "invalid JSON: syntax error while parsing value - invalid literal"},
    {"Empty", {{"", "\u2038"}}, "", "invalid JSON"},
    {"MissingComma", {{"1502,\n  \"units\"", "1502\n  \u2038\"units\""}}, "", "invalid JSON"},
    {"NoCommaAfterANumber", {{"1502,\n  \"units\"", "1502\u2038\"x\",\n  \"units\""}}, "", "invalid JSON: syntax error while parsing object - unexpected string literal"},
    {"NumberRunsOn", {{"\"units\": [1, 2]", "\"units\": [1\u2038-2]"}}, "", "invalid JSON: syntax error while parsing array - unexpected number literal"},
    {"SecondComma", {{"\"units\": [1, 2]", "\"units\": [1,\u2038, 2]"}}, "", "invalid JSON"},
    {"TextAfterTheMap", {{"]\n}", "]\n} \u2038x"}}, "", "invalid JSON"},
    // nlohmann's lexer takes a NUL for the end of the text: what follows must not be ignored.
    {"TextAfterANul", {{"]\n}", std::string_view("]\n}\u2038\0x", 8)}}, "", "invalid JSON: a NUL byte"},
    {"UnterminatedString", {{"", "{\"id\": \u2038\"tiny"}}, "", "invalid JSON"},
    {"NumberTooLarge", {{"\"port\": 1502", "\"port\": \u20381e400"}}, "", "number overflow"},
    {"NotAnObject", {{"", "\u2038[1, 2]"}}, "", "expected a JSON object"},
    {"KeyTwice", {{"\"title\": \"A tiny map\",", "\"title\": \"A tiny map\", \u2038\"title\": \"again\","}}, "",
     "duplicate key \"title\" (first at line 3, column 3)"},
    {"NestedTooDeep", {{"\"title\": \"A tiny map\"", "\"title\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\u2038[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"}}, "",
     "nested deeper than 32 levels"},
    // The top level.
    {"UnknownKey", {{"\"title\": \"A", "\u2038\"titel\": \"A"}}, "titel",
     "unknown key \"titel\" (expected id, title, document, port, units, default_unit, rows, blocks, rules, "
     "functions, configuration, structure, answers_any_unit, simulation, word_order, note)"},
    {"UnknownKeyQuoted", {{"\"title\": \"A", "\u2038\"a.b\": 1, \"title\": \"A"}}, "\"a.b\"", "unknown key"},
    {"MissingKey", {{"{\n  \"id\"", "\u2038{\n  \"id\""}, {"  \"port\": 1502,\n", ""}}, "port",
     "missing (required: id, port, units, default_unit, rows, blocks, rules)"},
    {"WrongType", {{"\"title\": \"A tiny map\"", "\"title\": \u20385"}}, "title", "expected a string, got 5"},
    {"FunctionsEmpty", {{"\"default_unit\": 1,", "\"default_unit\": 1, \"functions\": \u2038[],"}}, "functions",
     "empty (expected the function codes the device implements"},
    {"FunctionZero", {{"\"default_unit\": 1,", "\"default_unit\": 1, \"functions\": [3, 4, \u20380],"}}, "functions[2]",
     "expected an integer 1..127, got 0"},
    {"FunctionAnException", {{"\"default_unit\": 1,", "\"default_unit\": 1, \"functions\": [3, 4, \u2038131],"}},
     "functions[2]", "expected an integer 1..127, got 131"},
    {"FunctionTwice", {{"\"default_unit\": 1,", "\"default_unit\": 1, \"functions\": [3, 4, \u20383],"}}, "functions[2]",
     "function 3 listed twice"},
    {"FunctionsWithoutTheRead", {{"\"default_unit\": 1,", "\"default_unit\": 1, \"functions\": \u2038[4, 16],"}},
     "functions", "the map has holding rows but not function 3 that reads them (expected 3 in the list)"},
    {"IdNotAnId", {{"\"id\": \"tiny\"", "\"id\": \u2038\"Tiny Map\""}}, "id",
     "\"Tiny Map\" is not a map id (expected 1..64 characters of a-z, 0-9 and '-')"},
    {"PortNotANumber", {{"\"port\": 1502", "\"port\": \u2038\"1502\""}}, "port",
     "expected an integer 1..65535, got \"1502\""},
    {"PortZero", {{"\"port\": 1502", "\"port\": \u20380"}}, "port", "expected an integer 1..65535, got 0"},
    {"UnitsNotAPair", {{"\"units\": [1, 2]", "\"units\": \u2038[1]"}}, "units", "expected [first, last]"},
    {"UnitOutOfRange", {{"\"units\": [1, 2]", "\"units\": [1, \u2038300]"}}, "units[1]",
     "expected an integer 0..255, got 300"},
    {"UnitsReversed", {{"\"units\": [1, 2]", "\"units\": [3, \u20382]"}}, "units[1]",
     "last unit 2 is below the first 3"},
    {"DefaultUnitOutsideTheUnits", {{"\"default_unit\": 1", "\"default_unit\": \u20383"}}, "default_unit",
     "3 is outside the units 1..2 (expected one of them)"},
    {"UnknownStructure", {{"  \"rules\": [", "  \"structure\": \u2038\"modbus\",\n  \"rules\": ["}}, "structure",
     "unknown value \"modbus\" (expected none, sunspec)"},
    {"AnswersAnyUnitNotBoolean", {{"  \"rules\": [", "  \"answers_any_unit\": \u2038\"yes\",\n  \"rules\": ["}},
     "answers_any_unit", "expected true or false, got \"yes\""},
    {"UnknownSimulation", {{"  \"rules\": [", "  \"simulation\": \u2038\"modicon\",\n  \"rules\": ["}}, "simulation",
     "unknown simulation \"modicon\" (expected \"\", conext-bms, conext-ags, enapter-el21)"},
    // Rows.
    {"RowNotAnObject", {{"{\"space\": \"input\", \"address\": 12", "\u2038[\"input\"], {\"space\": \"input\", \"address\": 12"}},
     "rows[3]", "expected an object, got an array"},
    {"RowUnknownKey", {{"\"name\": \"Flags\", \"type\"", "\"name\": \"Flags\", \u2038\"tpye\""}}, "rows[1].tpye",
     "unknown key \"tpye\" (expected space, address, registers, name, type, access, units, scale, offset, "
     "enum, bits, safety, safety_reason, command, no_command, rules_note, display, fixed, nan_allowed, "
     "event_severities, word_order, note)"},
    {"RowMissingKey", {{"{\"space\": \"holding\", \"address\": 1", "\u2038{\"space\": \"holding\", \"address\": 1"},
                       {" \"type\": \"uint32\",", ""}}, "rows[1].type", "missing (required: space, address"},
    {"UnknownSpace", {{"\"space\": \"input\", \"address\": 10", "\"space\": \u2038\"coils\", \"address\": 10"}},
     "rows[2].space", "unknown value \"coils\" (expected holding, input)"},
    {"AddressTooLarge", {{"\"address\": 10", "\"address\": \u203870000"}}, "rows[2].address",
     "expected an integer 0..65535, got 70000"},
    {"AddressNegative", {{"\"address\": 10", "\"address\": \u2038-1"}}, "rows[2].address",
     "expected an integer 0..65535, got -1"},
    {"AddressNotAnInteger", {{"\"address\": 10", "\"address\": \u203810.5"}}, "rows[2].address",
     "expected an integer 0..65535, got 10.5"},
    {"RegistersDisagreeWithType", {{"\"address\": 10, \"registers\": 2", "\"address\": 10, \"registers\": \u20381"}},
     "rows[2].registers", "1 does not match type float32 (expected 2)"},
    {"RowPastTheLastAddress", {{"\"address\": 12, \"registers\": 4", "\"address\": \u203865534, \"registers\": 4"}},
     "rows[3].address", "4 registers from 65534 run past address 65535"},
    {"EmptyName", {{"\"name\": \"Power\"", "\"name\": \u2038\"\""}}, "rows[2].name", "empty (expected a name)"},
    {"UnknownType", {{"\"type\": \"uint16\"", "\"type\": \u2038\"uint24\""}}, "rows[0].type",
     "unknown type \"uint24\" (expected uint16, sint16, uint32, sint32, uint64, uint128, float32, boolean, "
     "strN with N 1..250, event_array)"},
    {"StringTooLong", {{"\"registers\": 4, \"name\": \"Label\", \"type\": \"str8\"",
                        "\"registers\": 126, \"name\": \"Label\", \"type\": \u2038\"str251\""}},
     "rows[3].type", "unknown type \"str251\""},
    {"UnknownAccess", {{"\"access\": \"r\", \"units\": \"W\"", "\"access\": \u2038\"ro\", \"units\": \"W\""}},
     "rows[2].access", "unknown value \"ro\" (expected r, rw)"},
    {"UnitsNotAString", {{"\"units\": \"W\"", "\"units\": \u20385"}}, "rows[2].units", "expected a string, got 5"},
    {"ScaleZero", {{"\"scale\": 0.1", "\"scale\": \u20380"}}, "rows[2].scale",
     "expected a finite non-zero number, got 0"},
    {"OffsetNotANumber", {{"\"offset\": 0,", "\"offset\": \u2038\"0\","}}, "rows[2].offset",
     "expected a number, got \"0\""},
    {"EnumOnAFloat", {{"\"units\": \"W\",", "\"units\": \"W\", \u2038\"enum\": {\"1\": \"one\"},"}}, "rows[2].enum",
     "no enum on a float32 row (expected on uint16, sint16, uint32, sint32, uint64 and event_array rows)"},
    {"EnumValueNotDecimal", {{"\"0\": \"off\"", "\u2038\"00\": \"off\""}}, "rows[0].enum.00",
     "\"00\" is not a value of this row (expected a decimal raw value 0..65535, no leading zeros, or 0x and hex digits)"},
    {"EnumValueBadHex", {{"\"0\": \"off\"", "\u2038\"0x1G\": \"off\""}}, "rows[0].enum.0x1G",
     "\"0x1G\" is not a value of this row"},
    {"EnumHexTooLarge", {{"\"0\": \"off\"", "\u2038\"0x10000\": \"off\""}}, "rows[0].enum.0x10000",
     "expected a decimal raw value 0..65535"},
    {"EnumValueTwice", {{"\"0\": \"off\"", "\u2038\"0x1\": \"off\""}}, "rows[0].enum.0x1",
     "\"0x1\" is value 1, listed already"},
    {"EnumValueTooLarge", {{"\"0\": \"off\"", "\u2038\"65536\": \"off\""}}, "rows[0].enum.65536",
     "expected a decimal raw value 0..65535"},
    {"EnumNameEmpty", {{"\"1\": \"on\"", "\"1\": \u2038\"\""}}, "rows[0].enum.1", "empty (expected a name)"},
    {"EnumNameNotAString", {{"\"1\": \"on\"", "\"1\": \u2038{\"deep\": [[1]]}"}}, "rows[0].enum.1",
     "expected a string, got an object"},
    {"BitPastTheWidth", {{"\"31\": \"fault\"", "\u2038\"32\": \"fault\""}}, "rows[1].bits.32",
     "\"32\" is not a bit of a uint32 (expected 0..31, no leading zeros)"},
    {"BitsOnAString", {{"\"type\": \"str8\",", "\"type\": \"str8\", \u2038\"bits\": {\"0\": \"x\"},"}},
     "rows[3].bits", "no bits on a str8 row"},
    {"SafetyOnAReadOnlyRow", {{"\"access\": \"r\", \"bits\"", "\"access\": \"r\", \u2038\"safety\": \"setting\", \"bits\""}},
     "rows[1].safety", "safety is only for rw rows (this row's access is r)"},
    {"UnknownSafety", {{"\"safety\": \"setting\"", "\"safety\": \u2038\"harmless\""}}, "rows[0].safety",
     "unknown value \"harmless\" (expected setting, actuating, destructive, connectivity, clock, command)"},
    {"CommandOnAReadOnlyRow", {{"\"access\": \"r\", \"bits\"", "\"access\": \"r\", \u2038\"command\": true, \"bits\""}},
     "rows[1].command", "command is only for rw rows (this row's access is r)"},
    {"CommandNotBoolean", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \"command\": \u2038\"yes\""}},
     "rows[0].command", "expected true or false, got \"yes\""},
    {"CommandOfTwoRegisters", {{"\"access\": \"r\", \"bits\"", "\"access\": \"rw\", \u2038\"command\": true, \"bits\""}},
     "rows[1].command", "a command register is one register (an order is one value), this row has 2"},
    {"NoCommandOnASetting", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \u2038\"no_command\": 0"}},
     "rows[0].no_command", "no_command is only for command registers"},
    {"NoCommandTooLarge", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \"command\": true, \"no_command\": \u203865536"}},
     "rows[0].no_command", "expected an integer 0..65535"},
    {"SafetyReasonNotAString", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \u2038true"}},
     "rows[0].safety_reason", "expected a string, got true"},
    {"RulesNoteNotAString", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \"rules_note\": \u2038null"}},
     "rows[0].rules_note", "expected a string, got null"},
    {"Ipv4OnAUint16", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \"display\": \u2038\"ipv4\""}},
     "rows[0].display", "ipv4 is for uint32 rows, not uint16"},
    {"AsciiOnAFloat", {{"\"nan_allowed\": true", "\"nan_allowed\": true, \"display\": \u2038\"ascii\""}},
     "rows[2].display", "ascii is for uint16 and uint32 rows, not float32"},
    {"UnknownDisplay", {{"\"nan_allowed\": true", "\"nan_allowed\": true, \"display\": \u2038\"hex\""}},
     "rows[2].display", "unknown value \"hex\" (expected number, ipv4, ascii)"},
    {"FixedTooLarge", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \"fixed\": \u203865536"}},
     "rows[0].fixed", "expected an integer 0..65535, got 65536"},
    {"FixedOnAFloat", {{"\"nan_allowed\": true", "\u2038\"fixed\": 1, \"nan_allowed\": true"}}, "rows[2].fixed",
     "no fixed value on a float32 row (expected on integer rows)"},
    {"NanAllowedOnAnInteger", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \u2038\"nan_allowed\": false"}},
     "rows[0].nan_allowed", "only float32 rows may read NaN, not uint16"},
    {"NanAllowedNotBoolean", {{"\"nan_allowed\": true", "\"nan_allowed\": \u20381"}}, "rows[2].nan_allowed",
     "expected true or false, got 1"},
    {"SeveritiesOnAnInteger", {{"\"safety_reason\": \"a setting\"", "\"safety_reason\": \"a setting\", \u2038\"event_severities\": \"W\""}},
     "rows[0].event_severities", "only event_array rows have severities, not uint16"},
    {"RowsOverlap", {{"\"address\": 1, \"registers\": 2", "\"address\": \u20380, \"registers\": 2"}}, "rows[1].address",
     "rows[1] \"Flags\" (holding 0..1) overlaps rows[0] \"Mode\" (holding 0..0)"},
    // Blocks.
    {"BlockUnknownKey", {{"\"first\": 0, \"last\": 2,", "\"first\": 0, \u2038\"end\": 2,"}}, "blocks[0].end",
     "unknown key \"end\" (expected space, first, last, name)"},
    {"BlockReversed", {{"\"first\": 0, \"last\": 2", "\"first\": 2, \"last\": \u20380"}}, "blocks[0].last",
     "0 is before first 2 (expected first <= last)"},
    {"BlockNameMissing", {{"{\"space\": \"input\", \"first\": 10", "\u2038{\"space\": \"input\", \"first\": 10"},
                          {", \"name\": \"Readings\"", ""}}, "blocks[1].name", "missing (required: space, first, last, name)"},
    {"BlocksOverlap", {{"\"name\": \"Readings\"}", "\"name\": \"Readings\"},\n    {\"space\": \"input\", \"first\": \u203815, \"last\": 20, \"name\": \"More\"}"}},
     "blocks[2].first", "blocks[2] \"More\" (input 15..20) overlaps blocks[1] \"Readings\" (input 10..15)"},
    {"BlockWithoutRows", {{"\"name\": \"Readings\"}", "\"name\": \"Readings\"},\n    \u2038{\"space\": \"holding\", \"first\": 100, \"last\": 101, \"name\": \"Empty\"}"}},
     "blocks[2]", "blocks[2] \"Empty\" (holding 100..101) holds no row (expected at least one row in every block)"},
    {"RowInNoBlock", {{"\"first\": 10, \"last\": 15", "\"first\": 11, \"last\": 15"}, {"\"address\": 10,", "\"address\": \u203810,"}},
     "rows[2].address", "rows[2] \"Power\" (input 10..11) lies in no block"},
    {"RowPastTheEndOfItsBlock", {{"\"first\": 0, \"last\": 2", "\"first\": 0, \"last\": 1"}, {"\"address\": 1,", "\"address\": \u20381,"}},
     "rows[1].address", "rows[1] \"Flags\" (holding 1..2) runs past the end of blocks[0] \"Settings\" (holding 0..1)"},
    // Rules.
    {"RuleNotAnObject", {{"{\"rule\": \"R-GAP\", \"level\": \"MUST\"}", "\u2038\"R-GAP\""}}, "rules[1]",
     "expected an object, got \"R-GAP\""},
    {"UnknownRule", {{"\"rule\": \"R-GAP\"", "\"rule\": \u2038\"R-GAPS\""}}, "rules[1].rule",
     "unknown rule \"R-GAPS\" (expected R-VALID-READ, R-PARTIAL-32, "},
    {"UnknownLevel", {{"\"level\": \"MUST\"", "\"level\": \u2038\"MAY\""}}, "rules[1].level",
     "unknown level \"MAY\" (expected \"MUST\", \"SHOULD\", \"EITHER\" or null"},
    {"LevelMissing", {{"{\"rule\": \"R-GAP\"", "\u2038{\"rule\": \"R-GAP\""}, {", \"level\": \"MUST\"", ""}}, "rules[1].level",
     "missing (required: rule, level)"},
    {"RuleTwice", {{"\"rule\": \"R-GAP\"", "\"rule\": \u2038\"R-ENUM\""}}, "rules[1].rule",
     "R-ENUM is listed twice (first in rules[0])"},
    // The configuration sequence.
    {"ConfigurationFieldMissing", {{"  \"rules\": [", "  \"configuration\": \u2038{\"begin\": 0, \"commit\": 0, \"progress\": 10, \"result\": 10, \"first\": 0},\n  \"rules\": ["}},
     "configuration.last", "missing (required: begin, commit, progress, result, first, last)"},
    {"ConfigurationBeginNotWritable", {{"  \"rules\": [", "  \"configuration\": {\"begin\": \u20381, \"commit\": 0, \"progress\": 10, \"result\": 10, \"first\": 0, \"last\": 2},\n  \"rules\": ["}},
     "configuration.begin", "1 is not the address of an rw holding row"},
    {"ConfigurationResultNotAnInputRow", {{"  \"rules\": [", "  \"configuration\": {\"begin\": 0, \"commit\": 0, \"progress\": 10, \"result\": \u203811, \"first\": 0, \"last\": 2},\n  \"rules\": ["}},
     "configuration.result", "11 is not the address of an input row"},
    {"ConfigurationCoversNoRow", {{"  \"rules\": [", "  \"configuration\": {\"begin\": 0, \"commit\": 0, \"progress\": 10, \"result\": 10, \"first\": \u20383, \"last\": 65535},\n  \"rules\": ["}},
     "configuration.first", "3..65535 holds no holding row"},
    {"ConfigurationReversed", {{"  \"rules\": [", "  \"configuration\": {\"begin\": 0, \"commit\": 0, \"progress\": 10, \"result\": 10, \"first\": 2, \"last\": \u20381},\n  \"rules\": ["}},
     "configuration.last", "1 is before first 2 (expected first <= last)"},
    // Word order.
    {"WordOrderOnOneRegister", {{"\"name\": \"Mode\", \"type\": \"uint16\",", "\"name\": \"Mode\", \"type\": \"uint16\", \u2038\"word_order\": \"low_first\","}},
     "rows[0].word_order", "only numbers of several registers (uint32, sint32, uint64, uint128, float32) have a word order, not uint16"},
    {"WordOrderUnknown", {{"  \"rows\": [", "  \"word_order\": \u2038\"middle\",\n  \"rows\": ["}},
     "word_order", "unknown value \"middle\" (expected high_first, low_first)"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(BadFiles, MapFileRefuses, ::testing::ValuesIn(kBadFiles),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(MapFileError, TextNamesFileLineColumnAndField) {
  EXPECT_EQ((MapFileError{"m.json", 12, 17, "rows[3].type", "unknown type \"uint24\""}).text(),
            "m.json:12:17: rows[3].type: unknown type \"uint24\"");
  EXPECT_EQ((MapFileError{"m.json", 1, 1, "", "invalid JSON: x"}).text(),
            "m.json:1:1: invalid JSON: x");
  EXPECT_EQ((MapFileError{"m.json", 0, 0, "", "is a directory"}).text(), "m.json: is a directory");
}

// A position read off kTiny by eye: line 5 is `  "port": 1502,`, its value at column 11.
TEST(MapFileError, CountsLinesAndColumnsFromOne) {
  std::string text(kTiny);
  text.replace(text.find("1502"), 4, "0");
  const auto result = load_map_text(text, "m.json");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().line, 5U);
  EXPECT_EQ(result.error().column, 11U);
  EXPECT_EQ(result.error().field, "port");
}

// ---- files ----

class MapFileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mbh-map-file-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const char* name, std::string_view text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(MapFileOnDisk, LoadsAFile) {
  const auto result = load_map_file(write("tiny.json", kTiny));
  ASSERT_TRUE(result.ok()) << result.error().text();
  EXPECT_EQ(result.value()->map().id, "tiny");
}

TEST_F(MapFileOnDisk, NamesTheFileInItsErrors) {
  const auto path = write("bad.json", "{\"id\": 1,}");
  const auto result = load_map_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().text(), HasSubstr(path.string() + ":1:10: invalid JSON: "));
}

TEST_F(MapFileOnDisk, RefusesAMissingFile) {
  const auto result = load_map_file(dir_ / "absent.json");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().line, 0U);
  EXPECT_THAT(result.error().message, HasSubstr("cannot open: No such file or directory"));
}

TEST_F(MapFileOnDisk, RefusesADirectory) {
  const auto result = load_map_file(dir_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().line, 0U);
  EXPECT_EQ(result.error().message, "is a directory");
}

TEST_F(MapFileOnDisk, RefusesAFileOverTheLimitUnparsed) {
  const auto path = write("huge.json", kTiny);
  std::filesystem::resize_file(path, kMaxMapFileBytes + 1);
  const auto result = load_map_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().line, 0U);
  EXPECT_THAT(result.error().message, HasSubstr("larger than 16 MiB"));
  // At the limit it is read, and refused for what it holds: NUL bytes after the map.
  std::filesystem::resize_file(path, kMaxMapFileBytes);
  const auto at_limit = load_map_file(path);
  ASSERT_FALSE(at_limit.ok());
  EXPECT_EQ(at_limit.error().message, "invalid JSON: a NUL byte");
  EXPECT_EQ(at_limit.error().line, 26U);  // just after kTiny's closing brace
  EXPECT_EQ(at_limit.error().column, 2U);
}

// The fuzz target's seeds are map files that load, so that the fuzzer starts from the inside.
TEST(MapFile, TheFuzzSeedsLoad) {
  std::size_t seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MBH_MAP_FILE_SEEDS)) {
    SCOPED_TRACE(entry.path().string());
    const auto result = load_map_file(entry.path());
    EXPECT_TRUE(result.ok()) << result.error().text();
    ++seeds;
  }
  EXPECT_GE(seeds, 4U);
}

// ---- properties ----

// Refused with a position inside the text and a message, or loaded such that writing it and
// loading that again gives the same JSON.
void check_loads_or_refuses(const std::string& text) {
  const auto result = load_map_text(text, "m.json");
  RC_TAG(result.ok() ? "loaded" : "refused");
  if (!result) {
    const MapFileError error = result.error();
    RC_ASSERT(error.line >= 1U);
    RC_ASSERT(error.column >= 1U);
    RC_ASSERT(!error.message.empty());
    const auto lines = 1U + static_cast<std::size_t>(std::ranges::count(text, '\n'));
    RC_ASSERT(error.line <= lines);
    return;
  }
  const std::string first = dumped(result.value()->map());
  const auto again = load_map_text(first, "again.json");
  RC_ASSERT(again.ok());
  RC_ASSERT(dumped(again.value()->map()) == first);
}

RC_GTEST_PROP(MapFileProperty, AnyBytesAreRefusedAtAPositionOrRoundTrip, ()) {
  // Arbitrary bytes, and bytes of JSON's own alphabet, which get further into the parser.
  const auto json_char =
      rc::gen::elementOf(std::string_view("{}[]\",:0123456789.-eEtrufalsn \n\\"));
  check_loads_or_refuses(*rc::gen::weightedOneOf<std::string>(
      {{1, rc::gen::arbitrary<std::string>()}, {3, rc::gen::container<std::string>(json_char)}}));
}

// Drops one key (and its value) anywhere in the document.
void drop_a_key(nlohmann::ordered_json& json, std::size_t pick) {
  std::vector<std::pair<nlohmann::ordered_json*, std::string>> keys;
  std::vector<nlohmann::ordered_json*> todo{&json};
  while (!todo.empty()) {
    auto* value = todo.back();
    todo.pop_back();
    if (value->is_object()) {
      for (auto it = value->begin(); it != value->end(); ++it) {
        keys.emplace_back(value, it.key());
        todo.push_back(&it.value());
      }
    } else if (value->is_array()) {
      for (auto& element : *value)
        todo.push_back(&element);
    }
  }
  const auto& [object, key] = keys.at(pick % keys.size());
  object->erase(key);
}

RC_GTEST_PROP(MapFileProperty, MutatedBuiltInMapsAreRefusedAtAPositionOrRoundTrip, ()) {
  const auto* map =
      *rc::gen::elementOf(std::vector<const RegisterMap*>(all_maps().begin(), all_maps().end()));
  const bool indented = *rc::gen::arbitrary<bool>();
  std::string text = indented ? map_json(*map).dump(2) : map_json(*map).dump();
  const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
  switch (*rc::gen::inRange(0, 3)) {
    case 0:  // delete a character
      text.erase(at, 1);
      break;
    case 1: {  // change a digit
      const auto digit = text.find_first_of("0123456789", at);
      if (digit != std::string::npos)
        text[digit] = *rc::gen::inRange('0', static_cast<char>('9' + 1));
      break;
    }
    default: {  // drop a key
      auto json = map_json(*map);
      drop_a_key(json, *rc::gen::arbitrary<std::size_t>());
      text = json.dump(indented ? 2 : -1);
      break;
    }
  }
  check_loads_or_refuses(text);
}

}  // namespace
}  // namespace mbh::models
