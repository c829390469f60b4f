#pragma once
// Cutting a TCP byte stream into ADUs. frame_adu() is a pure function of the bytes received
// so far; StreamFramer keeps those bytes in a fixed buffer for a connection's read loop.
// Modbus TCP has no resynchronisation marker: after a framing error the only safe thing is
// to drop the connection, so errors are final.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::codec {

struct NeedMore {
  std::size_t at_least;  // bytes still missing before anything more can be said
};

struct FramedAdu {
  Adu adu;
  std::size_t size;  // bytes the ADU took from the front of the buffer
};

using FrameResult = std::variant<FramedAdu, NeedMore, DecodeError>;

// The first ADU at the front of `buffered`, how many more bytes it needs, or why the stream
// cannot be framed. The header is judged as soon as its 7 bytes are there.
FrameResult frame_adu(std::span<const std::byte> buffered);

class StreamFramer {
 public:
  // Room for several frames per read, and at most one partial frame left over.
  static constexpr std::size_t kCapacity = 4 * kMaxAduSize;

  // Free space to receive into (the read loop's buffer: no copy); commit() what was written.
  std::span<std::byte> writable();
  void commit(std::size_t received);

  // Copies as much of `bytes` as fits; returns how many it took.
  std::size_t feed(std::span<const std::byte> bytes);

  // The next complete ADU (its PDU view is valid until the next writable() or feed()),
  // NeedMore, or the framing error, which stays: the stream cannot be resynchronised.
  FrameResult next();

  // After a framing error, drops the frame as a lenient server does (the header's length says
  // where it ends, whatever else is wrong in it) and clears the error: kNeedMore until its
  // bytes are in, kBeyond when its length reaches past the largest frame (nothing can be
  // trusted after it). Without an error, kSkipped and nothing dropped.
  enum class Skip : std::uint8_t { kSkipped, kNeedMore, kBeyond };
  Skip skip_bad_frame();

  std::size_t buffered() const { return end_ - begin_; }
  // The bytes buffered and not yet framed (valid until the next writable() or feed()).
  std::span<const std::byte> unread() const {
    return std::span<const std::byte>(buffer_).subspan(begin_, end_ - begin_);
  }
  bool failed() const { return error_.has_value(); }

 private:
  void compact();

  std::array<std::byte, kCapacity> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t stream_offset_ = 0;  // stream position of buffer_[begin_], for error offsets
  std::optional<DecodeError> error_;
};

}  // namespace mbh::codec
