// Holds each model, row by row, against the vendor document it transcribes (read independently
// by spec_document_reader), with the places where RULES.md decides what the document leaves
// open written out as explicit overrides.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "models/map_file.hpp"
#include "models/readout.hpp"
#include "tests/models/spec_document_reader.hpp"

namespace mbh::models {
namespace {

namespace fs = std::filesystem;
using spec::DocumentRow;
using spec::SpecDocument;

const fs::path& specs_dir() {
  static const fs::path dir{MBH_SPECS_DIR};
  return dir;
}

// The built-in maps as their files in the repository hold them (builtin_map_files_test checks
// that what is compiled in is these files), loaded once each.
const RegisterMap& file_map(const std::string& file) {
  static std::map<std::string, std::unique_ptr<const LoadedMap>> loaded;
  static const RegisterMap unreadable{};
  auto& slot = loaded[file];
  if (!slot) {
    auto map = load_map_file(fs::path(MBH_MAP_FILES_DIR) / file);
    if (!map) {
      ADD_FAILURE() << map.error().text();
      return unreadable;
    }
    slot = std::move(map.value());
  }
  return slot->map();
}
const RegisterMap& conext_bms_file() {
  return file_map("conext-bms.json");
}
const RegisterMap& conext_ags_file() {
  return file_map("conext-ags.json");
}
const RegisterMap& enapter_el21_file() {
  return file_map("enapter-el21.json");
}

std::string space_name(Space space) {
  return space == Space::kHolding ? "holding" : "input";
}

std::string describe(const DocumentRow& row) {
  std::ostringstream text;
  text << space_name(row.space) << ' ' << row.address << " (0x" << std::hex << row.address
       << std::dec << ") \"" << row.name << "\", document line " << row.line;
  return text.str();
}

// What the model row must hold for one document row: the document's own values, with RULES.md's
// decisions applied on top by the map's override function below.
struct ExpectedValue {
  std::uint32_t value;
  std::optional<std::string> name;  // nullopt: an entry RULES.md adds, its text not checked
};
struct Expected {
  double scale = 1.0;
  double offset = 0.0;
  std::vector<ExpectedValue> values;
  std::vector<spec::DocumentBit> bits;
  bool rules_note = false;  // RULES.md decides something for this row; the row must say so
};

Expected from_document(const DocumentRow& row) {
  Expected expected;
  // A blank Scale / Offset is the identity (RULES.md: physical value = raw x Scale + Offset).
  expected.scale = row.scale.value_or(1.0);
  expected.offset = row.offset.value_or(0.0);
  for (const spec::DocumentValue& value : row.values) {
    expected.values.push_back({value.value, value.name});
  }
  expected.bits = row.bits;
  return expected;
}

Expected expected_conext_bms(const DocumentRow& row) {
  Expected expected = from_document(row);
  if (row.section == "2.4") {
    // RULES.md R-BITS: 2.4 bit27 "Reserved" counts as undefined, so the model does not list it.
    const auto reserved = std::find_if(expected.bits.begin(), expected.bits.end(),
                                       [](const spec::DocumentBit& bit) { return bit.bit == 27; });
    EXPECT_TRUE(reserved != expected.bits.end() && reserved->name == "Reserved")
        << "the document's bit27 is no longer \"Reserved\"";
    if (reserved != expected.bits.end()) expected.bits.erase(reserved);
  }
  if (row.address == 40020) {
    // RULES.md: the document names 40004 and 40020 both "Manufacturer Name"; 40020 is SunSpec's
    // Model (Md) field. The model keeps the document's name and says so in its note.
    EXPECT_EQ(row.name, "Manufacturer Name");
    expected.rules_note = true;
  }
  return expected;
}

Expected expected_conext_ags(const DocumentRow& row) {
  Expected expected = from_document(row);
  // RULES.md: Reg. No. = Reg. Addr. + 1; a mismatch means the reader (or the PDF) is off.
  EXPECT_EQ(row.register_number, row.address + 1u) << describe(row);
  switch (row.address) {
    case 0x0061:  // Generator Type: "Only Generator types 1 through 14 are supported."
      // RULES.md: counts as enumerated with the values 1..14 its note allows (names not given).
      EXPECT_NE(row.notes.find("1 through 14"), std::string::npos) << row.notes;
      EXPECT_TRUE(row.values.empty());
      expected.values.clear();
      for (std::uint32_t value = 1; value <= 14; ++value) {
        expected.values.push_back({value, std::nullopt});
      }
      expected.rules_note = true;
      break;
    case 0x004E:  // Reset
      // RULES.md R-ENUM: a command register may also read 0; the notes list 0=Reboot already.
      EXPECT_TRUE(!row.values.empty() && row.values.front().value == 0);
      expected.rules_note = true;
      break;
    case 0x004F:  // Clear (section 2.8)
    case 0x0082:  // Refresh Configuration Data ("1=Refresh")
      // RULES.md R-ENUM: a command register may also read 0, which the document does not list.
      expected.values.insert(expected.values.begin(), {0, std::nullopt});
      expected.rules_note = true;
      break;
    case 0x006A:  // Maximum Generator Run Time, printed "hours 0.0166670.0"
      // RULES.md: scale 0.016667 (hours from minutes), offset 0.
      EXPECT_EQ(row.scale_text, "0.016667");
      EXPECT_EQ(row.offset_text, "0.0");
      expected.scale = 0.016667;
      expected.offset = 0.0;
      expected.rules_note = true;
      break;
    case 0x006E:  // Generator Start Tries, printed "1.0 1.0"
      // RULES.md: the offset really is 1.0 (physical = raw + 1), not a misprint of 0.0.
      EXPECT_EQ(row.offset_text, "1.0");
      expected.offset = 1.0;
      expected.rules_note = true;
      break;
    default:
      break;
  }
  return expected;
}

Expected expected_enapter_el21(const DocumentRow& row) {
  Expected expected = from_document(row);  // no Scale / Offset columns: 1 and 0
  if (row.type == codec::kBoolean) {
    // RULES.md R-ENUM: Boolean registers are not enumerated (0 false, anything else true),
    // although their comments say what 1 and 0 mean.
    expected.values.clear();
  }
  if (row.space == Space::kInput &&
      (row.address == 768 || row.address == 832 || row.address == 1008)) {
    // RULES.md R-EVENTS (which codes each event array holds) and R-RANGE (H2 Flow Rate is NaN
    // while not producing) read these rows; each says so in its note.
    expected.rules_note = true;
  }
  return expected;
}

using ExpectedFor = Expected (*)(const DocumentRow&);

const RegisterRow* model_row(const RegisterMap& map, Space space, std::uint16_t address) {
  for (const RegisterRow& row : map.rows) {
    if (row.space == space && row.address == address) return &row;
  }
  return nullptr;
}

const DocumentRow* document_row(const SpecDocument& doc, Space space, std::uint16_t address) {
  for (const DocumentRow& row : doc.rows) {
    if (row.space == space && row.address == address) return &row;
  }
  return nullptr;
}

std::string listing(std::span<const EnumEntry> entries) {
  std::string text;
  for (const EnumEntry& entry : entries) {
    text += std::to_string(entry.value) + "=" + std::string(entry.name) + "; ";
  }
  return text;
}

std::string listing(const std::vector<ExpectedValue>& values) {
  std::string text;
  for (const ExpectedValue& value : values) {
    text += std::to_string(value.value) + "=" + value.name.value_or("(any)") + "; ";
  }
  return text;
}

void expect_row_matches(const RegisterRow& model, const DocumentRow& doc,
                        const Expected& expected) {
  SCOPED_TRACE(describe(doc));
  EXPECT_EQ(spec::fold_whitespace(model.name), doc.name);
  ASSERT_TRUE(doc.type.has_value()) << "type " << doc.type_text;
  EXPECT_EQ(spec::type_name(model.type), spec::type_name(*doc.type));
  ASSERT_TRUE(doc.access.has_value()) << "access " << doc.access_text;
  EXPECT_EQ(model.access == Access::kRead ? "r" : "rw",
            std::string(*doc.access == Access::kRead ? "r" : "rw"));
  EXPECT_EQ(model.units, doc.units);
  EXPECT_DOUBLE_EQ(model.scale, expected.scale);
  EXPECT_DOUBLE_EQ(model.offset, expected.offset);

  if (model.enums.size() != expected.values.size()) {
    ADD_FAILURE() << "values: model " << listing(model.enums) << " document "
                  << listing(expected.values);
  } else {
    for (std::size_t i = 0; i < expected.values.size(); ++i) {
      EXPECT_EQ(model.enums[i].value, expected.values[i].value) << "value #" << i;
      if (expected.values[i].name) {
        EXPECT_EQ(spec::fold_whitespace(model.enums[i].name), *expected.values[i].name)
            << "value " << expected.values[i].value;
      }
    }
  }

  if (model.bits.size() != expected.bits.size()) {
    ADD_FAILURE() << "bits: model has " << model.bits.size() << ", document "
                  << expected.bits.size();
  } else {
    for (std::size_t i = 0; i < expected.bits.size(); ++i) {
      EXPECT_EQ(model.bits[i].bit, expected.bits[i].bit) << "bit #" << i;
      EXPECT_EQ(spec::fold_whitespace(model.bits[i].name), expected.bits[i].name)
          << "bit " << expected.bits[i].bit;
    }
  }

  EXPECT_EQ(!model.rules_note.empty(), expected.rules_note)
      << "rules_note \"" << model.rules_note << "\"";
}

// Every document row is in the model with the document's values, in the document's order, and
// the model has no row the document lacks.
void expect_model_matches_document(const RegisterMap& map, const SpecDocument& doc,
                                   ExpectedFor expected_for) {
  EXPECT_EQ(map.rows.size(), doc.rows.size());
  for (const DocumentRow& doc_row : doc.rows) {
    const RegisterRow* row = model_row(map, doc_row.space, doc_row.address);
    if (row == nullptr) {
      ADD_FAILURE() << "document row missing from the model: " << describe(doc_row);
      continue;
    }
    expect_row_matches(*row, doc_row, expected_for(doc_row));
  }
  for (const RegisterRow& row : map.rows) {
    EXPECT_NE(document_row(doc, row.space, row.address), nullptr)
        << "model row not in the document: " << space_name(row.space) << ' ' << row.address << " \""
        << row.name << '"';
  }
  // Order: the model's rows, located in the document, come in the document's order.
  const DocumentRow* previous = nullptr;
  for (const RegisterRow& row : map.rows) {
    const DocumentRow* current = document_row(doc, row.space, row.address);
    if (current == nullptr) continue;
    if (previous != nullptr) {
      EXPECT_LT(previous, current) << "out of the document's order: " << describe(*current)
                                   << " after " << describe(*previous);
    }
    previous = current;
  }
}

// Every enumeration section is used by some row, so the row checks above cover each one.
void expect_every_section_referenced(const SpecDocument& doc) {
  EXPECT_FALSE(doc.sections.empty());
  for (const spec::DocumentSection& section : doc.sections) {
    const bool used = std::any_of(doc.rows.begin(), doc.rows.end(), [&](const DocumentRow& row) {
      return row.section == section.number;
    });
    EXPECT_TRUE(used) << "section " << section.number << " " << section.title;
    EXPECT_TRUE(section.values.empty() != section.bits.empty())
        << "section " << section.number << " should list values or bits";
  }
}

struct Extent {
  Space space;
  std::uint32_t first;
  std::uint32_t last;
};

std::uint32_t last_address(const DocumentRow& row) {
  return row.address + static_cast<std::uint32_t>(row.type->register_count()) - 1;
}

// Runs of contiguous rows per space; an event array is a block of its own (RULES.md).
std::vector<Extent> contiguous_runs(const SpecDocument& doc) {
  std::vector<Extent> runs;
  bool previous_isolated = false;
  for (const DocumentRow& row : doc.rows) {
    const bool isolated = row.type == codec::kEventArray;
    if (!runs.empty() && !isolated && !previous_isolated && runs.back().space == row.space &&
        runs.back().last + 1 == row.address) {
      runs.back().last = last_address(row);
    } else {
      runs.push_back({row.space, row.address, last_address(row)});
    }
    previous_isolated = isolated;
  }
  return runs;
}

void expect_blocks(const RegisterMap& map, const std::vector<Extent>& expected) {
  ASSERT_EQ(map.blocks.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("block #" + std::to_string(i) + " \"" + std::string(map.blocks[i].name) + "\"");
    EXPECT_EQ(space_name(map.blocks[i].space), space_name(expected[i].space));
    EXPECT_EQ(map.blocks[i].first, expected[i].first);
    EXPECT_EQ(map.blocks[i].last, expected[i].last);
  }
}

std::string problems_of(const SpecDocument& doc) {
  std::string text;
  for (const std::string& problem : doc.problems)
    text += problem + "\n";
  return text;
}

class ModelTranscriptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(specs_dir())) {
      GTEST_SKIP() << "the vendor documents are not at " << specs_dir();
    }
  }

  static SpecDocument load(std::string_view file, SpecDocument (*reader)(std::string_view)) {
    const std::optional<std::string> text = spec::read_text_file(specs_dir() / file);
    if (!text) {
      SpecDocument missing;
      missing.problems.push_back("cannot read " + (specs_dir() / file).string());
      return missing;
    }
    return reader(*text);
  }
};

