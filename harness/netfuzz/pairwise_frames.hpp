#pragma once
// Frames from the rows of a covering array (pairwise.hpp) over four fields: function x
// address class x quantity class x byte-count class, so that every two of them meet in every
// combination of their values, not only one field at a time.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "harness/netfuzz/pairwise.hpp"
#include "harness/netfuzz/planned_frame.hpp"
#include "harness/netfuzz/send_safety.hpp"

namespace mbh::netfuzz {

inline constexpr std::array<std::uint8_t, 10> kPairwiseFunctions{0x01, 0x02, 0x03, 0x04, 0x05,
                                                                 0x06, 0x0F, 0x10, 0x16, 0x17};

// Address classes: 0, 1, a block's first, its last, first - 1, last + 1, 0x7FFF, 0x8000,
// 0xFFFE, 0xFFFF.
inline constexpr std::size_t kAddressClasses = 10;
// Quantity classes: 0, 1, the maximum, maximum + 1, 0xFFFF, one past 65535 from the address.
// FC 05/06/22 take them as values: 0000, 0001, FF00, FF01, FFFF, 8000.
inline constexpr std::size_t kQuantityClasses = 6;
// Byte-count classes: right, one less, one more, 0, 0xFF. Functions without a byte count take
// them as the PDU's length: exact, a byte short, a byte more, the address only, 253 bytes.
inline constexpr std::size_t kByteCountClasses = 5;

// {10, 10, 6, 5}
std::array<std::size_t, 4> pairwise_levels();

// The frame of one row, block-relative addresses taken from the block `cycle` names (or the
// next that lets the frame go); nothing when none does.
std::optional<PlannedFrame> pairwise_frame(const SendContext& context, const CoveringRow& row,
                                           std::size_t cycle);

}  // namespace mbh::netfuzz
