#include "models/readout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <variant>

#include "models/command_register.hpp"
#include "models/map_catalog.hpp"

namespace mbh::models {
namespace {

using codec::ValueKind;

constexpr std::size_t kMaxEvents = 32;

std::optional<Level> level(const RegisterMap& map, RuleId rule) {
  return level_of(map, rule);
}

void add_issue(std::vector<ValueIssue>& issues, const RegisterMap& map, RuleId rule,
               std::string message, std::optional<Level> at = std::nullopt) {
  const auto l = at ? at : level(map, rule);
  if (!l) return;  // n/a for this map
  issues.push_back(ValueIssue{rule, *l, std::move(message)});
}

// The integer a value holds, for enum and bitmap lookups.
std::optional<std::uint64_t> integer_of(const codec::Value& value) {
  return std::visit(
      [](const auto& v) -> std::optional<std::uint64_t> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::uint16_t> || std::is_same_v<T, std::uint32_t> ||
                      std::is_same_v<T, std::uint64_t>) {
          return v;
        } else if constexpr (std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t>) {
          return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
        } else {
          return std::nullopt;
        }
      },
      value);
}

// The raw integer of an integer type, exactly ("1166662117", "-5"); nullopt for other types.
std::optional<std::string> integer_text(const codec::Value& value) {
  return std::visit(
      [](const auto& v) -> std::optional<std::string> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::uint16_t> || std::is_same_v<T, std::uint32_t> ||
                      std::is_same_v<T, std::uint64_t> || std::is_same_v<T, std::int16_t> ||
                      std::is_same_v<T, std::int32_t>) {
          return fmt::format("{}", v);
        } else {
          return std::nullopt;
        }
      },
      value);
}

// The decimals a scale or offset such as 0.1 or 0.016667 has (up to 6; 0 when it has more).
int decimals_of(double factor) {
  double scaled = factor;
  for (int decimals = 0; decimals <= 6; ++decimals, scaled *= 10) {
    if (std::abs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, std::abs(scaled)))
      return decimals;
  }
  return 0;
}