// --- conext-bms ----------------------------------------------------------------------------------

TEST_F(ModelTranscriptionTest, ConextBmsRowsMatchTheDocument) {
  const SpecDocument doc = load("conext-gateway-li-ion-bms-modbus-map.md", spec::read_conext_bms);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  ASSERT_FALSE(doc.rows.empty());
  expect_model_matches_document(conext_bms_file(), doc, expected_conext_bms);
  expect_every_section_referenced(doc);
  EXPECT_EQ(doc.sections.size(), 6u);  // 2.1 .. 2.6
}

TEST_F(ModelTranscriptionTest, ConextBmsBlocksAreTheDocumentsTables) {
  const SpecDocument doc = load("conext-gateway-li-ion-bms-modbus-map.md", spec::read_conext_bms);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  // One block per table (a blank row ends a table: the sections, and the Battery Base Model's
  // restarts after 40078 and 40115, RULES.md "BMS block splits"); within a table, contiguous.
  std::vector<Extent> tables;
  std::vector<std::string> headings;
  int table = -1;
  for (const DocumentRow& row : doc.rows) {
    if (row.table != table) {
      table = row.table;
      tables.push_back({row.space, row.address, last_address(row)});
      headings.push_back(row.heading);
      continue;
    }
    EXPECT_EQ(tables.back().last + 1, row.address) << "not contiguous: " << describe(row);
    tables.back().last = last_address(row);
  }
  expect_blocks(conext_bms_file(), tables);
  const RegisterMap& map = conext_bms_file();
  for (std::size_t i = 0; i < std::min(headings.size(), map.blocks.size()); ++i) {
    EXPECT_EQ(map.blocks[i].name.substr(0, headings[i].size()), headings[i]);
  }
  // RULES.md names the two restarts of the Battery Base Model table.
  ASSERT_EQ(tables.size(), 7u);
  EXPECT_EQ(tables[2].last, 40078u);
  EXPECT_EQ(tables[3].first, 40079u);
  EXPECT_EQ(tables[3].last, 40115u);
  EXPECT_EQ(tables[4].first, 40116u);
}

