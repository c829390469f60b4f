#include "tests/models/spec_document_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <system_error>

namespace mbh::models::spec {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

std::string trim(std::string_view text) {
  std::size_t first = 0;
  std::size_t last = text.size();
  while (first < last && is_space(text[first]))
    ++first;
  while (last > first && is_space(text[last - 1]))
    --last;
  return std::string(text.substr(first, last - first));
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      fields.emplace_back(text.substr(start));
      return fields;
    }
    fields.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<std::string> tokens_of(std::string_view text) {
  std::istringstream stream{std::string(text)};
  return {std::istream_iterator<std::string>(stream), std::istream_iterator<std::string>()};
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string joined;
  for (std::size_t i = from; i < to; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += parts[i];
  }
  return joined;
}

std::optional<std::uint32_t> parse_unsigned(std::string_view text, int base = 10) {
  if (base == 16 && (starts_with(text, "0x") || starts_with(text, "0X"))) text.remove_prefix(2);
  if (text.empty()) return std::nullopt;
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string where(std::size_t line) {
  return "line " + std::to_string(line) + ": ";
}

// The Conext documents' type column: uint16, sint16, uint32, sint32, str<nn>.
std::optional<codec::DataType> conext_type(std::string_view text) {
  if (text == "uint16") return codec::kUint16;
  if (text == "sint16") return codec::kSint16;
  if (text == "uint32") return codec::kUint32;
  if (text == "sint32") return codec::kSint32;
  if (starts_with(text, "str")) {
    const auto chars = parse_unsigned(text.substr(3));
    if (chars && *chars > 0 && *chars <= 0xFFFF) {
      return codec::str(static_cast<std::uint16_t>(*chars));
    }
  }
  return std::nullopt;
}

std::optional<Access> conext_access(std::string_view text) {
  if (text == "r") return Access::kRead;
  if (text == "rw") return Access::kReadWrite;
  return std::nullopt;
}

// "0=Remote Control 1=Local Control" -> {0, "Remote Control"}, {1, "Local Control"}; nothing
// unless the notes start with a value. Conext notes write "value=name".
std::vector<DocumentValue> conext_inline_values(const std::string& notes) {
  static const std::regex kStartsWithValue{R"(^\d+=)"};
  static const std::regex kValue{R"((?:^|\s)(\d+)=)"};
  std::vector<DocumentValue> values;
  if (!std::regex_search(notes, kStartsWithValue)) return values;
  std::vector<std::smatch> found;
  for (auto it = std::sregex_iterator(notes.begin(), notes.end(), kValue);
       it != std::sregex_iterator(); ++it) {
    found.push_back(*it);
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto name_begin = static_cast<std::size_t>(found[i].position(0) + found[i].length(0));
    const std::size_t name_end =
        i + 1 < found.size() ? static_cast<std::size_t>(found[i + 1].position(0)) : notes.size();
    values.push_back(
        {*parse_unsigned(found[i].str(1)),
         fold_whitespace(std::string_view(notes).substr(name_begin, name_end - name_begin))});
  }
  return values;
}

std::string see_section(const std::string& notes) {
  static const std::regex kSee{R"(^See section (2\.\d+)$)"};
  std::smatch match;
  if (std::regex_match(notes, match, kSee)) return match.str(1);
  return "";
}

// The "2 Data Point Enumerations" part of both Conext documents: numbered section headings,
// then "n=name" or "bitn=name" lines; prose lines in between are skipped.
void read_conext_sections(const std::vector<std::string>& lines, std::size_t first,
                          SpecDocument& doc) {
  static const std::regex kHeading{R"((?:^|\s)(2\.\d+)\s+(.+)$)"};
  static const std::regex kValue{R"(^(\d+)=(.+)$)"};
  static const std::regex kBit{R"(^bit(\d+)=(.+)$)"};
  for (std::size_t i = first; i < lines.size(); ++i) {
    // Markdown emphasis and heading marks are not text ("**2.2 Battery State**").
    std::string line = lines[i];
    std::replace(line.begin(), line.end(), '*', ' ');
    std::replace(line.begin(), line.end(), '#', ' ');
    line = trim(line);
    if (line.empty()) continue;
    std::smatch match;
    if (std::regex_match(line, match, kBit)) {
      if (doc.sections.empty()) {
        doc.problems.push_back(where(i + 1) + "bit before any section: " + line);
        continue;
      }
      doc.sections.back().bits.push_back(
          {*parse_unsigned(match.str(1)), fold_whitespace(match.str(2))});
    } else if (std::regex_match(line, match, kValue)) {
      if (doc.sections.empty()) {
        doc.problems.push_back(where(i + 1) + "value before any section: " + line);
        continue;
      }
      doc.sections.back().values.push_back(
          {*parse_unsigned(match.str(1)), fold_whitespace(match.str(2))});
    } else if (line.find('=') == std::string::npos && std::regex_search(line, match, kHeading)) {
      doc.sections.push_back({match.str(1), fold_whitespace(match.str(2)), {}, {}});
    }
  }
}

// Copies each "See section 2.x" row's values or bits from the section.
void resolve_sections(SpecDocument& doc) {
  for (DocumentRow& row : doc.rows) {
    if (row.section.empty()) continue;
    const DocumentSection* section = doc.section(row.section);
    if (section == nullptr) {
      doc.problems.push_back(where(row.line) + "no section " + row.section);
      continue;
    }
    row.values = section->values;
    row.bits = section->bits;
  }
}

std::size_t find_line(const std::vector<std::string>& lines, std::size_t from,
                      std::string_view prefix) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (starts_with(trim(lines[i]), prefix)) return i;
  }
  return lines.size();
}

