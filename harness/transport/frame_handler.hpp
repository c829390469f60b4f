#pragma once
// What a Modbus TCP server asks of whatever answers its requests: one framed request in, one
// Reply out. The server owns sockets, framing, buffers and timing; the handler owns meaning.
// The handler is called on the server's one I/O thread, one request at a time.
#include <array>
#include <chrono>
#include <cstddef>
#include <span>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::transport {

struct Reply {
  enum class Action : std::uint8_t {
    kSend,     // send bytes[0, size) after `delay`
    kSilence,  // send nothing for this request; keep the connection and go on reading
    kClose,    // send bytes[0, size) (possibly none), then close the connection
    kHang,     // stop answering anything on any connection, keep connections open
    kCrash,    // abort the process (fault catalogue: crash-on)
  };
  // Room for any frame, and for a deliberately oversized one (faults).
  static constexpr std::size_t kCapacity = 2 * codec::kMaxAduSize;

  Action action = Action::kSend;
  std::chrono::milliseconds delay{0};
  std::array<std::byte, kCapacity> bytes{};
  std::size_t size = 0;

  std::span<std::byte> buffer() { return bytes; }
  std::span<const std::byte> frame() const { return {bytes.data(), size}; }
};

// The gap inside a frame after which crashes_on_slow_byte() applies.
inline constexpr std::chrono::milliseconds kSlowByte{1000};

class FrameHandler {
 public:
  virtual ~FrameHandler() = default;
  // Answers one framed request (its header checked by the framer: protocol 0, length 2..254).
  // `reply` arrives reset (kSend, no delay, size 0).
  virtual void handle(const codec::Adu& request, Reply& reply) = 0;
  // Whether a frame with a bad MBAP header is skipped by its length, as some devices do,
  // rather than ending the connection.
  virtual bool skips_bad_frames() const { return false; }
  // Whether the server falls over a frame whose MBAP header comes in pieces (the first read of
  // a frame holding fewer than 7 bytes), as a stack that takes the length from its first read
  // does: a fault of the simulator's.
  virtual bool crashes_on_split_header() const { return false; }
  // Whether a frame whose protocol id is not 0 (not Modbus: a device must drop it) is answered
  // as a request all the same: a fault of the simulator's.
  virtual bool answers_foreign_protocol() const { return false; }
  // Above this many connections open at once the server stops answering anything, as a stack
  // whose connection table overflows does; 0: never. A fault of the simulator's.
  virtual std::size_t hangs_above_connections() const { return 0; }
  // Whether a byte that comes more than kSlowByte after the one before it, inside a frame,
  // brings the server down, as a stack whose inter-byte timer frees the frame's buffer while
  // it still reads into it: a fault of the simulator's.
  virtual bool crashes_on_slow_byte() const { return false; }
};

}  // namespace mbh::transport
