#include "models/map_file_reader.hpp"

#include "models/builtin_maps.hpp"

#include "models/json_positions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/codec/values/value_encoders.hpp"
#include "models/command_register.hpp"
#include "models/map_catalog.hpp"
#include "models/map_file_checks.hpp"
#include "models/map_file_fault.hpp"
#include "models/map_json.hpp"
#include "models/model_text.hpp"

namespace mbh::models {
namespace {

using json = nlohmann::json;
using Keys = std::span<const std::string_view>;

// clang-format off
constexpr std::array<std::string_view, 16> kTopKeys{
    "id", "title", "document", "port", "units", "default_unit", "rows", "blocks", "rules",
    "functions", "configuration", "structure", "answers_any_unit", "simulation", "word_order",
    "note"};
// clang-format on
constexpr std::array<std::string_view, 7> kTopRequired{"id",   "port",   "units", "default_unit",
                                                       "rows", "blocks", "rules"};
constexpr std::array<std::string_view, 22> kRowKeys{
    "space",      "address", "registers",     "name",        "type",
    "access",     "units",   "scale",         "offset",      "enum",
    "bits",       "safety",  "safety_reason", "command",     "no_command",
    "rules_note", "display", "fixed",         "nan_allowed", "event_severities",
    "word_order", "note"};
constexpr std::array<std::string_view, 6> kRowRequired{"space", "address", "registers",
                                                       "name",  "type",    "access"};
constexpr std::array<std::string_view, 4> kBlockKeys{"space", "first", "last", "name"};
constexpr std::array<std::string_view, 3> kRuleKeys{"rule", "level", "cell"};
constexpr std::array<std::string_view, 2> kRuleRequired{"rule", "level"};
constexpr std::array<std::string_view, 6> kConfigurationKeys{"begin",  "commit", "progress",
                                                             "result", "first",  "last"};

constexpr std::array kSpaces{Space::kHolding, Space::kInput};
constexpr std::array kAccesses{Access::kRead, Access::kReadWrite};
constexpr std::array kSafetyClasses{SafetyClass::kSetting,     SafetyClass::kActuating,
                                    SafetyClass::kDestructive, SafetyClass::kConnectivity,
                                    SafetyClass::kClock,       SafetyClass::kCommand};
constexpr std::array kDisplays{Display::kNumber, Display::kIpv4, Display::kAscii};
constexpr std::array kStructures{ModelStructure::kNone, ModelStructure::kSunSpec};
constexpr std::array kWordOrders{codec::WordOrder::kHighFirst, codec::WordOrder::kLowFirst};
constexpr std::array kLevels{Level::kMust, Level::kShould, Level::kEither};
constexpr std::array kNamedTypes{codec::kUint16,  codec::kSint16,  codec::kUint32,
                                 codec::kSint32,  codec::kUint64,  codec::kUint128,
                                 codec::kFloat32, codec::kBoolean, codec::kEventArray};

constexpr std::uint64_t kMaxU16 = 0xFFFF;
constexpr std::uint64_t kMaxU32 = 0xFFFF'FFFF;
constexpr std::size_t kShownChars = 40;

// A string as an error message shows it: quoted, escaped, and cut short.
std::string quote_text(std::string_view text) {
  return quoted_text(text, kShownChars);
}

// A JSON value as an error message shows what it got.
std::string shown(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return quote_text(value.get_ref<const std::string&>());
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::null:
    case json::value_t::boolean:
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return value.dump();
    case json::value_t::binary:
    case json::value_t::discarded:
      break;
  }
  return "something else";
}

std::string joined(Keys keys) {
  std::string out;
  for (const auto key : keys)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", key);
  return out;
}

template <class Enum, std::size_t N, class Name>
std::string names_of(const std::array<Enum, N>& values, Name name) {
  std::string out;
  for (const Enum value : values)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", name(value));
  return out;
}

// A decimal number as a JSON key writes it: digits only, no leading zeros.
std::optional<std::uint64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0')) return {};
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return {};
  return value;
}