// Enapter's units: the name's "[...]" ("Production Rate [%]"), else the comment's first
// "[...]" ("[rpm]", "Raw value, [Volt]"), else a comment that starts with a bare unit word
// ("bar", "seconds", "NL/hour, NAN when not producing H2;"). "" otherwise.
std::string enapter_units(const std::string& name, const std::string& comment) {
  static const std::regex kBracketed{R"(\[([^\]]+)\])"};
  static const std::regex kBareUnit{R"(^([A-Za-z/]+)(?:[,;].*)?$)"};
  std::smatch match;
  if (std::regex_search(name, match, kBracketed)) return match.str(1);
  if (std::regex_search(comment, match, kBracketed)) return match.str(1);
  if (std::regex_match(comment, match, kBareUnit)) return match.str(1);
  return "";
}

std::optional<codec::DataType> enapter_type(std::string_view text) {
  static const std::regex kEventArray{R"(^Array of 32 \w+ Events$)"};
  if (text == "Boolean") return codec::kBoolean;
  if (text == "Uint16") return codec::kUint16;
  if (text == "Uint32") return codec::kUint32;
  if (text == "Int32") return codec::kSint32;
  if (text == "Uint64") return codec::kUint64;
  if (text == "Uint128") return codec::kUint128;
  if (text == "Float32") return codec::kFloat32;
  if (std::regex_match(std::string(text), kEventArray)) return codec::kEventArray;
  return std::nullopt;
}

// "0 = Internal Error, ...; 1 = System in Operation; ..." and "0x00 = ELE... 0x01 = ELE...":
// nothing unless the comment starts with a value. Enapter writes "value = name", once (11)
// "value - name"; items end at ';' or where the next value starts; a final '.' is dropped.
std::vector<DocumentValue> enapter_inline_values(const std::string& comment) {
  static const std::regex kStartsWithValue{R"(^(?:0x[0-9A-Fa-f]+|\d+) [=-] )"};
  static const std::regex kValue{R"((?:^|\s)(0x[0-9A-Fa-f]+|\d+) [=-] )"};
  std::vector<DocumentValue> values;
  if (!std::regex_search(comment, kStartsWithValue)) return values;
  std::vector<std::smatch> found;
  for (auto it = std::sregex_iterator(comment.begin(), comment.end(), kValue);
       it != std::sregex_iterator(); ++it) {
    found.push_back(*it);
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto name_begin = static_cast<std::size_t>(found[i].position(0) + found[i].length(0));
    const std::size_t name_end =
        i + 1 < found.size() ? static_cast<std::size_t>(found[i + 1].position(0)) : comment.size();
    std::string name = trim(std::string_view(comment).substr(name_begin, name_end - name_begin));
    while (!name.empty() && (name.back() == ';' || name.back() == '.')) {
      name.pop_back();
      name = trim(name);
    }
    const std::string value_text = found[i].str(1);
    const auto value =
        starts_with(value_text, "0x") ? parse_unsigned(value_text, 16) : parse_unsigned(value_text);
    values.push_back({*value, fold_whitespace(name)});
  }
  return values;
}

