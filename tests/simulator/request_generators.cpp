#include "request_generators.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "models/known_state.hpp"

namespace mbh::simulator::testing {
namespace {

using models::RegisterMap;
using models::RegisterRow;
using models::Space;

// Addresses around every edge of a space: block ends, row starts and the words either side.
std::vector<std::uint16_t> edges_of(const RegisterMap& map, Space space) {
  std::set<std::uint16_t> edges{0, 1, 0xFFFE, 0xFFFF};
  auto near = [&edges](int address) {
    for (int d = -2; d <= 2; ++d) {
      if (address + d >= 0 && address + d <= 0xFFFF)
        edges.insert(static_cast<std::uint16_t>(address + d));
    }
  };
  for (const models::Block& block : map.blocks) {
    if (block.space != space) continue;
    near(block.first);
    near(block.last);
  }
  for (const RegisterRow& row : map.rows) {
    if (row.space != space) continue;
    near(row.address);
    near(row.address + static_cast<int>(row.type.register_count()));
  }
  return {edges.begin(), edges.end()};
}

rc::Gen<std::uint16_t> address_gen(const RegisterMap& map, Space space) {
  const auto edges = edges_of(map, space);
  return rc::gen::weightedOneOf<std::uint16_t>({
      {8, rc::gen::elementOf(edges)},
      {1, rc::gen::arbitrary<std::uint16_t>()},
  });
}

rc::Gen<std::uint16_t> quantity_gen() {
  return rc::gen::weightedOneOf<std::uint16_t>({
      {6, rc::gen::inRange<std::uint16_t>(1, 9)},
      {3, rc::gen::inRange<std::uint16_t>(0, 127)},
      {1, rc::gen::element<std::uint16_t>(0, 64, 124, 125, 126)},
  });
}

std::vector<const RegisterRow*> holding_rows(const RegisterMap& map) {
  std::vector<const RegisterRow*> rows;
  for (const RegisterRow& row : map.rows) {
    if (row.space == Space::kHolding) rows.push_back(&row);
  }
  return rows;
}

bool is_enapter_configuration(const RegisterMap& map, const RegisterRow& row) {
  return row.space == Space::kHolding && models::is_configuration_register(map, row.address);
}

// Words for one row: mostly a value it may hold, sometimes any words at all.
rc::Gen<std::vector<std::uint16_t>> row_words_gen(const RegisterMap& map, const RegisterRow& row) {
  const std::size_t count = row.type.register_count();
  if (!row.enums.empty() && count == 1) {
    std::vector<std::uint16_t> listed;
    for (const models::EnumEntry& e : row.enums)
      listed.push_back(static_cast<std::uint16_t>(e.value));
    return rc::gen::weightedOneOf<std::vector<std::uint16_t>>({
        {4,
         rc::gen::map(rc::gen::elementOf(listed), [](std::uint16_t v) { return std::vector{v}; })},
        {1, rc::gen::container<std::vector<std::uint16_t>>(1, rc::gen::arbitrary<std::uint16_t>())},
    });
  }
  if (row.type.kind == codec::ValueKind::kFloat32 && is_enapter_configuration(map, row)) {
    // Values the configuration commit accepts (RULES.md R-CONFIG: "the new values read back").
    return rc::gen::map(rc::gen::inRange(0, 1000), [](int tenths) {
      const auto words = codec::encode_float32(static_cast<float>(tenths) / 10.0F);
      return std::vector<std::uint16_t>(words.span().begin(), words.span().end());
    });
  }
  return rc::gen::container<std::vector<std::uint16_t>>(count, rc::gen::arbitrary<std::uint16_t>());
}

// A write that starts on a row and covers one to three whole rows.
rc::Gen<SentRequest> row_write_gen(const RegisterMap& map, std::uint8_t unit) {
  const auto rows = holding_rows(map);
  return rc::gen::exec([&map, rows, unit] {
    const std::size_t first = *rc::gen::inRange<std::size_t>(0, rows.size());
    const std::size_t span = *rc::gen::inRange<std::size_t>(1, 4);
    std::vector<std::uint16_t> values;
    std::string names;
    for (std::size_t i = first; i < std::min(rows.size(), first + span); ++i) {
      if (i > first &&
          rows[i]->address != rows[i - 1]->address + rows[i - 1]->type.register_count())
        break;
      const auto words = *row_words_gen(map, *rows[i]);
      values.insert(values.end(), words.begin(), words.end());
      names += (names.empty() ? "" : ", ") + std::string(rows[i]->name);
    }
    const std::uint16_t address = rows[first]->address;
    if (values.size() == 1 && *rc::gen::arbitrary<bool>()) {
      return SentRequest{unit, pdu_of(codec::WriteSingleRegisterRequest{address, values[0]}),
                         "write single to " + names};
    }
    codec::WriteMultipleRegistersRequest request{address, {}};
    request.values.assign(values.begin(), values.end());
    return SentRequest{unit, pdu_of(request), "write multiple to " + names};
  });
}

rc::Gen<SentRequest> edge_write_gen(const RegisterMap& map, std::uint8_t unit) {
  return rc::gen::exec([&map, unit] {
    const std::uint16_t address = *address_gen(map, Space::kHolding);
    const auto count = *rc::gen::inRange<std::size_t>(1, 6);
    const auto values =
        *rc::gen::container<std::vector<std::uint16_t>>(count, rc::gen::arbitrary<std::uint16_t>());
    if (count == 1) {
      return SentRequest{unit, pdu_of(codec::WriteSingleRegisterRequest{address, values[0]}),
                         "write single near an edge"};
    }
    codec::WriteMultipleRegistersRequest request{address, {}};
    request.values.assign(values.begin(), values.end());
    return SentRequest{unit, pdu_of(request), "write multiple near an edge"};
  });
}

rc::Gen<SentRequest> read_gen(const RegisterMap& map, std::uint8_t unit, Space space) {
  return rc::gen::exec([&map, unit, space] {
    const std::uint16_t address = *address_gen(map, space);
    const std::uint16_t quantity = *quantity_gen();
    // quantity 0 and 126 are malformed: the bytes are written directly.
    const std::vector<std::byte> pdu{
        std::byte{space == Space::kInput ? std::uint8_t{0x04} : std::uint8_t{0x03}},
        std::byte{static_cast<std::uint8_t>(address >> 8)},
        std::byte{static_cast<std::uint8_t>(address & 0xFF)},
        std::byte{static_cast<std::uint8_t>(quantity >> 8)},
        std::byte{static_cast<std::uint8_t>(quantity & 0xFF)}};
    return SentRequest{unit, pdu, space == Space::kInput ? "read input" : "read holding"};
  });
}

rc::Gen<std::vector<std::byte>> bytes_gen(std::size_t min, std::size_t max) {
  return rc::gen::mapcat(rc::gen::inRange(min, max + 1), [](std::size_t n) {
    return rc::gen::container<std::vector<std::byte>>(
        n, rc::gen::map(rc::gen::arbitrary<std::uint8_t>(),
                        [](std::uint8_t b) { return std::byte{b}; }));
  });
}

rc::Gen<SentRequest> unsupported_gen(std::uint8_t unit) {
  return rc::gen::exec([unit] {
    const std::uint8_t function = *rc::gen::weightedOneOf<std::uint8_t>({
        {4, rc::gen::element<std::uint8_t>(0x01, 0x02, 0x05, 0x07, 0x08, 0x0B, 0x0C, 0x0F, 0x11,
                                           0x14, 0x15, 0x16, 0x17, 0x18, 0x2B, 0x83, 0x90)},
        {1, rc::gen::arbitrary<std::uint8_t>()},
    });
    auto pdu = *bytes_gen(0, 8);
    pdu.insert(pdu.begin(), std::byte{function});
    return SentRequest{unit, pdu, "a function the device may lack"};
  });
}

rc::Gen<SentRequest> malformed_gen(const RegisterMap& map, std::uint8_t unit) {
  return rc::gen::exec([&map, unit] {
    const std::uint8_t function = *rc::gen::element<std::uint8_t>(0x03, 0x04, 0x06, 0x10);
    auto tail = *bytes_gen(0, 12);
    if (function == 0x10 && tail.size() >= 5 && *rc::gen::arbitrary<bool>()) {
      // A plausible header, with a byte count that may or may not fit what follows.
      const std::uint16_t address = *address_gen(map, Space::kHolding);
      tail[0] = std::byte{static_cast<std::uint8_t>(address >> 8)};
      tail[1] = std::byte{static_cast<std::uint8_t>(address & 0xFF)};
      tail[2] = std::byte{0};
      tail[3] = std::byte{*rc::gen::inRange<std::uint8_t>(0, 5)};
    }
    tail.insert(tail.begin(), std::byte{function});
    return SentRequest{unit, tail, "arbitrary bytes after a function code"};
  });
}

rc::Gen<SentRequest> other_unit_gen(const RegisterMap& map) {
  return rc::gen::exec([&map] {
    const auto unit = *rc::gen::suchThat(rc::gen::arbitrary<std::uint8_t>(),
                                         [&map](std::uint8_t u) { return u != map.first_unit; });
    auto request = *read_gen(map, unit, Space::kHolding);
    request.what = "to another unit id: " + request.what;
    return request;
  });
}

}  // namespace

rc::Gen<SentRequest> request_gen(const RegisterMap& map) {
  const std::uint8_t unit = map.first_unit;
  return rc::gen::weightedOneOf<SentRequest>({
      {6, read_gen(map, unit, Space::kHolding)},
      {3, read_gen(map, unit, Space::kInput)},
      {6, row_write_gen(map, unit)},
      {2, edge_write_gen(map, unit)},
      {2, unsupported_gen(unit)},
      {2, malformed_gen(map, unit)},
      {1, other_unit_gen(map)},
  });
}

}  // namespace mbh::simulator::testing
