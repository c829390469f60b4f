#pragma once
// Reads the three vendor register-map documents in shared/specs into plain rows, independently
// of the models, so a test can hold each model row against the document row it transcribes.
// One reader per document format: the BMS map's tab-separated tables, the AGS map's PDF-to-text
// extraction (rows split over lines, repeated page headers), Enapter's markdown pipe tables.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/values/data_type.hpp"
#include "models/register_map.hpp"

namespace mbh::models::spec {

// One valid value of an enumerated register, as the document lists it ("0=Disabled").
struct DocumentValue {
  std::uint32_t value = 0;
  std::string name;
};

// One bit of a bitmap section ("bit0=CommunicationError").
struct DocumentBit {
  unsigned bit = 0;
  std::string name;
};

// A numbered section of "Data Point Enumerations" ("2.1 Battery Type").
struct DocumentSection {
  std::string number;  // "2.1"
  std::string title;   // "Battery Type"
  std::vector<DocumentValue> values;
  std::vector<DocumentBit> bits;
};

// A row of Enapter's "Error Codes" table.
struct DocumentErrorCode {
  std::uint16_t code = 0;
  std::string name;
  std::string component;
  std::string description;
};

struct DocumentRow {
  Space space = Space::kHolding;
  std::uint16_t address = 0;
  std::optional<unsigned> register_number;  // AGS "Reg. No." (address + 1)
  std::string name;                         // whitespace folded, line breaks joined
  std::string type_text;                    // as printed: "uint16", "str32", "Uint64", ...
  std::optional<codec::DataType> type;      // nullopt if the type text is not understood
  std::string access_text;                  // "r" / "rw"; Enapter: the table heading
  std::optional<Access> access;
  std::string units;
  std::string scale_text;   // as printed ("" where blank)
  std::string offset_text;  // as printed ("" where blank)
  std::optional<double> scale;
  std::optional<double> offset;
  std::string notes;    // Notes / Comment column, line breaks joined
  std::string section;  // "2.1" for "See section 2.1"; "Error Codes" for Enapter event arrays
  std::vector<DocumentValue> values;  // from the notes, or the referenced section / table
  std::vector<DocumentBit> bits;      // from the referenced section, for bitmaps
  int table = -1;        // BMS: index of the document table the row is in (a blank row ends one)
  std::string heading;   // BMS: the section heading over the table; Enapter: the table heading
  std::size_t line = 0;  // 1-based line where the row starts, for messages
};

struct SpecDocument {
  std::optional<unsigned> port;        // "ModbusTCP port 502" / "Modbus Port | 502"
  std::optional<unsigned> first_unit;  // "Modbus Slave Address Range [ 230 .. 234 ]"
  std::optional<unsigned> last_unit;   // (Enapter: the one "Modbus Slave Address")
  std::vector<DocumentRow> rows;       // in the document's order
  std::vector<DocumentSection> sections;
  std::vector<DocumentErrorCode> error_codes;  // Enapter only
  std::string severity_codes;                  // Enapter "Severity Levels" codes: "FEW"
  std::string routine_codes;                   // Enapter "Routines" codes: "CDRSTUXFLOP"
  std::vector<std::string> problems;           // what the reader could not make sense of

  const DocumentSection* section(std::string_view number) const;
};

// The whole file, or nullopt if it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// Runs of whitespace become one space; leading and trailing whitespace goes.
std::string fold_whitespace(std::string_view text);

// "uint16", "str32", "event array", ... for messages.
std::string type_name(codec::DataType type);

SpecDocument read_conext_bms(std::string_view text);
SpecDocument read_conext_ags(std::string_view text);
SpecDocument read_enapter_el21(std::string_view text);

}  // namespace mbh::models::spec