TEST_F(ModelTranscriptionTest, ConextBmsConnectionSettings) {
  const SpecDocument doc = load("conext-gateway-li-ion-bms-modbus-map.md", spec::read_conext_bms);
  const RegisterMap& map = conext_bms_file();
  EXPECT_EQ(doc.port, map.port);
  EXPECT_EQ(doc.first_unit, map.first_unit);
  EXPECT_EQ(doc.last_unit, map.last_unit);
  EXPECT_EQ(map.id, "conext-bms");
  EXPECT_EQ(map.document, "conext-gateway-li-ion-bms-modbus-map.md");
}

// --- conext-ags ----------------------------------------------------------------------------------

TEST_F(ModelTranscriptionTest, ConextAgsRowsMatchTheDocument) {
  const SpecDocument doc = load("conext-ags-modbus-map.txt", spec::read_conext_ags);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  ASSERT_FALSE(doc.rows.empty());
  expect_model_matches_document(conext_ags_file(), doc, expected_conext_ags);
  expect_every_section_referenced(doc);
  EXPECT_EQ(doc.sections.size(), 13u);  // 2.1 .. 2.13
}

TEST_F(ModelTranscriptionTest, ConextAgsBlocksAreTheContiguousRuns) {
  const SpecDocument doc = load("conext-ags-modbus-map.txt", spec::read_conext_ags);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  expect_blocks(conext_ags_file(), contiguous_runs(doc));
  // RULES.md names the gaps: no row and no block covers them, and both edges are block edges.
  struct Gap {
    std::uint32_t first;
    std::uint32_t last;
  };
  const RegisterMap& map = conext_ags_file();
  for (const Gap gap :
       {Gap{0x0016, 0x001D}, Gap{0x0020, 0x0027}, Gap{0x0038, 0x003F}, Gap{0x005C, 0x005E}}) {
    SCOPED_TRACE("gap " + std::to_string(gap.first) + ".." + std::to_string(gap.last));
    for (const DocumentRow& row : doc.rows) {
      EXPECT_TRUE(last_address(row) < gap.first || row.address > gap.last) << describe(row);
    }
    for (const Block& block : map.blocks) {
      EXPECT_TRUE(block.last < gap.first || block.first > gap.last) << block.name;
    }
    const bool edge_before = std::any_of(map.blocks.begin(), map.blocks.end(),
                                         [&](const Block& b) { return b.last + 1u == gap.first; });
    const bool edge_after = std::any_of(map.blocks.begin(), map.blocks.end(),
                                        [&](const Block& b) { return b.first == gap.last + 1u; });
    EXPECT_TRUE(edge_before && edge_after);
  }
}