// An enum's value as a key: decimal as `maps --json` writes it, or 0x and hex digits as register
// tables often print it ("0x8000").
std::optional<std::uint64_t> enum_value(std::string_view text) {
  if (!text.starts_with("0x") && !text.starts_with("0X")) return decimal(text);
  const auto digits = text.substr(2);
  if (digits.empty() || digits.size() > 16) return {};
  std::uint64_t value = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
  if (error != std::errc{} || end != digits.data() + digits.size()) return {};
  return value;
}

std::optional<codec::DataType> parse_type(std::string_view name) {
  for (const auto type : kNamedTypes) {
    if (type_name(type) == name) return type;
  }
  if (!name.starts_with("str")) return {};
  const auto chars = decimal(name.substr(3));
  if (!chars || *chars < 1 || *chars > codec::kMaxStringChars) return {};
  return codec::str(static_cast<std::uint16_t>(*chars));
}

std::string type_list() {
  return fmt::format(
      "uint16, sint16, uint32, sint32, uint64, uint128, float32, boolean, strN with N 1..{}, "
      "event_array",
      codec::kMaxStringChars);
}

bool is_kind(codec::DataType type, std::initializer_list<codec::ValueKind> kinds) {
  return std::ranges::find(kinds, type.kind) != kinds.end();
}

// The largest raw value a row of this integer type holds, as enum and fixed values give it.
std::uint64_t raw_max(codec::DataType type) {
  switch (type.register_count()) {
    case 1:
      return kMaxU16;
    case 2:
      return kMaxU32;
    default:
      return std::numeric_limits<std::uint64_t>::max();
  }
}

}  // namespace

// Friend of LoadedMap: fills its storage as it reads.
class MapFileReader {
 public:
  static std::unique_ptr<const LoadedMap> load(const json& root, const JsonPositions& positions) {
    std::unique_ptr<LoadedMap> loaded(new LoadedMap);
    MapFileReader reader(positions, *loaded);
    reader.read(root);
    reader.finish();
    check_map_layout(loaded->map());
    return loaded;
  }

 private:
  MapFileReader(const JsonPositions& positions, LoadedMap& loaded)
      : positions_(positions), loaded_(loaded), map_(loaded.map_) {}

  std::string_view keep(std::string text) { return loaded_.strings_.emplace_back(std::move(text)); }

  // ---- JSON shapes ----

  static void known_keys(const json& object, const std::string& path, Keys keys) {
    for (const auto& [key, value] : object.items()) {
      if (std::ranges::find(keys, key) == keys.end()) {
        refuse_key(member_path(path, key),
                   fmt::format("unknown key {} (expected {})", quote_text(key), joined(keys)));
      }
    }
  }

  static void required_keys(const json& object, const std::string& path, Keys keys) {
    for (const auto key : keys) {
      if (!object.contains(key)) {
        refuse_missing(member_path(path, key), path,
                       fmt::format("missing (required: {})", joined(keys)));
      }
    }
  }

  static const json* member(const json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  static const json& object(const json& value, const std::string& path) {
    if (!value.is_object()) refuse(path, fmt::format("expected an object, got {}", shown(value)));
    return value;
  }

  static const json& array(const json& value, const std::string& path) {
    if (!value.is_array()) refuse(path, fmt::format("expected an array, got {}", shown(value)));
    return value;
  }

  static const std::string& text(const json& value, const std::string& path) {
    if (!value.is_string()) refuse(path, fmt::format("expected a string, got {}", shown(value)));
    return value.get_ref<const std::string&>();
  }

  static const std::string& name(const json& value, const std::string& path) {
    const auto& got = text(value, path);
    if (got.empty()) refuse(path, "empty (expected a name)");
    return got;
  }

  static std::uint64_t integer(const json& value, const std::string& path, std::uint64_t min,
                               std::uint64_t max) {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() < min ||
        value.get<std::uint64_t>() > max) {
      refuse(path, fmt::format("expected an integer {}..{}, got {}", min, max, shown(value)));
    }
    return value.get<std::uint64_t>();
  }

  static std::uint16_t address(const json& value, const std::string& path) {
    return static_cast<std::uint16_t>(integer(value, path, 0, kMaxU16));
  }

