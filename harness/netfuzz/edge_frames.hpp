#pragma once
// The catalogue's frames at the edges of fields: MBAP lengths, boundary addresses and
// quantities of every function, address + quantity past 65535, byte counts that disagree with
// quantities. Each list holds only frames the context lets go (send_safety.hpp), in a fixed
// order.
#include <vector>

#include "harness/netfuzz/planned_frame.hpp"
#include "harness/netfuzz/send_safety.hpp"

namespace mbh::netfuzz {

// MBAP length 0, 1, one less and one more than unit id + PDU, 255 and 65535 on a valid read.
std::vector<PlannedFrame> mbap_length_frames(const SendContext& context);

// FC 01..04 at every boundary address with quantity 1, and every boundary quantity at the
// ends of the address space and the first block.
std::vector<PlannedFrame> boundary_read_frames(const SendContext& context);

// Reads, FC 15, 16 and 23 whose address + quantity runs past 65535.
std::vector<PlannedFrame> overflow_frames(const SendContext& context);

// FC 05 and 06 at every boundary address with boundary values, FC 15 and 16 at every
// boundary address with boundary quantities and the byte count they need.
std::vector<PlannedFrame> boundary_write_frames(const SendContext& context);

// FC 15, 16 and 23 with byte counts that disagree with the quantity, over quantities from 1 to
// past the maximum and boundary addresses.
std::vector<PlannedFrame> byte_count_frames(const SendContext& context);

}  // namespace mbh::netfuzz