TEST_F(ModelTranscriptionTest, ConextAgsConnectionSettings) {
  const SpecDocument doc = load("conext-ags-modbus-map.txt", spec::read_conext_ags);
  const RegisterMap& map = conext_ags_file();
  EXPECT_EQ(doc.port, map.port);
  EXPECT_EQ(doc.first_unit, map.first_unit);
  EXPECT_EQ(doc.last_unit, map.last_unit);
  EXPECT_EQ(map.id, "conext-ags");
  EXPECT_EQ(map.document, "conext-ags-modbus-map.txt");
}

// --- enapter-el21 --------------------------------------------------------------------------------

TEST_F(ModelTranscriptionTest, EnapterRowsMatchTheDocument) {
  const SpecDocument doc = load("enapter-el21-modbus-tcp.md", spec::read_enapter_el21);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  ASSERT_FALSE(doc.rows.empty());
  expect_model_matches_document(enapter_el21_file(), doc, expected_enapter_el21);
}

TEST_F(ModelTranscriptionTest, EnapterBlocksAreTheContiguousRuns) {
  const SpecDocument doc = load("enapter-el21-modbus-tcp.md", spec::read_enapter_el21);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  expect_blocks(enapter_el21_file(), contiguous_runs(doc));
}

TEST_F(ModelTranscriptionTest, EnapterEventArraysListTheErrorCodesTable) {
  const SpecDocument doc = load("enapter-el21-modbus-tcp.md", spec::read_enapter_el21);
  ASSERT_TRUE(doc.problems.empty()) << problems_of(doc);
  EXPECT_EQ(doc.severity_codes, "FEW");
  std::size_t arrays = 0;
  for (const RegisterRow& row : enapter_el21_file().rows) {
    if (row.type.kind != codec::ValueKind::kEventArray) continue;
    ++arrays;
    SCOPED_TRACE(row.name);
    // The enum of each event array is the Error Codes table, code -> name, in its order.
    ASSERT_EQ(row.enums.size(), doc.error_codes.size());
    for (std::size_t i = 0; i < row.enums.size(); ++i) {
      const spec::DocumentErrorCode& expected = doc.error_codes[i];
      SCOPED_TRACE(expected.name);
      EXPECT_EQ(row.enums[i].value, expected.code);
      EXPECT_EQ(row.enums[i].name, expected.name);
      // RULES.md R-EVENTS: severity is the name's first letter (FT_10 is F), the routine the
      // second; both letters the document's Severity Levels / Routines tables define.
      const char severity = event_severity(row.enums[i].name);
      if (severity != '*') {
        EXPECT_NE(doc.severity_codes.find(severity), std::string::npos);
        EXPECT_NE(doc.routine_codes.find(row.enums[i].name[1]), std::string::npos);
      } else {
        EXPECT_TRUE(expected.name == "none" || expected.name == "int");
      }
    }
  }
  EXPECT_EQ(arrays, 2U);
}

