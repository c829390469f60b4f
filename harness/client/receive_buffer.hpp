#pragma once
// The bytes a client has received and not yet framed, in a fixed buffer: room for several
// frames per read and at most one partial frame left over, like codec::StreamFramer. The
// client keeps its own because it reports the bytes of a partial or malformed answer, which
// StreamFramer keeps private; framing itself is codec::frame_adu().
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <span>

#include "harness/codec/protocol_limits.hpp"

namespace mbh::client {

class ReceiveBuffer {
 public:
  static constexpr std::size_t kCapacity = 4 * codec::kMaxAduSize;

  // Free space to receive into; commit() what was written there.
  std::span<std::byte> writable() {
    if (begin_ != 0) {
      std::memmove(bytes_.data(), bytes_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    return std::span<std::byte>(bytes_).subspan(end_);
  }
  void commit(std::size_t received) { end_ += std::min(received, kCapacity - end_); }

  std::span<const std::byte> unread() const {
    return std::span<const std::byte>(bytes_).subspan(begin_, end_ - begin_);
  }
  void consume(std::size_t count) { begin_ += std::min(count, end_ - begin_); }
  void clear() { begin_ = end_ = 0; }
  std::size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }

 private:
  std::array<std::byte, kCapacity> bytes_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace mbh::client
