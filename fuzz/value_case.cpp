#include "fuzz/value_case.hpp"

#include <bit>

#include "harness/codec/byte_io.hpp"
#include "models/map_catalog.hpp"

namespace mbh::fuzz {
namespace {

constexpr std::uint8_t kInputSpaceBit = 0x04;
constexpr std::uint8_t kCountBit = 0x08;
constexpr std::uint8_t kKinds = 12;  // ValueKind's ten, and two bytes outside it
constexpr std::uint16_t kMostChars = 1024;
constexpr std::uint16_t kMostRegisters = 1024;

// ByteReader reads zeros past the end, which is what the layout wants.
double read_f64(codec::ByteReader& in) {
  std::uint64_t bits = 0;
  for (int i = 0; i < 4; ++i)
    bits = bits << 16 | in.u16();
  return std::bit_cast<double>(bits);
}

void write_u16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void write_f64(std::vector<std::uint8_t>& out, double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  for (int shift = 48; shift >= 0; shift -= 16)
    write_u16(out, static_cast<std::uint16_t>(bits >> shift));
}

const models::RegisterRow& row_for(const models::RegisterMap& map, bool input_space,
                                   std::uint16_t address) {
  const auto space = input_space ? models::Space::kInput : models::Space::kHolding;
  if (const models::RegisterRow* row = models::row_at(map, space, address)) return *row;
  return map.rows[address % map.rows.size()];
}

}  // namespace

ValueCase read_value_case(std::span<const std::byte> bytes) {
  codec::ByteReader in(bytes);
  ValueCase out;
  const std::uint8_t selector = in.u8();
  const std::size_t map = selector & 0x03u;
  if (map != kNoMap) {
    out.row = &row_for(*models::all_maps()[map], (selector & kInputSpaceBit) != 0, in.u16());
    out.type = out.row->type;
    out.scale = out.row->scale;
    out.offset = out.row->offset;
  } else {
    const auto kind = static_cast<codec::ValueKind>(in.u8() % kKinds);
    const auto chars = static_cast<std::uint16_t>(in.u16() % kMostChars);
    out.type = codec::DataType{kind, kind == codec::ValueKind::kString ? chars : std::uint16_t{0}};
    out.scale = read_f64(in);
    out.offset = read_f64(in);
  }
  std::size_t count = out.type.register_count();
  if ((selector & kCountBit) != 0) count = in.u16() % kMostRegisters;
  out.registers.resize(count);
  for (std::uint16_t& word : out.registers)
    word = in.u16();
  out.physical = read_f64(in);
  return out;
}

std::vector<std::uint8_t> write_value_input(const ValueInput& input) {
  std::vector<std::uint8_t> out;
  out.push_back(static_cast<std::uint8_t>(input.map | (input.input_space ? kInputSpaceBit : 0) |
                                          (input.count ? kCountBit : 0)));
  if (input.map != kNoMap) {
    write_u16(out, input.address);
  } else {
    out.push_back(input.kind);
    write_u16(out, input.chars);
    write_f64(out, input.scale);
    write_f64(out, input.offset);
  }
  if (input.count) write_u16(out, *input.count);
  for (const std::uint16_t word : input.registers)
    write_u16(out, word);
  write_f64(out, input.physical);
  return out;
}

}  // namespace mbh::fuzz
