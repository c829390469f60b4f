#pragma once
// Every fault of an answer against the request it should answer, for a reader to see each one
// marked in the bytes: the MBAP fields that disagree with the request or the protocol (all of
// them, not only the first a client stops at), bytes the length does not count or that are
// missing, and the first fault of the PDU. Each is explained as read_exchange() explains it,
// so a report marks what `mbharness decode --response-to` names.
//
// Not a fault: an answer that decodes and answers its request but with values or an exception
// a rule does not allow (the check's message says so; no byte is malformed).
#include <cstddef>
#include <span>
#include <vector>

#include "harness/exchange/frame_error.hpp"

namespace mbh::exchange {

// In frame order; none for an answer without fault, or an empty one.
std::vector<FrameError> answer_faults(std::span<const std::byte> answer,
                                      std::span<const std::byte> request);

}  // namespace mbh::exchange
