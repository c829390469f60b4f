#pragma once
// Well-formed writes to the rows the policy allows (empty without allow_writes): FC 06 to
// each one-register row, FC 16 over each wider row, and FC 16 over each run of adjacent
// allowed rows, where a device must split one request over several registers it models apart.
#include <vector>

#include "harness/netfuzz/planned_frame.hpp"
#include "harness/netfuzz/send_safety.hpp"

namespace mbh::netfuzz {

std::vector<PlannedFrame> allowed_write_frames(const SendContext& context);

}  // namespace mbh::netfuzz