  static double number(const json& value, const std::string& path) {
    if (!value.is_number()) refuse(path, fmt::format("expected a number, got {}", shown(value)));
    return value.get<double>();
  }

  static bool flag(const json& value, const std::string& path) {
    if (!value.is_boolean())
      refuse(path, fmt::format("expected true or false, got {}", shown(value)));
    return value.get<bool>();
  }

  // One of `values`, by the name `name_of` gives it.
  template <class Enum, std::size_t N, class Name>
  static Enum one_of(const json& value, const std::string& path, const std::array<Enum, N>& values,
                     Name name_of) {
    const auto& got = text(value, path);
    for (const Enum candidate : values) {
      if (name_of(candidate) == got) return candidate;
    }
    refuse(path, fmt::format("unknown value {} (expected {})", quote_text(got),
                             names_of(values, name_of)));
  }

  // An object's entries in the file's order (the parsed object keeps them sorted by key).
  std::vector<std::pair<std::string, const json*>> in_file_order(const json& object,
                                                                 const std::string& path) const {
    std::vector<std::pair<std::size_t, std::pair<std::string, const json*>>> entries;
    for (const auto& [key, value] : object.items()) {
      entries.push_back({positions_.key_offset(member_path(path, key)), {key, &value}});
    }
    std::ranges::stable_sort(entries, {}, [](const auto& entry) { return entry.first; });
    std::vector<std::pair<std::string, const json*>> out;
    for (auto& entry : entries)
      out.push_back(std::move(entry.second));
    return out;
  }

  // ---- the top level ----

  void read(const json& root) {
    if (!root.is_object()) {
      refuse("", fmt::format("expected a JSON object, the form `maps NAME --json` prints; got {}",
                             shown(root)));
    }
    known_keys(root, "", kTopKeys);
    required_keys(root, "", kTopRequired);
    map_.id = keep(read_id(root["id"]));
    if (const json* title = member(root, "title")) map_.title = keep(text(*title, "title"));
    if (const json* document = member(root, "document")) {
      map_.document = keep(text(*document, "document"));
    }
    map_.port = static_cast<std::uint16_t>(integer(root["port"], "port", 1, kMaxU16));
    read_units(root["units"], root["default_unit"]);
    // Before the rows: each number takes the map's word order unless it gives its own.
    if (const json* order = member(root, "word_order")) {
      map_.word_order = one_of(*order, "word_order", kWordOrders, word_order_name);
    }
    read_rows(array(root["rows"], "rows"));
    read_blocks(array(root["blocks"], "blocks"));
    read_rules(array(root["rules"], "rules"));
    if (const json* functions = member(root, "functions")) read_functions(*functions);
    if (const json* sequence = member(root, "configuration")) read_configuration(*sequence);
    if (const json* structure = member(root, "structure")) {
      map_.structure = one_of(*structure, "structure", kStructures, structure_name);
    }
    if (const json* any = member(root, "answers_any_unit")) {
      map_.answers_any_unit = flag(*any, "answers_any_unit");
    }
    if (const json* simulation = member(root, "simulation")) read_simulation(*simulation);
    if (const json* note = member(root, "note")) map_.note = keep(text(*note, "note"));
  }

