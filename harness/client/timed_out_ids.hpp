#pragma once
// The transaction ids of the last requests that got no answer in time, so that their answers,
// if they come late, are recognised and discarded instead of being taken for the answer to
// the request then outstanding. Fixed size, oldest first; the oldest is forgotten when full.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::client {

class TimedOutIds {
 public:
  static constexpr std::size_t kCapacity = 64;

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

}  // namespace mbh::client