// The Conext documents' connection settings: "ModbusTCP port <n>" and
// "Modbus Slave Address Range [ <first> .. <last> ]" (tab- or space-separated).
void read_conext_connection(const std::string& text, SpecDocument& doc) {
  static const std::regex kPort{R"(ModbusTCP port\s+(\d+))"};
  static const std::regex kUnits{R"(Modbus Slave Address Range\s+\[\s*(\d+)\s*\.\.\s*(\d+)\s*\])"};
  std::smatch match;
  if (std::regex_search(text, match, kPort)) doc.port = parse_unsigned(match.str(1));
  if (std::regex_search(text, match, kUnits)) {
    doc.first_unit = parse_unsigned(match.str(1));
    doc.last_unit = parse_unsigned(match.str(2));
  }
}

std::vector<std::string> pipe_cells(std::string_view line) {
  std::vector<std::string> cells = split(line, '|');
  for (std::string& cell : cells)
    cell = trim(cell);
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

}  // namespace

const DocumentSection* SpecDocument::section(std::string_view number) const {
  for (const DocumentSection& candidate : sections) {
    if (candidate.number == number) return &candidate;
  }
  return nullptr;
}

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string fold_whitespace(std::string_view text) {
  std::string folded;
  bool pending_space = false;
  for (const char c : text) {
    if (is_space(c)) {
      pending_space = !folded.empty();
      continue;
    }
    if (pending_space) folded += ' ';
    pending_space = false;
    folded += c;
  }
  return folded;
}

std::string type_name(codec::DataType type) {
  switch (type.kind) {
    case codec::ValueKind::kUint16:
      return "uint16";
    case codec::ValueKind::kSint16:
      return "sint16";
    case codec::ValueKind::kUint32:
      return "uint32";
    case codec::ValueKind::kSint32:
      return "sint32";
    case codec::ValueKind::kUint64:
      return "uint64";
    case codec::ValueKind::kUint128:
      return "uint128";
    case codec::ValueKind::kFloat32:
      return "float32";
    case codec::ValueKind::kBoolean:
      return "boolean";
    case codec::ValueKind::kString:
      return "str" + std::to_string(type.string_chars);
    case codec::ValueKind::kEventArray:
      return "event array";
  }
  return "?";
}

// --- conext-gateway-li-ion-bms-modbus-map.md -----------------------------------------------------
// Tables of tab-separated rows under "### <section>" (or "**End Marker**") headings; each table
// starts with a "Modbus Address<TAB>Name..." header line and ends at a blank row.