  static const std::string& read_id(const json& value) {
    const auto& id = text(value, "id");
    const bool good = !id.empty() && id.size() <= 64 && std::ranges::all_of(id, [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!good) {
      refuse("id", fmt::format("{} is not a map id (expected 1..64 characters of a-z, 0-9 and '-')",
                               quote_text(id)));
    }
    return id;
  }

  void read_units(const json& units, const json& default_unit) {
    if (!units.is_array() || units.size() != 2) {
      refuse("units", fmt::format("expected [first, last], got {}", shown(units)));
    }
    const auto first = integer(units[0], "units[0]", 0, 255);
    const auto last = integer(units[1], "units[1]", 0, 255);
    if (first > last) {
      refuse("units[1]", fmt::format("last unit {} is below the first {} (expected first <= last)",
                                     last, first));
    }
    const auto chosen = integer(default_unit, "default_unit", 0, 255);
    if (chosen < first || chosen > last) {
      refuse("default_unit", fmt::format("{} is outside the units {}..{} (expected one of them)",
                                         chosen, first, last));
    }
    map_.first_unit = static_cast<std::uint8_t>(first);
    map_.last_unit = static_cast<std::uint8_t>(last);
    if (chosen != first) map_.unit_when_not_first = static_cast<std::uint8_t>(chosen);
  }

  void read_simulation(const json& value) {
    const auto& id = text(value, "simulation");
    if (id.empty()) return;
    std::string known;
    for (const std::string_view builtin : kBuiltinMapIds) {
      if (builtin == id) {
        map_.simulation = keep(id);
        return;
      }
      known += fmt::format(", {}", builtin);
    }
    refuse("simulation",
           fmt::format("unknown simulation {} (expected \"\"{})", quote_text(id), known));
  }

  // ---- rows ----

  void read_rows(const json& rows) {
    loaded_.rows_.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      loaded_.rows_.push_back(read_row(rows[i], element_path("rows", i)));
  }

  RegisterRow read_row(const json& value, const std::string& path) {
    const json& j = object(value, path);
    known_keys(j, path, kRowKeys);
    required_keys(j, path, kRowRequired);
    const auto at = [&path](std::string_view key) { return member_path(path, key); };
    RegisterRow row{};
    row.space = one_of(j["space"], at("space"), kSpaces, space_name);
    row.address = address(j["address"], at("address"));
    const auto& type = text(j["type"], at("type"));
    const auto parsed = parse_type(type);
    if (!parsed) {
      refuse(at("type"),
             fmt::format("unknown type {} (expected {})", quote_text(type), type_list()));
    }
    row.type = *parsed;
    if (row.type.has_word_order()) row.type.word_order = map_.word_order;
    if (const json* order = member(j, "word_order")) {
      if (!row.type.has_word_order()) {
        refuse_key(at("word_order"),
                   fmt::format("only numbers of several registers (uint32, sint32, uint64, "
                               "uint128, float32) have a word order, not {}",
                               type));
      }
      row.type.word_order = one_of(*order, at("word_order"), kWordOrders, word_order_name);
    }
    const auto registers = row.type.register_count();
    if (integer(j["registers"], at("registers"), 1, 65536) != registers) {
      refuse(at("registers"), fmt::format("{} does not match type {} (expected {})",
                                          j["registers"].get<std::uint64_t>(), type, registers));
    }
    if (row.address + registers - 1 > kMaxU16) {
      refuse(at("address"),
             fmt::format("{} registers from {} run past address 65535", registers, row.address));
    }
    row.name = keep(name(j["name"], at("name")));
    row.access = one_of(j["access"], at("access"), kAccesses, access_name);
    if (const json* units = member(j, "units")) row.units = keep(text(*units, at("units")));
    if (const json* scale = member(j, "scale")) {
      row.scale = number(*scale, at("scale"));
      if (row.scale == 0.0 || !std::isfinite(row.scale)) {
        refuse(at("scale"),
               fmt::format("expected a finite non-zero number, got {}", shown(*scale)));
      }
    }
    if (const json* offset = member(j, "offset")) {
      row.offset = number(*offset, at("offset"));
      if (!std::isfinite(row.offset)) {
        refuse(at("offset"), fmt::format("expected a finite number, got {}", shown(*offset)));
      }
    }
    if (const json* values = member(j, "enum"))
      row.enums = read_enum(*values, at("enum"), row.type);
    if (const json* bits = member(j, "bits")) row.bits = read_bits(*bits, at("bits"), row.type);
    read_safety(j, path, row);
    if (const json* note = member(j, "rules_note")) {
      row.rules_note = keep(text(*note, at("rules_note")));
    }
    if (const json* note = member(j, "note")) row.note = keep(text(*note, at("note")));
    if (const json* display = member(j, "display")) {
      row.display = one_of(*display, at("display"), kDisplays, display_name);
      check_display(row, type, at("display"));
    }
    if (const json* fixed = member(j, "fixed"))
      row.fixed = read_fixed(*fixed, at("fixed"), row.type);
    if (const json* nan = member(j, "nan_allowed")) {
      if (row.type.kind != codec::ValueKind::kFloat32) {
        refuse_key(at("nan_allowed"), fmt::format("only float32 rows may read NaN, not {}", type));
      }
      row.nan_allowed = flag(*nan, at("nan_allowed"));
    }
    if (const json* severities = member(j, "event_severities")) {
      row.event_severities = read_severities(*severities, at("event_severities"), row.type, type);
    }
    return row;
  }

  std::span<const EnumEntry> read_enum(const json& value, const std::string& path,
                                       codec::DataType type) {
    const json& j = object(value, path);
    using codec::ValueKind;
    if (!is_kind(type, {ValueKind::kUint16, ValueKind::kSint16, ValueKind::kUint32,
                        ValueKind::kSint32, ValueKind::kUint64, ValueKind::kEventArray})) {
      refuse_key(path, fmt::format("no enum on a {} row (expected on uint16, sint16, uint32, "
                                   "sint32, uint64 and event_array rows)",
                                   type_name(type)));
    }
    // EnumEntry holds 32 bits; an event array's codes are registers.
    const std::uint64_t max =
        type.kind == ValueKind::kEventArray ? kMaxU16 : std::min(raw_max(type), kMaxU32);
    auto& entries = loaded_.enums_.emplace_back();
    for (const auto& [key, name_value] : in_file_order(j, path)) {
      const auto entry = member_path(path, key);
      const auto parsed = enum_value(key);
      if (!parsed || *parsed > max) {
        refuse_key(entry, fmt::format("{} is not a value of this row (expected a decimal raw "
                                      "value 0..{}, no leading zeros, or 0x and hex digits)",
                                      quote_text(key), max));
      }
      if (std::ranges::any_of(entries, [&](const EnumEntry& e) { return e.value == *parsed; })) {
        refuse_key(entry, fmt::format("{} is value {}, listed already", quote_text(key), *parsed));
      }
      entries.push_back({static_cast<std::uint32_t>(*parsed), keep(name(*name_value, entry))});
    }
    return entries;
  }

  std::span<const BitEntry> read_bits(const json& value, const std::string& path,
                                      codec::DataType type) {
    const json& j = object(value, path);
    using codec::ValueKind;
    if (!is_kind(type, {ValueKind::kUint16, ValueKind::kSint16, ValueKind::kUint32,
                        ValueKind::kSint32, ValueKind::kUint64, ValueKind::kUint128})) {
      refuse_key(path, fmt::format("no bits on a {} row (expected on integer rows: uint16, "
                                   "sint16, uint32, sint32, uint64, uint128)",
                                   type_name(type)));
    }
    const std::size_t width = 16 * type.register_count();
    auto& entries = loaded_.bits_.emplace_back();
    for (const auto& [key, name_value] : in_file_order(j, path)) {
      const auto entry = member_path(path, key);
      const auto bit = decimal(key);
      if (!bit || *bit >= width) {
        refuse_key(entry, fmt::format("{} is not a bit of a {} (expected 0..{}, no leading zeros)",
                                      quote_text(key), type_name(type), width - 1));
      }
      entries.push_back({static_cast<std::uint8_t>(*bit), keep(name(*name_value, entry))});
    }
    return entries;
  }

  void read_safety(const json& j, const std::string& path, RegisterRow& row) {
    const bool writable = row.access == Access::kReadWrite;
    row.safety = writable ? SafetyClass::kSetting : SafetyClass::kReadOnly;
    for (const char* key : {"safety", "safety_reason"}) {
      if (!writable && j.contains(key)) {
        refuse_key(member_path(path, key),
                   fmt::format("{} is only for rw rows (this row's access is r)", key));
      }
    }
    if (const json* safety = member(j, "safety")) {
      row.safety = one_of(*safety, member_path(path, "safety"), kSafetyClasses, safety_name);
    }
    if (const json* reason = member(j, "safety_reason")) {
      row.safety_reason = keep(text(*reason, member_path(path, "safety_reason")));
    }
    read_command(j, path, row);
  }

  // After the safety class, whose default it takes.
  static void read_command(const json& j, const std::string& path, RegisterRow& row) {
    const auto at = [&](std::string_view key) { return member_path(path, key); };
    row.command = command_by_default(row);
    if (const json* command = member(j, "command")) {
      if (row.access != Access::kReadWrite) {
        refuse_key(at("command"), "command is only for rw rows (this row's access is r)");
      }
      row.command = flag(*command, at("command"));
      if (row.command && row.type.register_count() != 1) {
        refuse_key(at("command"),
                   fmt::format("a command register is one register (an order is one value), "
                               "this row has {}",
                               row.type.register_count()));
      }
    }
    if (const json* idle = member(j, "no_command")) {
      if (!row.command) {
        refuse_key(at("no_command"),
                   "no_command is only for command registers (\"command\": true, or a "
                   "one-register destructive or command row)");
      }
      row.no_command = static_cast<std::uint16_t>(integer(*idle, at("no_command"), 0, kMaxU16));
    }
  }

  static void check_display(const RegisterRow& row, std::string_view type,
                            const std::string& path) {
    using codec::ValueKind;
    if (row.display == Display::kIpv4 && row.type.kind != ValueKind::kUint32) {
      refuse(path, fmt::format("ipv4 is for uint32 rows, not {}", type));
    }
    if (row.display == Display::kAscii &&
        !is_kind(row.type, {ValueKind::kUint16, ValueKind::kUint32})) {
      refuse(path, fmt::format("ascii is for uint16 and uint32 rows, not {}", type));
    }
  }

  static std::uint64_t read_fixed(const json& value, const std::string& path,
                                  codec::DataType type) {
    using codec::ValueKind;
    if (!is_kind(type, {ValueKind::kUint16, ValueKind::kSint16, ValueKind::kUint32,
                        ValueKind::kSint32, ValueKind::kUint64, ValueKind::kUint128})) {
      refuse_key(path, fmt::format("no fixed value on a {} row (expected on integer rows)",
                                   type_name(type)));
    }
    // The raw registers' value, as the device sends it: a negative sint16 is 32768 or more.
    return integer(value, path, 0, raw_max(type));
  }

  std::string_view read_severities(const json& value, const std::string& path, codec::DataType type,
                                   std::string_view type_text) {
    if (type.kind != codec::ValueKind::kEventArray) {
      refuse_key(path, fmt::format("only event_array rows have severities, not {}", type_text));
    }
    const auto& letters = text(value, path);
    const bool good = std::ranges::all_of(letters, [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
    });
    if (!good) {
      refuse(path, fmt::format("{} holds more than severity letters (expected letters, and '*' "
                               "for codes whose name has none)",
                               quote_text(letters)));
    }
    return keep(letters);
  }

  // ---- blocks, rules, configuration ----

  void read_blocks(const json& blocks) {
    loaded_.blocks_.reserve(blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const auto path = element_path("blocks", i);
      const json& j = object(blocks[i], path);
      known_keys(j, path, kBlockKeys);
      required_keys(j, path, kBlockKeys);
      Block block{};
      block.space = one_of(j["space"], member_path(path, "space"), kSpaces, space_name);
      block.first = address(j["first"], member_path(path, "first"));
      block.last = address(j["last"], member_path(path, "last"));
      if (block.last < block.first) {
        refuse(
            member_path(path, "last"),
            fmt::format("{} is before first {} (expected first <= last)", block.last, block.first));
      }
      block.name = keep(name(j["name"], member_path(path, "name")));
      loaded_.blocks_.push_back(block);
    }
  }

  void read_rules(const json& rules) {
    std::array<std::optional<std::size_t>, kRuleCount> listed_at{};
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const auto path = element_path("rules", i);
      const json& j = object(rules[i], path);
      known_keys(j, path, kRuleKeys);
      required_keys(j, path, kRuleRequired);
      const auto& rule_text = text(j["rule"], member_path(path, "rule"));
      const auto rule = parse_rule(rule_text);
      if (!rule) {
        std::string known;
        for (std::size_t r = 0; r < kRuleCount; ++r)
          known += fmt::format("{}{}", r == 0 ? "" : ", ", rule_name(static_cast<RuleId>(r)));
        refuse(member_path(path, "rule"),
               fmt::format("unknown rule {} (expected {})", quote_text(rule_text), known));
      }
      auto& first = listed_at.at(static_cast<std::size_t>(*rule));
      if (first) {
        refuse(member_path(path, "rule"),
               fmt::format("{} is listed twice (first in rules[{}])", rule_text, *first));
      }
      first = i;
      RuleApplication application{*rule, std::nullopt, ""};
      if (const json& level = j["level"]; !level.is_null()) {
        const auto found = std::ranges::find_if(
            kLevels, [&level](Level known) { return level == level_name(known); });
        if (found == kLevels.end()) {
          refuse(member_path(path, "level"),
                 fmt::format("unknown level {} (expected \"MUST\", \"SHOULD\", \"EITHER\" or "
                             "null: null for a rule that does not apply)",
                             shown(level)));
        }
        application.level = *found;
      }
      if (const json* cell = member(j, "cell")) {
        application.cell = keep(text(*cell, member_path(path, "cell")));
      }
      loaded_.rules_.push_back(application);
    }
    // In RuleId order, as the built-in tables are; rules the file leaves out stay absent.
    std::ranges::stable_sort(loaded_.rules_, {}, &RuleApplication::rule);
  }

