#include "harness/netfuzz/lenient_reach.hpp"

#include <algorithm>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/function_requests.hpp"

namespace mbh::netfuzz {
namespace {

// Registers the values of a PDU fill from `values_at` on, rounded up.
std::uint32_t carried(std::span<const std::byte> pdu, std::size_t values_at) {
  return pdu.size() > values_at ? static_cast<std::uint32_t>((pdu.size() - values_at + 1) / 2) : 0U;
}

}  // namespace

std::optional<LenientReach> lenient_reach(std::span<const std::byte> pdu) {
  if (pdu.empty()) return std::nullopt;
  const auto function = std::to_integer<std::uint8_t>(pdu[0]);
  const auto at = [&](std::size_t offset) {
    return static_cast<std::uint16_t>(field16(pdu, offset));
  };
  switch (function) {
    case kWriteRegister:
    case kMaskWriteRegister:
      if (pdu.size() < 3) return std::nullopt;
      return LenientReach{at(1), 1};
    case kWriteRegisters: {
      if (pdu.size() < 3) return std::nullopt;
      const std::uint32_t quantity = std::min<std::uint32_t>(at(3), codec::kMaxWriteRegisters);
      return LenientReach{at(1), std::max({quantity, carried(pdu, 6), std::uint32_t{1}})};
    }
    case kReadWrite: {
      if (pdu.size() < 7) return std::nullopt;
      const std::uint32_t quantity = std::min<std::uint32_t>(at(7), codec::kMaxReadWriteRegisters);
      return LenientReach{at(5), std::max({quantity, carried(pdu, 10), std::uint32_t{1}})};
    }
    default:
      return std::nullopt;
  }
}

bool model_writable(const models::RegisterMap& map, std::uint16_t address) {
  return std::ranges::any_of(map.rows, [&](const models::RegisterRow& row) {
    return row.space == models::Space::kHolding && row.access == models::Access::kReadWrite &&
           address >= row.address && address < row.address + row.type.register_count();
  });
}

bool misses_writable_registers(const models::RegisterMap& map, std::span<const std::byte> pdu) {
  const auto reach = lenient_reach(pdu);
  if (!reach) return true;
  for (std::uint32_t i = 0; i < reach->count; ++i) {
    if (model_writable(map, static_cast<std::uint16_t>((reach->first + i) & 0xFFFFU))) return false;
  }
  return true;
}

}  // namespace mbh::netfuzz