TEST_F(ModelTranscriptionTest, EnapterConnectionSettings) {
  const SpecDocument doc = load("enapter-el21-modbus-tcp.md", spec::read_enapter_el21);
  const RegisterMap& map = enapter_el21_file();
  EXPECT_EQ(doc.port, map.port);
  EXPECT_EQ(doc.first_unit, map.first_unit);
  EXPECT_EQ(doc.last_unit, map.last_unit);
  EXPECT_EQ(map.id, "enapter-el21");
  EXPECT_EQ(map.document, "enapter-el21-modbus-tcp.md");
}

// --- safety classes (RULES.md "Writes and safety"; no document needed) ---------------------------

struct NamedSafety {
  Space space;
  std::uint16_t address;
  SafetyClass safety;
};

// The registers RULES.md names; every other writable register is a setting.
void expect_safety_classes(const RegisterMap& map, std::initializer_list<NamedSafety> named) {
  for (const NamedSafety& entry : named) {
    const RegisterRow* row = model_row(map, entry.space, entry.address);
    ASSERT_NE(row, nullptr) << map.id << " " << entry.address;
    EXPECT_EQ(row->access, Access::kReadWrite) << row->name;
    EXPECT_EQ(static_cast<int>(row->safety), static_cast<int>(entry.safety)) << row->name;
  }
  for (const RegisterRow& row : map.rows) {
    const bool is_named = std::any_of(named.begin(), named.end(), [&](const NamedSafety& entry) {
      return entry.space == row.space && entry.address == row.address;
    });
    if (row.access == Access::kReadWrite && !is_named) {
      EXPECT_EQ(static_cast<int>(row.safety), static_cast<int>(SafetyClass::kSetting))
          << map.id << " " << row.address << " " << row.name;
    }
  }
}

