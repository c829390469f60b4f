#pragma once
// The transaction ids a client remembers on one connection, so that a frame carrying one is
// recognised and discarded instead of being taken for the answer to the request then
// outstanding: the ids of the last requests that got no answer in time (their answers may come
// late), and of the last requests answered (an answer sent twice). Fixed size, oldest first;
// the oldest is forgotten when full.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::client {

template <std::size_t Capacity>
class RecentIds {
 public:
  static constexpr std::size_t kCapacity = Capacity;

  void remember(std::uint16_t id) {
    forget(id);  // once, as the newest
    if (size_ == kCapacity) {
      std::shift_left(ids_.begin(), ids_.end(), 1);
      --size_;
    }
    ids_[size_++] = id;
  }
  bool contains(std::uint16_t id) const { return std::ranges::find(held(), id) != held().end(); }
  // An id sent again: an answer carrying it now answers the new request.
  void forget(std::uint16_t id) {
    const auto found = std::ranges::find(held(), id);
    if (found == held().end()) return;
    const auto index = static_cast<std::size_t>(found - held().begin());
    std::shift_left(ids_.begin() + static_cast<std::ptrdiff_t>(index),
                    ids_.begin() + static_cast<std::ptrdiff_t>(size_), 1);
    --size_;
  }
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  std::span<const std::uint16_t> held() const { return {ids_.data(), size_}; }

 private:
  std::array<std::uint16_t, kCapacity> ids_{};
  std::size_t size_ = 0;
};

// The ids of the last 64 requests that timed out: a frame carrying one is a late answer.
using TimedOutIds = RecentIds<64>;

// The ids of the last 16 requests answered: a frame carrying one again is a duplicate answer.
// A device sends a duplicate at once, or with the next answers, never 16 answers later.
using AnsweredIds = RecentIds<16>;

}  // namespace mbh::client
