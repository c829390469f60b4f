#pragma once
// One frame of the generator's catalogue before it gets a transaction id: what it tests, its
// PDU, and an MBAP length that disagrees with the PDU when that is what it tests.
#include <cstdint>
#include <optional>

#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/function_requests.hpp"

namespace mbh::netfuzz {

struct PlannedFrame {
  FrameKind kind = FrameKind::kModelRead;
  Pdu pdu;
  std::optional<std::uint16_t> mbap_length;  // none: unit id + PDU, as it should be
};

}  // namespace mbh::netfuzz