SpecDocument read_conext_bms(std::string_view text) {
  SpecDocument doc;
  const std::vector<std::string> lines = split_lines(text);
  const std::size_t begin = find_line(lines, 0, "## 1 Register Map");
  std::size_t end = begin;
  while (end < lines.size() && lines[end].find("2 Data Point Enumerations") == std::string::npos) {
    ++end;
  }
  if (begin == lines.size() || end == lines.size()) {
    doc.problems.push_back("register map or enumerations not found");
    return doc;
  }
  std::string heading;
  int table = -1;
  bool table_open = false;  // a blank line, heading or column header ends the current table
  for (std::size_t i = begin + 1; i < end; ++i) {
    const std::string& line = lines[i];
    const std::string trimmed = trim(line);
    if (trimmed.empty()) {
      table_open = false;
      continue;
    }
    if (trimmed.front() == '#' || starts_with(trimmed, "**")) {
      std::string title = trimmed;
      std::replace(title.begin(), title.end(), '*', ' ');
      std::replace(title.begin(), title.end(), '#', ' ');
      heading = fold_whitespace(title);
      table_open = false;
      continue;
    }
    if (starts_with(line, "Modbus Address\t")) {
      ++table;
      table_open = true;
      continue;
    }
    const std::vector<std::string> fields = split(line, '\t');
    const auto address = parse_unsigned(trim(fields[0]));
    if (fields.size() < 7 || !address || *address > 0xFFFF) {
      doc.problems.push_back(where(i + 1) + "not a register row: " + line);
      continue;
    }
    if (!table_open) {
      ++table;
      table_open = true;
    }
    DocumentRow row;
    row.line = i + 1;
    row.space = Space::kHolding;
    row.address = static_cast<std::uint16_t>(*address);
    row.name = fold_whitespace(fields[1]);
    row.type_text = trim(fields[2]);
    row.type = conext_type(row.type_text);
    row.access_text = trim(fields[3]);
    row.access = conext_access(row.access_text);
    row.units = trim(fields[4]);
    row.scale_text = trim(fields[5]);
    row.offset_text = trim(fields[6]);
    row.scale = parse_double(row.scale_text);
    row.offset = parse_double(row.offset_text);
    row.notes = fields.size() > 7 ? fold_whitespace(join(fields, 7, fields.size())) : "";
    row.section = see_section(row.notes);
    if (row.section.empty()) row.values = conext_inline_values(row.notes);
    row.table = table;
    row.heading = heading;
    if (!row.type) doc.problems.push_back(where(row.line) + "unknown type " + row.type_text);
    if (!row.access) doc.problems.push_back(where(row.line) + "unknown R/W " + row.access_text);
    if (!row.scale_text.empty() && !row.scale) {
      doc.problems.push_back(where(row.line) + "bad scale " + row.scale_text);
    }
    if (!row.offset_text.empty() && !row.offset) {
      doc.problems.push_back(where(row.line) + "bad offset " + row.offset_text);
    }
    doc.rows.push_back(std::move(row));
  }
  read_conext_sections(lines, end, doc);
  resolve_sections(doc);
  read_conext_connection(std::string(text), doc);
  return doc;
}

// --- conext-ags-modbus-map.txt -----------------------------------------------------------------
// A PDF-to-text extraction: a row starts with "<Reg. No.> 0x<Reg. Addr.> <Name...>"; its name,
// type, R/W, units, scale, offset and notes then run over as many lines as the PDF cell needed,
// with blank lines and repeated page headers ("Reg." / "No." / "Addr." / "Name Type R/W ...")
// in between. A word the PDF hyphenated at a line end ("Warn-" / "ings") is joined again.