TEST(ModelSafetyClasses, ConextBmsFollowsRules) {
  expect_safety_classes(
      conext_bms_file(),
      {
          {Space::kHolding, 40068, SafetyClass::kConnectivity},  // Modbus Address
          {Space::kHolding, 40089, SafetyClass::kSetting},       // Controller Heartbeat
      });
}

TEST(ModelSafetyClasses, ConextAgsFollowsRules) {
  expect_safety_classes(conext_ags_file(),
                        {
                            {Space::kHolding, 0x0028, SafetyClass::kConnectivity},  // slave address
                            {Space::kHolding, 0x004C, SafetyClass::kActuating},    // Operating Mode
                            {Space::kHolding, 0x004D, SafetyClass::kActuating},    // Generator Mode
                            {Space::kHolding, 0x004E, SafetyClass::kDestructive},  // Reset
                            {Space::kHolding, 0x004F, SafetyClass::kDestructive},  // Clear
                            {Space::kHolding, 0x0082, SafetyClass::kActuating},  // Refresh Config.
                            {Space::kHolding, 0x0089, SafetyClass::kActuating},  // Identify Enable
                        });
}

TEST(ModelSafetyClasses, EnapterFollowsRules) {
  expect_safety_classes(enapter_el21_file(),
                        {
                            {Space::kHolding, 0, SafetyClass::kClock},         // Unix Time
                            {Space::kHolding, 4, SafetyClass::kDestructive},   // Reboot
                            {Space::kHolding, 5, SafetyClass::kActuating},     // Locate
                            {Space::kHolding, 6, SafetyClass::kActuating},     // Maintenance Mode
                            {Space::kHolding, 1000, SafetyClass::kActuating},  // Start / Stop
                            {Space::kHolding, 1002, SafetyClass::kActuating},  // Production Rate
                            {Space::kHolding, 1010, SafetyClass::kActuating},  // Request Blowdown
                            {Space::kHolding, 4000, SafetyClass::kCommand},    // Config. Begin
                            {Space::kHolding, 4001, SafetyClass::kCommand},    // Config. Commit
                            {Space::kHolding, 4020, SafetyClass::kConnectivity},  // IP address
                            {Space::kHolding, 4022, SafetyClass::kConnectivity},  // netmask
                            {Space::kHolding, 4024, SafetyClass::kConnectivity},  // gateway
                        });
}

struct NamedCommand {
  std::uint16_t address;  // holding
  std::optional<std::uint16_t> no_command;
};

// RULES.md's command registers ("Restoring") and their no-command values; no other row is one.
void expect_command_registers(const RegisterMap& map, std::initializer_list<NamedCommand> named) {
  for (const RegisterRow& row : map.rows) {
    const auto* entry = std::find_if(named.begin(), named.end(), [&](const NamedCommand& c) {
      return row.space == Space::kHolding && c.address == row.address;
    });
    const bool is_named = entry != named.end();
    EXPECT_EQ(row.command, is_named) << map.id << " " << row.address << " " << row.name;
    if (is_named) {
      EXPECT_EQ(row.no_command, entry->no_command) << map.id << " " << row.name;
    }
  }
}

TEST(ModelCommandRegisters, FollowRules) {
  expect_command_registers(conext_bms_file(), {});
  expect_command_registers(conext_ags_file(), {
                                                  {0x004E, std::nullopt},  // Reset: 0 reboots
                                                  {0x004F, 0},             // Clear
                                                  {0x0082, 0},             // Refresh Config.
                                              });
  expect_command_registers(enapter_el21_file(), {
                                                    {4, std::nullopt},     // Reboot
                                                    {4000, std::nullopt},  // Config. Begin
                                                    {4001, std::nullopt},  // Config. Commit
                                                });
}

}  // namespace
}  // namespace mbh::models
