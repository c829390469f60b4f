#include "harness/netfuzz/pairwise_frames.hpp"

#include <algorithm>

#include "harness/codec/protocol_limits.hpp"

namespace mbh::netfuzz {
namespace {

unsigned address_of(std::size_t address_class, const models::Block& block) {
  static constexpr std::array<unsigned, kAddressClasses> kFixed{0x0000, 0x0001, 0,      0,     0, 0,
                                                                0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
  switch (address_class) {
    case 2:
      return block.first;
    case 3:
      return block.last;
    case 4:
      return (block.first + 0xFFFFU) & 0xFFFFU;
    case 5:
      return (block.last + 1U) & 0xFFFFU;
    default:
      return kFixed[address_class];
  }
}

unsigned quantity_of(std::size_t quantity_class, std::uint8_t function, unsigned address) {
  const unsigned max = std::max<unsigned>(max_quantity(function), 1);
  switch (quantity_class) {
    case 0:
      return 0;
    case 1:
      return 1;
    case 2:
      return max;
    case 3:
      return max + 1U;
    case 4:
      return 0xFFFF;
    default:
      return std::min(0x10001U - address, 0xFFFFU);
  }
}

unsigned value_of(std::size_t quantity_class) {
  static constexpr std::array<unsigned, kQuantityClasses> kValues{0x0000, 0x0001, 0xFF00,
                                                                  0xFF01, 0xFFFF, 0x8000};
  return kValues[quantity_class];
}

Pdu values(std::size_t count, std::size_t header) {
  Pdu out(std::min(count, codec::kMaxPduSize - header));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::byte>((i * 53U + 7U) & 0xFFU);
  return out;
}

unsigned count_of(std::size_t count_class, unsigned right) {
  switch (count_class) {
    case 0:
      return right;
    case 1:
      return right - 1U;
    case 2:
      return right + 1U;
    case 3:
      return 0;
    default:
      return 0xFF;
  }
}

// A PDU of fixed layout cut or stretched as the byte-count class says.
Pdu resized(Pdu pdu, std::size_t count_class) {
  switch (count_class) {
    case 1:
      pdu.pop_back();
      break;
    case 2:
      pdu.push_back(std::byte{0});
      break;
    case 3:
      pdu.resize(3);
      break;
    case 4:
      pdu.resize(codec::kMaxPduSize, std::byte{0xFF});
      break;
    default:
      break;
  }
  return pdu;
}

Pdu build(const CoveringRow& row, const models::Block& block) {
  const std::uint8_t function = kPairwiseFunctions[row[0]];
  const unsigned address = address_of(row[1], block);
  const unsigned quantity = quantity_of(row[2], function, address);
  switch (function) {
    case kWriteCoil:
    case kWriteRegister:
      return resized(write_single(function, address, value_of(row[2])), row[3]);
    case kMaskWriteRegister:
      return resized(mask_write(address, value_of(row[2]), ~value_of(row[2]) & 0xFFFFU), row[3]);
    case kWriteCoils:
    case kWriteRegisters: {
      const unsigned right = right_byte_count(function, quantity);
      return write_multiple(function, address, quantity, count_of(row[3], right) & 0xFFU,
                            values(right, 6));
    }
    case kReadWrite:
      return read_write({address, quantity, address, 1, count_of(row[3], 2) & 0xFFU},
                        values(2, 10));
    default:
      return resized(read_request(function, address, quantity), row[3]);
  }
}

}  // namespace

std::array<std::size_t, 4> pairwise_levels() {
  return {kPairwiseFunctions.size(), kAddressClasses, kQuantityClasses, kByteCountClasses};
}

std::optional<PlannedFrame> pairwise_frame(const SendContext& context, const CoveringRow& row,
                                           std::size_t cycle) {
  static const models::Block kNoBlock{models::Space::kHolding, 0, 0, ""};
  const auto& blocks = context.map->blocks;
  const std::size_t tries = std::max<std::size_t>(blocks.size(), 1);
  for (std::size_t i = 0; i < tries; ++i) {
    const auto& block = blocks.empty() ? kNoBlock : blocks[(cycle + i) % blocks.size()];
    if (auto safe = sendable(context, build(row, block))) {
      return PlannedFrame{FrameKind::kPairwise, std::move(*safe), {}};
    }
  }
  return std::nullopt;
}

}  // namespace mbh::netfuzz
