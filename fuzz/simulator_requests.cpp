#include "fuzz/simulator_requests.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"

namespace mbh::fuzz {
namespace {

namespace codec = mbh::codec;
namespace models = mbh::models;
using models::RegisterMap;
using models::RegisterRow;
using models::Space;

using Pdu = std::vector<std::byte>;

std::byte high(std::uint16_t word) {
  return std::byte{static_cast<std::uint8_t>(word >> 8)};
}
std::byte low(std::uint16_t word) {
  return std::byte{static_cast<std::uint8_t>(word & 0xFF)};
}

// Function, then two words: reads (address, quantity) and write single (address, value).
Pdu two_word_pdu(std::uint8_t function, std::uint16_t first, std::uint16_t second) {
  return {std::byte{function}, high(first), low(first), high(second), low(second)};
}

Pdu write_multiple_pdu(std::uint16_t address, std::span<const std::uint16_t> values) {
  const auto quantity = static_cast<std::uint16_t>(values.size());
  Pdu pdu = two_word_pdu(0x10, address, quantity);
  pdu.push_back(std::byte{static_cast<std::uint8_t>(2 * quantity)});
  for (const std::uint16_t value : values) {
    pdu.push_back(high(value));
    pdu.push_back(low(value));
  }
  return pdu;
}

std::uint8_t read_function(Space space) {
  return space == Space::kInput ? std::uint8_t{0x04} : std::uint8_t{0x03};
}

template <class T>
const T& pick(FuzzedDataProvider& input, std::span<const T> items) {
  return items[input.ConsumeIntegralInRange<std::size_t>(0, items.size() - 1)];
}

// Within a block, a whole row, or across a block's edge with any quantity (R-GAP, R-QUANTITY).
Pdu read_pdu(FuzzedDataProvider& input, const RegisterMap& map) {
  const models::Block& block = pick(input, map.blocks);
  switch (input.ConsumeIntegralInRange(0, 2)) {
    case 0: {
      const auto first = input.ConsumeIntegralInRange<std::uint16_t>(block.first, block.last);
      const int most = std::min(125, block.last - first + 1);
      return two_word_pdu(read_function(block.space), first,
                          static_cast<std::uint16_t>(input.ConsumeIntegralInRange(1, most)));
    }
    case 1: {
      const RegisterRow& row = pick(input, map.rows);
      return two_word_pdu(read_function(row.space), row.address,
                          static_cast<std::uint16_t>(row.type.register_count()));
    }
    default: {
      const int edge = input.ConsumeBool() ? block.first : block.last;
      const int first = std::clamp(edge + input.ConsumeIntegralInRange(-3, 3), 0, 0xFFFF);
      return two_word_pdu(read_function(block.space), static_cast<std::uint16_t>(first),
                          input.ConsumeIntegralInRange<std::uint16_t>(0, 130));
    }
  }
}

std::vector<const RegisterRow*> writable_rows(const RegisterMap& map, bool configuration) {
  std::vector<const RegisterRow*> rows;
  for (const RegisterRow& row : map.rows) {
    if (row.space == Space::kHolding && row.access == models::Access::kReadWrite &&
        row.safety != models::SafetyClass::kCommand &&
        models::is_configuration_register(map, row.address) == configuration) {
      rows.push_back(&row);
    }
  }
  return rows;
}

// Mostly a value the row may hold (a listed one; for a float, tenths of 0..100), else any.
std::vector<std::uint16_t> row_words(FuzzedDataProvider& input, const RegisterRow& row) {
  const std::size_t count = row.type.register_count();
  if (input.ConsumeBool()) {
    if (!row.enums.empty() && count == 1) {
      return {static_cast<std::uint16_t>(pick(input, row.enums).value)};
    }
    if (row.type.kind == codec::ValueKind::kFloat32) {
      const auto words =
          codec::encode_float32(static_cast<float>(input.ConsumeIntegralInRange(0, 1000)) / 10.0F);
      return {words.span().begin(), words.span().end()};
    }
  }
  std::vector<std::uint16_t> words(count);
  for (auto& word : words)
    word = input.ConsumeIntegral<std::uint16_t>();
  return words;
}

Pdu write_pdu(FuzzedDataProvider& input, const RegisterRow& row) {
  const auto words = row_words(input, row);
  if (words.size() == 1 && input.ConsumeBool()) return two_word_pdu(0x06, row.address, words[0]);
  return write_multiple_pdu(row.address, words);
}

// A function code and a few bytes: functions the devices lack (R-FUNCTION), malformed PDUs.
Pdu any_pdu(FuzzedDataProvider& input) {
  Pdu pdu{std::byte{input.ConsumeIntegral<std::uint8_t>()}};
  for (const std::uint8_t b :
       input.ConsumeBytes<std::uint8_t>(input.ConsumeIntegralInRange<std::size_t>(0, 8)))
    pdu.push_back(std::byte{b});
  return pdu;
}

class Composer {
 public:
  Composer(FuzzedDataProvider& input, std::vector<std::byte>& stream)
      : input_(input), stream_(stream), next_id_(input.ConsumeIntegral<std::uint16_t>()) {}

