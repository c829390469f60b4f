#include "harness/netfuzz/edge_frames.hpp"

#include <algorithm>
#include <array>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/boundary_values.hpp"

namespace mbh::netfuzz {
namespace {

constexpr std::array<std::uint8_t, 4> kReads{kReadCoils, kReadDiscreteInputs, kReadHolding,
                                             kReadInput};

void add(std::vector<PlannedFrame>& out, const SendContext& context, FrameKind kind, Pdu pdu) {
  if (auto safe = sendable(context, std::move(pdu))) out.push_back({kind, std::move(*safe), {}});
}

// Register values or packed bits: a recognisable pattern, no more than fits a PDU after
// `header` bytes.
Pdu filler(std::size_t count, std::size_t header) {
  Pdu out(std::min(count, codec::kMaxPduSize - std::min(header, codec::kMaxPduSize)));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::byte>((i * 37U + 1U) & 0xFFU);
  return out;
}

bool overflows(unsigned address, unsigned quantity) {
  return address + quantity > 0x10000U;
}

FrameKind read_kind(unsigned address, unsigned quantity) {
  return overflows(address, quantity) ? FrameKind::kAddressOverflow : FrameKind::kBoundaryRead;
}

std::uint16_t first_address(const SendContext& context) {
  return context.map->blocks.empty() ? std::uint16_t{0} : context.map->blocks.front().first;
}

Pdu multiple(std::uint8_t function, unsigned address, unsigned quantity, unsigned byte_count) {
  return write_multiple(function, address, quantity, std::min(byte_count, 0xFFU),
                        filler(byte_count, 6));
}

}  // namespace

std::vector<PlannedFrame> mbap_length_frames(const SendContext& context) {
  const std::uint8_t function =
      !context.map->blocks.empty() && context.map->blocks.front().space == models::Space::kInput
          ? kReadInput
          : kReadHolding;
  const Pdu read = read_request(function, first_address(context), 1);
  const auto right = static_cast<std::uint16_t>(read.size() + 1);
  std::vector<PlannedFrame> out;
  for (const std::uint16_t length : {std::uint16_t{0}, std::uint16_t{1}}) {
    out.push_back({FrameKind::kLengthZero, read, length});
  }
  out.push_back({FrameKind::kLengthShort, read, static_cast<std::uint16_t>(right - 1U)});
  out.push_back({FrameKind::kLengthLong, read, static_cast<std::uint16_t>(right + 1U)});
  out.push_back({FrameKind::kLengthLong, read, std::uint16_t{255}});
  out.push_back({FrameKind::kLengthLong, read, std::uint16_t{0xFFFF}});
  return out;
}

std::vector<PlannedFrame> boundary_read_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  const auto addresses = boundary_addresses(*context.map);
  for (const std::uint8_t function : kReads) {
    for (const unsigned address : addresses)
      add(out, context, read_kind(address, 1), read_request(function, address, 1));
    for (const unsigned quantity : boundary_quantities(function)) {
      for (const unsigned address : {0U, unsigned{first_address(context)}, 0xFFFFU}) {
        add(out, context, read_kind(address, quantity), read_request(function, address, quantity));
      }
    }
  }
  return out;
}

std::vector<PlannedFrame> overflow_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  for (const std::uint8_t function : kReads) {
    const unsigned max = max_quantity(function);
    for (const auto& [address, quantity] : std::array<std::pair<unsigned, unsigned>, 4>{
             {{0xFFFFU, 2U}, {0xFFFEU, 3U}, {0x10000U - max + 1U, max}, {0xFFFFU, max}}}) {
      add(out, context, FrameKind::kAddressOverflow, read_request(function, address, quantity));
    }
  }
  for (const std::uint8_t function : {kWriteCoils, kWriteRegisters}) {
    const unsigned max = max_quantity(function);
    for (const auto& [address, quantity] : std::array<std::pair<unsigned, unsigned>, 3>{
             {{0xFFFFU, 2U}, {0xFFFEU, 3U}, {0x10000U - max + 1U, max}}}) {
      add(out, context, FrameKind::kAddressOverflow,
          multiple(function, address, quantity, right_byte_count(function, quantity)));
    }
  }
  // FC 23 whose read range, then whose write range, runs past 65535.
  const unsigned first = first_address(context);
  add(out, context, FrameKind::kAddressOverflow,
      read_write({0xFFFFU, 2U, first, 1U, 2U}, filler(2, 10)));
  add(out, context, FrameKind::kAddressOverflow,
      read_write({first, 1U, 0xFFFFU, 2U, 4U}, filler(4, 10)));
  return out;
}

std::vector<PlannedFrame> boundary_write_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  const auto addresses = boundary_addresses(*context.map);
  const auto words = boundary_words();
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    add(out, context, FrameKind::kBoundaryWrite,
        write_single(kWriteCoil, addresses[i], words[i % words.size()]));
    add(out, context, FrameKind::kBoundaryWrite,
        write_single(kWriteRegister, addresses[i], words[(i + 3) % words.size()]));
  }
  for (const std::uint8_t function : {kWriteCoils, kWriteRegisters}) {
    const auto quantities = boundary_quantities(function);
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      for (std::size_t k = 0; k < 2; ++k) {
        const unsigned quantity = quantities[(i + k * 2) % quantities.size()];
        add(out, context, FrameKind::kBoundaryWrite,
            multiple(function, addresses[i], quantity, right_byte_count(function, quantity)));
      }
    }
  }
  return out;
}

std::vector<PlannedFrame> byte_count_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  const auto addresses = boundary_addresses(*context.map);
  std::size_t next = 0;
  for (const std::uint8_t function : {kWriteCoils, kWriteRegisters, kReadWrite}) {
    const unsigned write_max =
        function == kReadWrite ? codec::kMaxReadWriteRegisters : max_quantity(function);
    for (const unsigned quantity : {1U, 2U, 8U, 9U, write_max / 2U, write_max, write_max + 1U}) {
      const unsigned right = right_byte_count(function, quantity);
      for (const unsigned count : {right - 1U, right + 1U, 0U, 0xFFU, right / 2U, 2U * right}) {
        if ((count & 0xFFU) == right) continue;
        // Values as the count says, or as the quantity says: either side of the mismatch.
        const std::size_t values = (next % 2 == 0) ? count : right;
        // An address where the frame may go: the next boundary address that lets it.
        for (std::size_t tries = 0; tries < addresses.size(); ++tries) {
          const unsigned address = addresses[next++ % addresses.size()];
          Pdu pdu =
              function == kReadWrite
                  ? read_write({first_address(context), 1U, address, quantity, count & 0xFFU},
                               filler(values, 10))
                  : write_multiple(function, address, quantity, count & 0xFFU, filler(values, 6));
          if (auto safe = sendable(context, pdu)) {
            out.push_back({FrameKind::kByteCountMismatch, std::move(*safe), {}});
            break;
          }
        }
      }
    }
  }
  return out;
}

}  // namespace mbh::netfuzz
