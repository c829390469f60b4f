#pragma once
// How a server's framer sees one generated send: the frames it would cut from the bytes,
// the well-formed writes among them and where they reach (the live-plant safety check,
// write_policy.hpp), and whether the bytes are exactly one frame. If not, the fuzzer drops
// the connection after the send, so that leftover bytes never join the next send into a frame
// nobody generated or checked, and the answer to a second frame is never taken for the next
// send's answer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace mbh::netfuzz {

// Where one well-formed write (FC 05/06/15/16/22/23) of a send reaches.
struct WriteReach {
  std::uint8_t unit = 0;
  bool coils = false;       // FC 05/15: coils, else holding registers
  std::uint16_t first = 0;  // first address written
  std::uint32_t count = 0;  // coils or registers written (FC 22: 1)
  bool operator==(const WriteReach&) const = default;
};

struct StreamShape {
  std::size_t frames = 0;            // complete ADUs a framer cuts from the front
  bool carries_valid_write = false;  // one of them decodes as a valid FC 05/06/15/16/22/23
  bool whole_frames = false;         // the bytes are exactly those frames, nothing left over
  bool ends_partial = false;         // they end in part of a frame: a device must wait for more
  // A server that cuts requests by function code and byte count, ignoring the MBAP length
  // (libmodbus does), would still wait for more bytes after these: the fuzz loop must not
  // send its probe behind them on the same connection, where it would be taken for the rest.
  bool function_framer_waits = false;
  // One of them is FC 08 with sub-function 0x0001 (Restart Communications) or 0x0004 (Force
  // Listen Only Mode): destructive (RULES.md), sent only with --allow-destructive.
  bool destructive_diagnostic = false;
  // One of them is a well-formed FC 21 (Write File Record): the codec does not decode it, but a
  // device that implements it writes its files; the maps have none, so it never may go.
  bool file_record_write = false;
  std::vector<WriteReach> writes;  // every valid write among the frames, in order
};

StreamShape shape_of(std::span<const std::byte> bytes);

// How many bytes a request takes for a server that frames by function code: the 7-byte MBAP
// header, the function, the fields a function has before its data (4 for functions 0x00 to
// 0x06, 5 for 15 and 16, 6 for 22, 9 for 23, none for the rest) and the byte count's worth
// of data (15, 16 and 23), as libmodbus's modbus_receive() reads them. nullopt when `bytes`
// do not reach that far.
std::optional<std::size_t> function_framed_size(std::span<const std::byte> bytes);

// Whether a PDU is a well-formed FC 21: a byte count of 7..245 that is the bytes after it, filled
// exactly by sub-requests of reference type 6, a record number up to 9999, and the record
// length's worth of registers.
bool is_file_record_write(std::span<const std::byte> pdu);

// Whether a PDU is FC 08 with sub-function 0x0001 or 0x0004 (whatever follows).
bool is_destructive_diagnostic(std::span<const std::byte> pdu);

}  // namespace mbh::netfuzz