  void read_configuration(const json& value) {
    const json& j = object(value, "configuration");
    known_keys(j, "configuration", kConfigurationKeys);
    required_keys(j, "configuration", kConfigurationKeys);
    const auto at = [&j](const char* key) {
      return address(j[key], member_path("configuration", key));
    };
    map_.configuration = ConfigurationSequence{at("begin"),  at("commit"), at("progress"),
                                               at("result"), at("first"),  at("last")};
  }

  // ---- functions ----

  void read_functions(const json& value) {
    const json& codes = array(value, "functions");
    if (codes.empty()) {
      refuse("functions",
             "empty (expected the function codes the device implements; leave the "
             "field out for those its spaces imply)");
    }
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const std::string path = element_path("functions", i);
      // 0x80 and up are exception answers, not functions.
      const auto code = static_cast<std::uint8_t>(integer(codes[i], path, 1, 127));
      if (std::ranges::find(loaded_.functions_, code) != loaded_.functions_.end()) {
        refuse(path, fmt::format("function {} listed twice", code));
      }
      loaded_.functions_.push_back(code);
    }
    // The suites read every row: a space's read function must be there.
    require_read_function(Space::kHolding, 3, "holding");
    require_read_function(Space::kInput, 4, "input");
  }

  void require_read_function(Space space, std::uint8_t read, std::string_view name) const {
    const bool has_rows = std::ranges::any_of(
        loaded_.rows_, [space](const RegisterRow& row) { return row.space == space; });
    if (has_rows && std::ranges::find(loaded_.functions_, read) == loaded_.functions_.end()) {
      refuse("functions", fmt::format("the map has {} rows but not function {} that reads them "
                                      "(expected {} in the list)",
                                      name, read, read));
    }
  }

  // ---- the views ----

  void finish() {
    for (const RegisterRow& row : loaded_.rows_)
      loaded_.rows_by_address_.at(static_cast<std::size_t>(row.space)).push_back(&row);
    for (auto& rows : loaded_.rows_by_address_) {
      std::ranges::stable_sort(rows, {}, [](const RegisterRow* row) { return row->address; });
    }
    map_.rows = loaded_.rows_;
    map_.blocks = loaded_.blocks_;
    map_.rules = loaded_.rules_;
    map_.functions = loaded_.functions_;
    map_.rows_by_address = {loaded_.rows_by_address_[0], loaded_.rows_by_address_[1]};
  }

  const JsonPositions& positions_;
  LoadedMap& loaded_;
  RegisterMap& map_;
};

std::unique_ptr<const LoadedMap> read_map_json(const json& root, const JsonPositions& positions) {
  return MapFileReader::load(root, positions);
}

}  // namespace mbh::models