// A physical value without exponent below 1e15: integers exactly, others with at least 6
// significant digits and at least `min_decimals` decimals, trailing zeros dropped ("52.3",
// "116666211.7"). fmt's {:.6g} alone wrote 1166662117 as 1.16666e+09.
std::string decimal_text(double physical, int min_decimals) {
  constexpr double kHuge = 1e15;
  constexpr double kTiny = 1e-4;  // below it {:.6g} is exact enough and keeps its exponent
  const double magnitude = std::abs(physical);
  if (!std::isfinite(physical) || magnitude >= kHuge || (magnitude > 0 && magnitude < kTiny)) {
    return fmt::format("{:.6g}", physical);
  }
  if (physical == std::trunc(physical)) return fmt::format("{:.0f}", physical + 0.0);  // no -0
  const int integer_digits = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  const int decimals = std::max(6 - integer_digits, min_decimals);
  std::string text = fmt::format("{:.{}f}", physical, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// A numeric entry's text with its unit: an integer type at scale 1 and offset 0 exactly as
// the device sent it, anything else as its physical value.
std::string number_text(const RegisterRow& row, const ReadoutEntry& entry) {
  std::string text;
  const auto exact = integer_text(entry.value);
  if (exact && row.scale == 1.0 && row.offset == 0.0) {
    text = *exact;
  } else {
    // An integer raw times a short decimal scale has no more decimals than scale and offset.
    const int decimals = exact ? std::max(decimals_of(row.scale), decimals_of(row.offset)) : 0;
    text = decimal_text(*entry.physical, decimals);
  }
  if (!row.units.empty()) text += fmt::format(" {}", row.units);
  return text;
}

const EnumEntry* find_code(const RegisterRow& row, std::uint16_t code) {
  for (const auto& entry : row.enums) {
    if (entry.value == code) return &entry;
  }
  return nullptr;
}

// "W", "E or F", "E or F or a code that is no event".
std::string severities_text(std::string_view severities) {
  std::string text;
  for (char c : severities) {
    if (!text.empty()) text += " or ";
    text += c == '*' ? std::string("a code that is no event") : std::string(1, c);
  }
  return text;
}

void check_events(const RegisterMap& map, const RegisterRow& row,
                  const codec::DecodedEventArray& events, ReadoutEntry& entry) {
  if (events.count > kMaxEvents) {
    add_issue(entry.issues, map, RuleId::kEvents,
              fmt::format("'{}' counts {} events, more than 32", row.name, events.count));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < events.size; ++i) {
    const std::uint16_t code = events.codes[i];
    const EnumEntry* known = find_code(row, code);
    if (code == 0 || known == nullptr) {
      add_issue(entry.issues, map, RuleId::kEvents,
                fmt::format("'{}' entry {} holds 0x{:04X}, {}", row.name, i + 1, code,
                            code == 0 ? "0x0000 (none) within the count" : "not an error code"));
      names.push_back(fmt::format("0x{:04X}?", code));
      continue;
    }
    names.emplace_back(known->name);
    // RULES.md R-EVENTS: severity is SHOULD (the row's event_severities).
    const bool fits =
        row.event_severities.empty() ||
        row.event_severities.find(event_severity(known->name)) != std::string_view::npos;
    if (!fits) {
      add_issue(entry.issues, map, RuleId::kEvents,
                fmt::format("'{}' holds {}, not a {} code", row.name, known->name,
                            severities_text(row.event_severities)),
                Level::kShould);
    }
  }
  if (!events.rest_all_zero) {
    add_issue(entry.issues, map, RuleId::kEvents,
              fmt::format("'{}' has non-zero registers past its {} events", row.name, events.size));
  }
  entry.text = fmt::format("{} event{}{}{}", events.count, events.count == 1 ? "" : "s",
                           names.empty() ? "" : ": ", fmt::join(names, ", "));
}

void check_string(const RegisterMap& map, const RegisterRow& row, const codec::DecodedString& text,
                  ReadoutEntry& entry) {
  std::string shown;
  for (char ch : text.text) {
    const auto c = static_cast<unsigned char>(ch);
    shown += (c >= 0x20 && c < 0x7F) ? std::string(1, static_cast<char>(c))
                                     : fmt::format("\\x{:02x}", c);
  }
  entry.text = fmt::format("\"{}\"", shown);
  if (!text.non_printable.empty()) {
    add_issue(entry.issues, map, RuleId::kRange,
              fmt::format("'{}' holds {} non-printable byte(s), first at character {}", row.name,
                          text.non_printable.size(), text.non_printable.front() + 1));
  }
  if (!text.padding_all_nul) {
    add_issue(entry.issues, map, RuleId::kRange,
              fmt::format("'{}' is not NUL-padded after its text", row.name));
  }
}

}  // namespace

char event_severity(std::string_view name) {
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const bool event = name.size() >= 4 && upper(name[0]) && upper(name[1]) && name[2] == '_';
  return event ? name[0] : '*';
}

bool is_scale_factor(const RegisterRow& row) {
  return row.name.ends_with("Scale Factor") || row.name.ends_with("_SF");
}

namespace {

// "0 Off, 1 On, 2 Auto", or the first few and how many more: a reader sees at once what a
// value outside the list should have been.
std::string listed_values(const RegisterRow& row) {
  constexpr std::size_t kShown = 8;
  std::string text;
  for (std::size_t i = 0; i < row.enums.size() && i < kShown; ++i) {
    text += fmt::format("{}{} {}", i == 0 ? "" : ", ", row.enums[i].value, row.enums[i].name);
  }
  if (row.enums.size() > kShown) text += fmt::format(", ... {} in all", row.enums.size());
  return text;
}

// A value the document gives as an address or as characters, the way people write it, with
// the raw value beside it so that nothing is hidden.
std::optional<std::string> display_text(const RegisterRow& row, std::uint64_t raw) {
  const unsigned bytes = 2 * static_cast<unsigned>(row.type.register_count());
  switch (row.display) {
    case Display::kNumber:
      return std::nullopt;
    case Display::kIpv4:
      if (bytes != 4) return std::nullopt;
      return fmt::format("{}.{}.{}.{} (0x{:08X})", raw >> 24 & 0xFF, raw >> 16 & 0xFF,
                         raw >> 8 & 0xFF, raw & 0xFF, raw);
    case Display::kAscii: {
      std::string text;
      for (unsigned i = bytes; i-- > 0;) {
        const auto c = static_cast<unsigned char>(raw >> (8 * i) & 0xFF);
        text += (c >= 0x20 && c < 0x7F) ? std::string(1, static_cast<char>(c))
                                        : fmt::format("\\x{:02x}", c);
      }
      return fmt::format("\"{}\" (0x{:0{}X})", text, raw, 2 * bytes);
    }
  }
  return std::nullopt;
}

void check_number(const RegisterMap& map, const RegisterRow& row, ReadoutEntry& entry) {
  const auto raw = integer_of(entry.value);
  if (raw) {
    if (auto shown = display_text(row, *raw)) {
      entry.text = std::move(*shown);
      return;
    }
  }
  if (!row.enums.empty() && raw) {
    const auto it = std::ranges::find_if(
        row.enums, [&](const EnumEntry& e) { return std::uint64_t{e.value} == *raw; });
    if (it == row.enums.end() && reads_idle(row, *raw)) {
      entry.text = fmt::format("{} (no command)", *raw);
    } else if (it == row.enums.end()) {
      entry.text = fmt::format("{} (not a listed value)", *raw);
      add_issue(entry.issues, map, RuleId::kEnum,
                fmt::format("'{}' holds {}, which is none of its listed values ({})", row.name,
                            *raw, listed_values(row)));
    } else {
      entry.text = fmt::format("{} ({})", it->name, *raw);
    }
    return;
  }
  if (!row.bits.empty() && raw) {
    const unsigned width = static_cast<unsigned>(16 * row.type.register_count());
    std::vector<std::string> names;
    std::vector<unsigned> undefined;
    const auto set = codec::set_bits(*raw, width);  // named: span() views into it
    for (std::uint8_t bit : set.span()) {
      const auto it =
          std::ranges::find_if(row.bits, [bit](const BitEntry& b) { return b.bit == bit; });
      if (it == row.bits.end()) {
        undefined.push_back(bit);
        names.push_back(fmt::format("bit{}?", bit));
      } else {
        names.emplace_back(it->name);
      }
    }
    entry.text = fmt::format("0x{:0{}X} [{}]", *raw, width / 4, fmt::join(names, ", "));
    if (!undefined.empty()) {
      add_issue(entry.issues, map, RuleId::kBits,
                fmt::format("'{}' sets undefined bit(s) {}", row.name, fmt::join(undefined, ", ")));
    }
    return;
  }
  if (const auto* f = std::get_if<float>(&entry.value)) {
    entry.text = std::isnan(*f) ? std::string("NaN") : number_text(row, entry);
    if (!std::isfinite(*f) && !(row.nan_allowed && std::isnan(*f))) {
      add_issue(entry.issues, map, RuleId::kRange,
                fmt::format("'{}' is {}, not a finite number", row.name, entry.text));
    }
  } else if (entry.physical) {
    entry.text = number_text(row, entry);
  } else if (const auto* b = std::get_if<bool>(&entry.value)) {
    entry.text = *b ? "true" : "false";
  } else if (const auto* big = std::get_if<codec::Uint128>(&entry.value)) {
    entry.text = codec::to_hex(*big);
  }
  if (entry.physical && row.units == "%" && (*entry.physical < 0 || *entry.physical > 100)) {
    add_issue(entry.issues, map, RuleId::kRange,
              fmt::format("'{}' is {}, outside 0..100 %", row.name, entry.text));
  }
  if (entry.physical && is_scale_factor(row) && (*entry.physical < -10 || *entry.physical > 10)) {
    add_issue(entry.issues, map, RuleId::kRange,
              fmt::format("scale factor '{}' is {}, outside -10..10", row.name, entry.text));
  }
}

// A fixed value as the document gives it: four characters in hex with the text, all-ones
// words in hex, anything else in decimal.
std::string fixed_text(const RegisterRow& row, std::uint64_t value) {
  const auto digits = static_cast<int>(4 * row.type.register_count());
  if (row.display == Display::kAscii) {
    std::string text;
    for (int shift = digits * 4 - 8; shift >= 0; shift -= 8) {
      const auto c = static_cast<char>((value >> shift) & 0xFF);
      text += (c >= 0x20 && c < 0x7F) ? std::string(1, c) : fmt::format("\\x{:02x}", c & 0xFF);
    }
    return fmt::format("0x{:0{}X} (\"{}\")", value, digits, text);
  }
  if (digits < 64 && value == (std::uint64_t{1} << (digits * 4)) - 1) {
    return fmt::format("0x{:0{}X}", value, digits);
  }
  return std::to_string(value);
}

void check_identity(const RegisterMap& map, const RegisterRow& row, ReadoutEntry& entry) {
  const auto raw = integer_of(entry.value);
  if (!raw || !row.fixed || *raw == *row.fixed) return;
  add_issue(entry.issues, map, RuleId::kIdentity,
            fmt::format("'{}' is {}, not {}", row.name, fixed_text(row, *raw),
                        fixed_text(row, *row.fixed)));
}

// SunSpec: a model's length register, named "<model> Length"; its ID register is "<model> ID".
bool is_model_length(const RegisterRow& row) {
  return row.name.ends_with(" Length");
}

}  // namespace

std::vector<ReadoutEntry> read_out(const RegisterMap& map, Space space, std::uint16_t first,
                                   std::span<const std::uint16_t> registers) {
  std::vector<ReadoutEntry> entries;
  const std::uint32_t end = std::uint32_t{first} + static_cast<std::uint32_t>(registers.size());
  for (const RegisterRow& row : map.rows) {
    const std::size_t count = row.type.register_count();
    if (row.space != space || row.address < first || row.address + count > end) continue;
    const auto raw = registers.subspan(row.address - first, count);
    auto decoded = codec::decode_value(row.type, raw);
    if (!decoded) continue;  // cannot happen: the extent is the type's count
    ReadoutEntry entry{&row, {raw.begin(), raw.end()}, std::move(decoded).value(), {}, {}, {}};
    if (auto physical = codec::value_to_physical(entry.value, row.scale, row.offset)) {
      if (!std::holds_alternative<bool>(entry.value)) entry.physical = physical.value();
    }
    if (const auto* events = std::get_if<codec::DecodedEventArray>(&entry.value)) {
      check_events(map, row, *events, entry);
    } else if (const auto* text = std::get_if<codec::DecodedString>(&entry.value)) {
      check_string(map, row, *text, entry);
    } else {
      check_number(map, row, entry);
      check_identity(map, row, entry);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<RuleId> value_rules_for(const RegisterMap& map, const RegisterRow& row) {
  // Mirrors the checks above: which of them can raise an issue for this row.
  std::vector<RuleId> rules;
  const ValueKind kind = row.type.kind;
  if (!row.enums.empty()) rules.push_back(RuleId::kEnum);
  if (row.enums.empty() && !row.bits.empty()) rules.push_back(RuleId::kBits);
  if (kind == ValueKind::kEventArray) rules.push_back(RuleId::kEvents);
  const bool identity =
      row.fixed.has_value() || (map.structure == ModelStructure::kSunSpec && is_model_length(row));
  if (identity) rules.push_back(RuleId::kIdentity);
  const bool ranged =
      kind == ValueKind::kString || kind == ValueKind::kFloat32 ||
      (row.enums.empty() && row.bits.empty() && (row.units == "%" || is_scale_factor(row)));
  if (ranged) rules.push_back(RuleId::kRange);
  std::erase_if(rules, [&map](RuleId rule) { return !level(map, rule).has_value(); });
  return rules;
}

std::optional<std::uint16_t> model_length(const RegisterMap& map, const RegisterRow& row) {
  if (map.structure != ModelStructure::kSunSpec || !is_model_length(row) ||
      block_of(map, Space::kHolding, row.address) == nullptr) {
    return std::nullopt;
  }
  // The model runs from its ID to the register before the next model's ID: the next row named
  // "... ID", or the End Marker.
  for (const RegisterRow& later : map.rows) {
    if (later.address > row.address &&
        (later.name.ends_with(" ID") || later.name == "End Marker")) {
      return static_cast<std::uint16_t>(later.address - row.address - 1);
    }
  }
  return std::nullopt;
}

std::vector<ValueIssue> check_model_structure(const RegisterMap& map, std::uint16_t first,
                                              std::span<const std::uint16_t> registers) {
  std::vector<ValueIssue> issues;
  if (map.structure != ModelStructure::kSunSpec) return issues;
  auto at = [&](std::uint16_t address) -> std::optional<std::uint16_t> {
    if (address < first) return std::nullopt;
    const std::size_t index = address - first;
    if (index >= registers.size()) return std::nullopt;
    return registers[index];
  };
  // SunSpec: each model is an ID register, a length register, then that many registers;
  // the next model (or the End Marker) follows at once. RULES.md R-IDENTITY: Common Base
  // Model length 66, and every length equals the registers that follow it.
  constexpr std::uint16_t kCommonLength = 66;
  for (const RegisterRow& row : map.rows) {
    const auto expected = model_length(map, row);
    const auto length = at(row.address);
    if (!expected || !length) continue;
    if (*length != *expected) {
      add_issue(issues, map, RuleId::kIdentity,
                fmt::format("'{}' is {}, but {} registers follow it up to the next model", row.name,
                            *length, *expected));
    }
    if (row.name == "Common Base Model Length" && *length != kCommonLength) {
      add_issue(issues, map, RuleId::kIdentity,
                fmt::format("'{}' is {}, not 66", row.name, *length));
    }
  }
  return issues;
}

}  // namespace mbh::models
