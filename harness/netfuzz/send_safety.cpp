#include "harness/netfuzz/send_safety.hpp"

#include <algorithm>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/lenient_reach.hpp"

namespace mbh::netfuzz {

std::vector<std::byte> one_adu(std::span<const std::byte> pdu, std::uint8_t unit) {
  const std::size_t length = pdu.size() + 1;
  std::vector<std::byte> out(codec::kMbapSize + pdu.size());
  out[4] = static_cast<std::byte>((length >> 8) & 0xFFU);
  out[5] = static_cast<std::byte>(length & 0xFFU);
  out[6] = static_cast<std::byte>(unit);
  std::ranges::copy(pdu, out.begin() + static_cast<std::ptrdiff_t>(codec::kMbapSize));
  return out;
}

bool safe_to_send(const SendContext& context, std::span<const std::byte> pdu) {
  const StreamShape shape = shape_of(one_adu(pdu, context.unit));
  if (!context.policy->permits(shape)) return false;
  return shape.carries_valid_write || misses_writable_registers(*context.map, pdu);
}

std::optional<Pdu> sendable(const SendContext& context, Pdu pdu) {
  if (safe_to_send(context, pdu)) return pdu;
  pdu.push_back(std::byte{0});
  if (safe_to_send(context, pdu)) return pdu;
  return std::nullopt;
}

}  // namespace mbh::netfuzz