SpecDocument read_conext_ags(std::string_view text) {
  static const std::regex kRowStart{R"(^(\d+) 0x([0-9A-Fa-f]{4})\s+(.*)$)"};
  static const std::regex kType{R"(^(uint16|sint16|uint32|sint32|str\d+)$)"};
  static const std::regex kNumber{R"(^-?\d+\.\d+$)"};
  // Scale and offset printed without the space between them ("0.0166670.0"): the offset is
  // the trailing "d.d..." with one integer digit, the scale what precedes it.
  static const std::regex kGluedNumbers{R"(^(-?\d+\.\d+?)(-?\d\.\d+)$)"};
  static const std::regex kValueItem{R"(^\d+=)"};

  SpecDocument doc;
  const std::vector<std::string> lines = split_lines(text);
  const std::size_t begin = find_line(lines, 0, "1 Register Map");
  const std::size_t end = find_line(lines, begin, "2 Data Point Enumerations");
  if (begin == lines.size() || end == lines.size()) {
    doc.problems.push_back("register map or enumerations not found");
    return doc;
  }

  struct RawRow {
    std::size_t line;
    unsigned number;
    std::uint16_t address;
    std::string text;
  };
  std::vector<RawRow> raw_rows;
  for (std::size_t i = begin + 1; i < end; ++i) {
    const std::string line = trim(lines[i]);
    if (line.empty() || line == "Reg." || line == "No." || line == "Addr." ||
        line == "Name Type R/W Units Scale Offset Notes") {
      continue;
    }
    std::smatch match;
    if (std::regex_match(line, match, kRowStart)) {
      raw_rows.push_back({i + 1, *parse_unsigned(match.str(1)),
                          static_cast<std::uint16_t>(*parse_unsigned(match.str(2), 16)),
                          match.str(3)});
      continue;
    }
    if (raw_rows.empty()) {
      doc.problems.push_back(where(i + 1) + "text before the first row: " + line);
      continue;
    }
    std::string& row_text = raw_rows.back().text;
    const bool hyphenated =
        row_text.size() >= 2 && row_text.back() == '-' &&
        std::isalpha(static_cast<unsigned char>(row_text[row_text.size() - 2])) &&
        std::islower(static_cast<unsigned char>(line.front()));
    if (hyphenated) {
      row_text.pop_back();
      row_text += line;
    } else {
      row_text += ' ';
      row_text += line;
    }
  }

  for (const RawRow& raw : raw_rows) {
    const std::vector<std::string> tokens = tokens_of(raw.text);
    std::size_t type_at = 0;
    while (type_at < tokens.size() && !std::regex_match(tokens[type_at], kType))
      ++type_at;
    if (type_at == 0 || type_at + 1 >= tokens.size()) {
      doc.problems.push_back(where(raw.line) + "no name, type and R/W in: " + raw.text);
      continue;
    }
    DocumentRow row;
    row.line = raw.line;
    row.space = Space::kHolding;
    row.address = raw.address;
    row.register_number = raw.number;
    row.name = join(tokens, 0, type_at);
    row.type_text = tokens[type_at];
    row.type = conext_type(row.type_text);
    row.access_text = tokens[type_at + 1];
    row.access = conext_access(row.access_text);
    std::size_t at = type_at + 2;
    auto is_number = [&](std::size_t index) {
      return index < tokens.size() && (std::regex_match(tokens[index], kNumber) ||
                                       std::regex_match(tokens[index], kGluedNumbers));
    };
    // Units: a word followed by the scale ("min 1.0 0.0").
    if (at < tokens.size() && !is_number(at) && !std::regex_search(tokens[at], kValueItem) &&
        is_number(at + 1)) {
      row.units = tokens[at++];
    }
    if (is_number(at)) {
      std::smatch glued;
      if (!std::regex_match(tokens[at], kNumber) &&
          std::regex_match(tokens[at], glued, kGluedNumbers)) {
        row.scale_text = glued.str(1);
        row.offset_text = glued.str(2);
        ++at;
      } else {
        row.scale_text = tokens[at++];
        if (at < tokens.size() && std::regex_match(tokens[at], kNumber)) {
          row.offset_text = tokens[at++];
        }
      }
    }
    row.scale = parse_double(row.scale_text);
    row.offset = parse_double(row.offset_text);
    row.notes = join(tokens, at, tokens.size());
    row.section = see_section(row.notes);
    if (row.section.empty()) row.values = conext_inline_values(row.notes);
    if (!row.type) doc.problems.push_back(where(row.line) + "unknown type " + row.type_text);
    if (!row.access) doc.problems.push_back(where(row.line) + "unknown R/W " + row.access_text);
    doc.rows.push_back(std::move(row));
  }
  read_conext_sections(lines, end, doc);
  resolve_sections(doc);
  read_conext_connection(std::string(text), doc);
  return doc;
}

