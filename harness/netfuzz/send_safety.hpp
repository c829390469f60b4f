#pragma once
// Whether a built request may go to live plant, and how a refused valid write is turned into
// an invalid one. A request may go when the WritePolicy permits it (a valid write only to an
// allowed row, no destructive FC 08 without the flag) and, unless it is such a permitted
// write, when a lenient device executing it would miss every writable register
// (lenient_reach.hpp).
#include <cstdint>
#include <optional>
#include <span>

#include "harness/netfuzz/function_requests.hpp"
#include "harness/netfuzz/write_policy.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct SendContext {
  const models::RegisterMap* map = nullptr;
  const WritePolicy* policy = nullptr;
  std::uint8_t unit = 1;
};

// The PDU as one ADU with a consistent length (transaction id 0).
std::vector<std::byte> one_adu(std::span<const std::byte> pdu, std::uint8_t unit);

// Whether the PDU, sent to the context's unit, may go.
bool safe_to_send(const SendContext& context, std::span<const std::byte> pdu);

// The PDU if it may go; a valid write the policy refuses with one trailing byte, which makes
// it invalid at the codec while a device that ignores trailing bytes still reads its fields;
// nothing when neither may go.
std::optional<Pdu> sendable(const SendContext& context, Pdu pdu);

}  // namespace mbh::netfuzz
