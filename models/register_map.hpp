#pragma once
// A device's register map as data: one RegisterRow per row of the vendor's document, in the
// document's order, with the document's own names. Held row by row against the document.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "harness/codec/values/data_type.hpp"
#include "models/rule_table.hpp"

namespace mbh::models {

enum class Space : std::uint8_t {
  kHolding,  // read with FC 03, written with FC 06 / 16
  kInput,    // read with FC 04, never written
};

enum class Access : std::uint8_t {
  kRead,       // "r"
  kReadWrite,  // "rw"
};

// RULES.md "Writes and safety": what a conformance run may write, and when.
enum class SafetyClass : std::uint8_t {
  kReadOnly,      // not writable
  kSetting,       // written, read back, restored
  kActuating,     // only with --allow-actuation
  kDestructive,   // only with --allow-destructive; never in the default suite
  kConnectivity,  // only with --allow-destructive: a wrong value cuts the harness off
  kClock,         // only with --allow-actuation; read-back compared within 2 s
  kCommand,       // Enapter Configuration Begin/Commit: written by the configuration sequence only
};

// How people read a row's integer value, where the document says it is not a quantity: an
// IPv4 address ("0xC0A80201 (192.168.2.1)") or four ASCII characters (0x454C3231 for EL 2.1).
enum class Display : std::uint8_t {
  kNumber,  // a number, with its unit
  kIpv4,    // a uint32 as a dotted IPv4 address, first octet in the high byte
  kAscii,   // a uint16/uint32 as its characters, high byte first
};

// One valid value of an enumerated register, with the document's text for it.
struct EnumEntry {
  std::uint32_t value;
  std::string_view name;
};

// One defined bit of a bitmap register (bit 0 = LSB), with the document's text.
struct BitEntry {
  std::uint8_t bit;
  std::string_view name;
};

struct RegisterRow {
  Space space;
  std::uint16_t address;  // protocol address, as sent on the wire
  std::string_view name;  // the document's name, verbatim (whitespace folded)
  codec::DataType type;
  Access access;
  std::string_view units;  // "" where the document gives none
  double scale = 1.0;
  double offset = 0.0;
  std::span<const EnumEntry> enums = {};  // valid values where the notes list them
  std::span<const BitEntry> bits = {};    // defined bits where the row is a bitmap
  SafetyClass safety = SafetyClass::kReadOnly;
  std::string_view safety_reason = "";  // why this class (RULES.md), for writable rows
  // RULES.md's command registers (AGS Reset, Clear): a write is an order, not a stored value.
  // One may read 0 (R-ENUM), is never written back with an order, and after a run is put back
  // to `no_command` where it has one (0 for Clear; AGS Reset's 0 reboots, so it has none).
  bool command = false;
  std::optional<std::uint16_t> no_command = std::nullopt;
  std::string_view rules_note = "";  // where RULES.md decides what the document leaves open
  Display display = Display::kNumber;
  // R-IDENTITY: the one value the document fixes for this row (SunSpec "SunS", a model id,
  // Enapter's Device Model "EL21"); any other value fails.
  std::optional<std::uint64_t> fixed = std::nullopt;
  // R-RANGE: a float32 row that may read NaN (Enapter H2 Flow Rate while idle).
  bool nan_allowed = false;
  // R-EVENTS, for event arrays: the severity letters (first letter of a code's name, "FT_10")
  // this array should hold; '*' lets codes whose name is not of that form ("int") in too.
  std::string_view event_severities = "";
  // How the row was read from its document where that took a reading (a line the extraction
  // broke, a value the document states elsewhere): for people, no check reads it.
  std::string_view note = "";
};

// A run of contiguous rows that one request may read (RULES.md block boundaries).
struct Block {
  Space space;
  std::uint16_t first;  // first protocol address
  std::uint16_t last;   // last protocol address (inclusive)
  std::string_view name;
};

// A staged configuration (Enapter's, RULES.md R-CONFIG): holding registers first..last take
// effect only between a write of 1 to `begin` and a write of 1 to `commit` (0 rolls back);
// the device reports in input registers `progress` and `result`.
struct ConfigurationSequence {
  std::uint16_t begin;     // holding
  std::uint16_t commit;    // holding
  std::uint16_t progress;  // input: configuration in progress
  std::uint16_t result;    // input: last configuration result
  std::uint16_t first;     // first holding register the sequence covers
  std::uint16_t last;      // last holding register it covers (inclusive)
};

// A model structure the value suite checks beside the rows (R-IDENTITY).
enum class ModelStructure : std::uint8_t {
  kNone,
  kSunSpec,  // "SunS", then models each giving its id and its length up to the end marker
};

// Rows of one space sorted by address, for lookups; empty: the rows are scanned.
using RowsByAddress = std::span<const RegisterRow* const>;

struct RegisterMap {
  std::string_view id;        // "conext-bms"
  std::string_view document;  // file name in shared/specs
  std::string_view title;
  std::uint16_t port;
  std::uint8_t first_unit;
  std::uint8_t last_unit;
  std::span<const RegisterRow> rows;
  std::span<const Block> blocks;
  // RULES.md's table for this map: every rule the map checks, with its level (null: n/a).
  std::span<const RuleApplication> rules = {};
  std::optional<ConfigurationSequence> configuration = std::nullopt;
  ModelStructure structure = ModelStructure::kNone;
  // R-UNIT: the device answers a unit id it does not serve as if it were its own (Enapter).
  bool answers_any_unit = false;
  // How the map's numbers of several registers are sent unless a row says otherwise (each row's
  // type holds its own): all three documents send the high word first.
  codec::WordOrder word_order = codec::WordOrder::kHighFirst;
  // The simulator's live model for this map ("conext-bms", ...); "" serves the rows' values.
  std::string_view simulation = "";
  // The function codes the device implements, in the file's order; empty: those its spaces
  // imply (03, 06 and 16 with holding rows, 04 with input rows). R-FUNCTION expects exception 01
  // for every other; the harness models 03, 04, 06 and 16 and accepts any answer to the rest.
  std::span<const std::uint8_t> functions = {};
  // How the map was transcribed (its conventions), for people: no check reads it.
  std::string_view note = "";
  std::array<RowsByAddress, 2> rows_by_address = {};  // by Space
  // The unit id the device takes unless told, where it is not first_unit (a device that may be
  // given any of 1..247 and comes as 10); default_unit() reads it.
  std::optional<std::uint8_t> unit_when_not_first = std::nullopt;
};

// The unit id the harness addresses and the simulator serves unless told otherwise.
inline std::uint8_t default_unit(const RegisterMap& map) {
  return map.unit_when_not_first.value_or(map.first_unit);
}

}  // namespace mbh::models