  std::size_t composed() const { return composed_; }

  void append(std::uint8_t unit, std::span<const std::byte> pdu) {
    std::array<std::byte, codec::kMbapSize> header{};
    codec::encode_mbap(
        codec::MbapHeader{next_id_++, 0, static_cast<std::uint16_t>(pdu.size() + 1), unit}, header);
    stream_.insert(stream_.end(), header.begin(), header.end());
    stream_.insert(stream_.end(), pdu.begin(), pdu.end());
    ++composed_;
  }

  // Begin, one configuration row written, Commit or Rollback, the row read back (R-CONFIG).
  void configuration_sequence(std::uint8_t unit, const RegisterMap& map) {
    const auto rows = writable_rows(map, true);
    if (rows.empty() || !map.configuration) return;
    const RegisterRow& row = *pick(input_, std::span<const RegisterRow* const>(rows));
    append(unit, two_word_pdu(0x06, map.configuration->begin, 1));
    append(unit, write_pdu(input_, row));
    append(unit, two_word_pdu(0x06, map.configuration->commit, input_.ConsumeBool() ? 1 : 0));
    append(unit,
           two_word_pdu(0x03, row.address, static_cast<std::uint16_t>(row.type.register_count())));
  }

  void one_more() {
    const auto maps = models::all_maps();
    const std::size_t device = input_.ConsumeIntegralInRange<std::size_t>(0, maps.size());
    const RegisterMap& map = *maps[device % maps.size()];
    // Past the three devices: any unit id, mostly one no device serves (R-UNIT).
    const std::uint8_t unit =
        device < maps.size() ? models::default_unit(map) : input_.ConsumeIntegral<std::uint8_t>();
    switch (input_.ConsumeIntegralInRange(0, 3)) {
      case 0:
        append(unit, read_pdu(input_, map));
        break;
      case 1: {
        const auto rows = writable_rows(map, false);
        if (!rows.empty())
          append(unit, write_pdu(input_, *pick(input_, std::span<const RegisterRow* const>(rows))));
        break;
      }
      case 2:
        configuration_sequence(unit, map);
        break;
      default:
        append(unit, any_pdu(input_));
    }
  }

 private:
  FuzzedDataProvider& input_;
  std::vector<std::byte>& stream_;
  std::uint16_t next_id_;
  std::size_t composed_ = 0;
};

}  // namespace

void compose_requests(FuzzedDataProvider& input, std::size_t most, std::vector<std::byte>& stream) {
  Composer composer(input, stream);
  while (composer.composed() < most && input.remaining_bytes() > 0)
    composer.one_more();
}

}  // namespace mbh::fuzz
