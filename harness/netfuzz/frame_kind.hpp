#pragma once
// What a generated frame is meant to test: a valid read the model derives, or one kind of
// mutation. Names are stable: they appear in replay files and progress output.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mbh::netfuzz {

enum class FrameKind : std::uint8_t {
  kModelRead,          // a valid read inside a block of the map
  kEdgeRead,           // a read at an edge: quantity 125 or 126, just outside a block
  kBitFlip,            // a valid read with 1..3 bits flipped (not in the length field)
  kByteFlip,           // a valid read with 1..2 bytes replaced (not in the length field)
  kLengthShort,        // MBAP length smaller than the bytes that follow
  kLengthLong,         // MBAP length larger than the bytes that follow: the device must wait
  kLengthZero,         // MBAP length 0 or 1
  kProtocolId,         // protocol id other than 0
  kWrongUnit,          // a valid read to another unit id
  kTruncatedPdu,       // a read PDU cut short, the length matching the cut
  kOversizedPdu,       // a PDU of more than 253 bytes
  kUnknownFunction,    // function 0x00 or one the codec does not implement
  kExceptionFunction,  // function 0x80..0xFF (an exception code as a request)
  kBadMei,             // 0x2B with another MEI type, or 0x2B/0x0E with a bad read code
  kByteCountMismatch,  // FC 15/16/23 whose byte count disagrees with the quantity
  kQuantityZero,       // a read or write with quantity 0
  kQuantityOverMax,    // quantity one past the function's maximum
  kTrailingGarbage,    // random bytes after a valid read, inside or outside the length
  kGluedFrames,        // two valid reads in one send, or up to 16
  kLoneHeader,         // an MBAP header and nothing after it
  kWrite,              // a well-formed write (only with allow_writes)
  kBoundaryRead,       // FC 01..04 at a boundary address or with a boundary quantity
  kAddressOverflow,    // a read or write whose address + quantity runs past 65535
  kBoundaryWrite,      // FC 05/06/15/16 with boundary fields, invalid unless allowed
  kPairwise,           // a row of the covering array over function, address, quantity, count
  kReadWriteRanges,    // FC 23 with its read and write ranges each inside the map or not
  kMaskWrite,          // FC 22 with boundary masks, or a byte short or too many
  kFileRecord,         // FC 20/21 with boundary sub-request fields or counts that disagree
  kDiagnostic,         // FC 08 with a sub-function 0x0000..0x0016 or other, data of any length
  kDeviceId,           // FC 43/0E with read codes and object ids in and out of range
  kSplitBytes,         // a valid read sent one byte per TCP segment
  kHeldConnections,    // connections opened at once and held, nothing sent on them, while a
                       // valid read goes on the main connection (an empty frame: one opened)
  kSlowDrip,           // a valid read sent one byte every kDripGap on a connection of its own
                       // while the run goes on (each byte a frame of its own in a finding)
  kFeedbackMutation,   // a mutation of a frame whose answer was of a class not seen before
};

inline constexpr std::size_t kFrameKindCount =
    static_cast<std::size_t>(FrameKind::kFeedbackMutation) + 1;

// Between the bytes of a split-bytes frame, in the fuzz loop and in replay: long enough for a
// device waiting on its socket to read each byte alone, short enough to cost little.
inline constexpr std::chrono::microseconds kPieceGap{200};

// A held-connections frame opens this many connections first; a device that refuses some
// (a connection limit) is well within its rights.
inline constexpr std::size_t kHeldConnectionCount = 32;

// After opening held connections, before the read: time for the device to take them in (a
// connection is up for the client first), and to let go of connections closed just before.
inline constexpr std::chrono::milliseconds kHeldSettle{50};

// Between the bytes of a slow-drip frame: "a client that sends one byte every few seconds".
inline constexpr std::chrono::milliseconds kDripGap{2000};

// "model-read", "bit-flip", ...
std::string_view kind_name(FrameKind kind);
std::optional<FrameKind> kind_from_name(std::string_view name);

}  // namespace mbh::netfuzz
