// Writes fuzz_values' seeds (the layout of fuzz/value_case.hpp) into a folder. First the three
// maps' rows: one seed per kind, scale and offset that some row has (the first such row), its
// registers holding a value typical of the row (its last listed value, its highest defined bit, the
// SunSpec marker, its name as its text, two codes of its event list) and its physical value that
// raw's. Then the edges no row reaches: NaN payloads, infinities, -0.0, subnormals, wrong register
// counts, str<n> over the limit and with dirty padding, event arrays with a count over 32 and a
// dirty tail, a non-canonical boolean, a kind outside ValueKind, a zero scale, physical values off
// the grid and out of range.
//   make_value_seeds DIR      writes the seeds (DIR: corpus/fuzz_values)
//   make_value_seeds --dict   prints the maps' block addresses as dictionary tokens
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz/seeds/seed_files.hpp"
#include "fuzz/value_case.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "models/map_catalog.hpp"

namespace {

namespace codec = mbh::codec;
namespace models = mbh::models;
using codec::ValueKind;
using mbh::fuzz::ValueInput;

constexpr std::string_view kKindNames[] = {"uint16",  "sint16",  "uint32",  "sint32", "uint64",
                                           "uint128", "float32", "boolean", "string", "events"};

std::string_view kind_name(ValueKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

codec::Value typical_value(const models::RegisterRow& row) {
  std::uint64_t raw = 1234;
  if (!row.enums.empty()) raw = row.enums.back().value;
  if (!row.bits.empty()) raw = std::uint64_t{1} << row.bits.back().bit;
  if (row.name == "Start Marker") raw = 0x53756E53;  // "SunS"
  switch (row.type.kind) {
    case ValueKind::kUint16:
      return static_cast<std::uint16_t>(raw);
    case ValueKind::kSint16:
      return std::int16_t{-1234};
    case ValueKind::kUint32:
      return static_cast<std::uint32_t>(raw);
    case ValueKind::kSint32:
      return std::int32_t{-1234567};
    case ValueKind::kUint64:
      return std::uint64_t{1'700'000'000};  // a Unix time in 2023
    case ValueKind::kUint128:
      return codec::Uint128{0x0123456789ABCDEF, 0xFEDCBA9876543210};
    case ValueKind::kFloat32:
      return 55.5f;
    case ValueKind::kBoolean:
      return true;
    case ValueKind::kString:
      return codec::DecodedString{std::string(row.name.substr(0, row.type.string_chars)), {}, true};
    case ValueKind::kEventArray: {
      codec::DecodedEventArray events;
      for (const auto& entry : row.enums.last(2))
        events.codes[events.size++] = static_cast<std::uint16_t>(entry.value);
      events.count = static_cast<std::uint16_t>(events.size);
      return events;
    }
  }
  return std::uint16_t{0};
}

std::vector<std::uint16_t> words(const codec::RegisterWords& encoded) {
  return {encoded.span().begin(), encoded.span().end()};
}

bool write_row_seeds(const std::filesystem::path& dir) {
  bool ok = true;
  const auto maps = models::all_maps();
  std::set<std::tuple<ValueKind, double, double>> seen;
  for (std::uint8_t m = 0; m < maps.size(); ++m) {
    for (const models::RegisterRow& row : maps[m]->rows) {
      if (!seen.emplace(row.type.kind, row.scale, row.offset).second) continue;
      const codec::Value value = typical_value(row);
      ValueInput input;
      input.map = m;
      input.input_space = row.space == models::Space::kInput;
      input.address = row.address;
      input.registers = words(codec::encode_value(row.type, value).value());
      const auto physical = codec::value_to_physical(value, row.scale, row.offset);
      input.physical = physical.ok() ? physical.value() : 0.0;  // strings and events: none
      const std::string name = std::string(maps[m]->id) + "-" + std::to_string(row.address) + "-" +
                               std::string(kind_name(row.type.kind)) + ".bin";
      ok = mbh::fuzz::write_seed(dir, name, mbh::fuzz::write_value_input(input)) && ok;
    }
  }
  return ok;
}

// A free-type seed: kind, chars, scale, offset, registers (count given when not the type's).
ValueInput free_seed(ValueKind kind, std::vector<std::uint16_t> registers, double physical,
                     double scale = 1.0, double offset = 0.0, std::uint16_t chars = 0) {
  ValueInput input;
  input.kind = static_cast<std::uint8_t>(kind);
  input.chars = chars;
  input.scale = scale;
  input.offset = offset;
  const codec::DataType type{kind, chars};
  if (registers.size() != type.register_count()) {
    input.count = static_cast<std::uint16_t>(registers.size());
  }
  input.registers = std::move(registers);
  input.physical = physical;
  return input;
}

bool write_edge_seeds(const std::filesystem::path& dir) {
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::uint16_t> long_text = words(codec::encode_string("over the limit", 250).value());
  long_text.push_back(0x2100);  // str<251>: one register more than an encoder writes
  std::vector<std::uint16_t> events(codec::kEventArrayRegisters, 0);
  events[0] = 40;  // a count over 32, and a non-zero register past the 32 listed
  events[1] = 0x159E;
  events[40] = 7;
  const std::vector<std::pair<std::string, ValueInput>> seeds{
      {"float32-nan-payload", free_seed(ValueKind::kFloat32, {0x7FC0, 0x1234}, kNan)},
      {"float32-signalling-nan", free_seed(ValueKind::kFloat32, {0xFF80, 0x0001}, -kInf)},
      {"float32-negative-zero", free_seed(ValueKind::kFloat32, {0x8000, 0x0000}, -0.0)},
      {"float32-infinity", free_seed(ValueKind::kFloat32, {0x7F80, 0x0000}, kInf)},
      {"float32-subnormal", free_seed(ValueKind::kFloat32, {0x0000, 0x0001}, 0x1p-149)},
      {"float32-max-overflow", free_seed(ValueKind::kFloat32, {0x7F7F, 0xFFFF}, 0x1.ffffffp127)},
      {"uint16-three-registers", free_seed(ValueKind::kUint16, {1, 2, 3}, 1.0)},
      {"uint128-seven-registers", free_seed(ValueKind::kUint128, {1, 2, 3, 4, 5, 6, 7}, 1.0)},
      {"string-over-the-limit", free_seed(ValueKind::kString, long_text, 0.0, 1.0, 0.0, 251)},
      {"string-odd-dirty-padding",
       free_seed(ValueKind::kString, {0x4142, 0x0043, 0x4400}, 0.0, 1.0, 0.0, 5)},
      {"events-count-over-32", free_seed(ValueKind::kEventArray, events, 0.0)},
      {"boolean-five", free_seed(ValueKind::kBoolean, {5}, 0.5)},
      {"kind-outside-enum", free_seed(ValueKind{10}, {0xFFFF}, 1.0)},
      {"uint16-zero-scale", free_seed(ValueKind::kUint16, {7}, 7.0, 0.0)},
      {"sint32-out-of-range", free_seed(ValueKind::kSint32, {0x8000, 0x0000}, 1e300, 0.1, -40.0)},
      {"uint32-off-grid", free_seed(ValueKind::kUint32, {0, 1234}, 20.57, 0.016667)},
      {"uint64-raw-overflows-double", free_seed(ValueKind::kUint64, {0, 0, 0, 1}, 1.0, 1e-310)},
  };
  bool ok = true;
  for (const auto& [name, input] : seeds)
    ok = mbh::fuzz::write_seed(dir, name + ".bin", mbh::fuzz::write_value_input(input)) && ok;
  return ok;
}

// A dictionary token's name: letters, digits and underscores only.
std::string token_name(std::string_view id) {
  std::string name(id);
  for (char& c : name)
    c = c == '-' ? '_' : c;
  return name;
}

void print_dictionary() {
  std::set<std::uint16_t> printed;
  for (const models::RegisterMap* map : models::all_maps()) {
    for (const models::Block& block : map->blocks) {
      for (const std::uint16_t address : {block.first, block.last}) {
        if (!printed.insert(address).second) continue;
        std::printf("addr_%s_%u=\"\\x%02X\\x%02X\"\n", token_name(map->id).c_str(),
                    unsigned{address}, unsigned{address} >> 8, unsigned{address} & 0xFFu);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR | --dict\n", argv[0]);
    return 2;
  }
  if (std::string_view(argv[1]) == "--dict") {
    print_dictionary();
    return 0;
  }
  const std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  const bool rows = write_row_seeds(dir);
  const bool edges = write_edge_seeds(dir);
  return rows && edges ? 0 : 1;
}