// --- enapter-el21-modbus-tcp.md ----------------------------------------------------------------
// Markdown pipe tables under "# <heading>" lines: "Holding Registers (Read / Write)" and "Input
// Registers (Read Only)" (Register | Data Type | Name | Comment), "Error Codes" (CODE | NAME |
// COMPONENT | DESCRIPTION), "Severity Levels" and "Routines" (Code | ...).

SpecDocument read_enapter_el21(std::string_view text) {
  SpecDocument doc;
  const std::vector<std::string> lines = split_lines(text);
  std::string heading;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim(lines[i]);
    if (starts_with(line, "# ")) {
      heading = trim(line.substr(2));
      continue;
    }
    if (line.find('|') == std::string::npos || starts_with(line, "---")) continue;
    const std::vector<std::string> cells = pipe_cells(line);
    const bool holding = starts_with(heading, "Holding Registers");
    const bool input = starts_with(heading, "Input Registers");
    if (holding || input) {
      if (cells.size() == 4 && cells[0] == "Register") continue;
      const auto address = parse_unsigned(cells.empty() ? "" : cells[0]);
      if (cells.size() != 4 || !address || *address > 0xFFFF) {
        doc.problems.push_back(where(i + 1) + "not a register row: " + line);
        continue;
      }
      DocumentRow row;
      row.line = i + 1;
      row.space = holding ? Space::kHolding : Space::kInput;
      row.address = static_cast<std::uint16_t>(*address);
      row.type_text = cells[1];
      row.type = enapter_type(row.type_text);
      row.name = fold_whitespace(cells[2]);
      row.notes = fold_whitespace(cells[3]);
      // No R/W column: the table's heading says it for every row.
      row.access_text = heading;
      if (heading.find("(Read / Write)") != std::string::npos) row.access = Access::kReadWrite;
      if (heading.find("(Read Only)") != std::string::npos) row.access = Access::kRead;
      row.units = enapter_units(row.name, row.notes);
      row.heading = heading;
      if (row.type == codec::kEventArray) {
        row.section = "Error Codes";  // "represented by Error Codes"
      } else {
        row.values = enapter_inline_values(row.notes);
      }
      if (!row.type) doc.problems.push_back(where(row.line) + "unknown type " + row.type_text);
      if (!row.access) doc.problems.push_back(where(row.line) + "no access in " + heading);
      doc.rows.push_back(std::move(row));
    } else if (heading == "Error Codes") {
      if (cells.size() == 4 && cells[0] == "CODE") continue;
      const auto code = cells.empty() ? std::nullopt : parse_unsigned(cells[0], 16);
      if (cells.size() != 4 || !code || *code > 0xFFFF || !starts_with(cells[0], "0x")) {
        doc.problems.push_back(where(i + 1) + "not an error code row: " + line);
        continue;
      }
      doc.error_codes.push_back({static_cast<std::uint16_t>(*code), cells[1],
                                 fold_whitespace(cells[2]), fold_whitespace(cells[3])});
    } else if (heading == "Modbus Connection Settings") {
      if (cells.size() >= 2 && cells[0] == "Modbus Port") doc.port = parse_unsigned(cells[1]);
      if (cells.size() >= 2 && cells[0] == "Modbus Slave Address") {
        doc.first_unit = parse_unsigned(cells[1]);
        doc.last_unit = doc.first_unit;
      }
    } else if (heading == "Severity Levels" || heading == "Routines") {
      if (cells.empty() || cells[0] == "Code") continue;
      std::string& codes = heading == "Routines" ? doc.routine_codes : doc.severity_codes;
      if (cells[0].size() != 1) {
        doc.problems.push_back(where(i + 1) + "not a one-letter code: " + line);
        continue;
      }
      codes += cells[0];
    }
  }
  for (DocumentRow& row : doc.rows) {
    if (row.section != "Error Codes") continue;
    for (const DocumentErrorCode& code : doc.error_codes)
      row.values.push_back({code.code, code.name});
  }
  if (doc.rows.empty()) doc.problems.push_back("no register tables found");
  if (doc.error_codes.empty()) doc.problems.push_back("no Error Codes table found");
  return doc;
}

}  // namespace mbh::models::spec
