#pragma once
// The catalogue's frames for the functions stacks implement half-heartedly: FC 23 with its
// read and write ranges each inside the map or not, FC 22 masks, FC 20/21 file-record
// sub-requests, FC 08 sub-functions, FC 43 MEI types and object ids. Each list holds only
// frames the context lets go (send_safety.hpp), in a fixed order.
#include <vector>

#include "harness/netfuzz/planned_frame.hpp"
#include "harness/netfuzz/send_safety.hpp"

namespace mbh::netfuzz {

// FC 23 in the four combinations of a read range inside a holding block or not and a write
// range inside one or not. The write range is an allowed row with allow_writes, else a
// register the model does not let be written (on a map where every holding register is
// writable, only the combinations with the write range outside the blocks).
std::vector<PlannedFrame> read_write_range_frames(const SendContext& context);

// FC 22 with masks 0000/FFFF/00FF/FF00/AAAA/5555: well formed to allowed rows with
// allow_writes, else made invalid; and with a byte short or a byte too many.
std::vector<PlannedFrame> mask_write_frames(const SendContext& context);

// FC 20 sub-requests: counts 0..36, reference types, file numbers 0/1/FFFF, record numbers
// 0/9999/10000/FFFF, lengths 0/1/125/FFFF, byte counts that disagree. FC 21 the same, each
// with a byte count or a record length that disagrees with its data.
std::vector<PlannedFrame> file_record_frames(const SendContext& context);

// FC 08 sub-functions 0x0000..0x0016 and others with two bytes of data, then with 0, 1, 3 and
// 4 (never 0x0001 or 0x0004 unless the policy allows destructive ones).
std::vector<PlannedFrame> diagnostic_frames(const SendContext& context);

// FC 43/0E with read codes 0..5, 0x80, 0xFF and object ids 0..7, 0x7F..0x81, 0xFE, 0xFF
// (well formed for read codes 1..4), wrong lengths; other MEI types (0x0D CANopen and more).
std::vector<PlannedFrame> device_id_frames(const SendContext& context);

}  // namespace mbh::netfuzz
