#pragma once
// The object list of a Read Device Identification response (FC 43/14), kept as the bytes the
// PDU carries (id, length, value)... so that decoding allocates nothing and re-encodes exactly.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "harness/codec/bounded_vector.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::codec {

struct DeviceObject {
  std::uint8_t id;
  std::span<const std::uint8_t> value;
};

class DeviceObjects {
 public:
  // Appends one object; false when it would not fit in one PDU (nothing is appended then).
  bool add(std::uint8_t id, std::span<const std::uint8_t> value);
  bool add(std::uint8_t id, std::string_view text);

  std::size_t count() const { return count_; }
  std::span<const std::uint8_t> bytes() const { return bytes_.span(); }

  // Takes `count` objects laid out from the start of `bytes` and says how many bytes they
  // are: nothing (and nothing taken) when they run past its end or past the 246 bytes one
  // PDU holds. A decoder's one walk.
  std::optional<std::size_t> take(std::uint8_t count, std::span<const std::uint8_t> bytes);

  class Iterator {
   public:
    using value_type = DeviceObject;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(std::span<const std::uint8_t> rest) : rest_(rest) {}
    DeviceObject operator*() const { return {rest_[0], rest_.subspan(2, rest_[1])}; }
    Iterator& operator++() {
      rest_ = rest_.subspan(2U + rest_[1]);
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) {
      return a.rest_.size() == b.rest_.size();
    }

   private:
    std::span<const std::uint8_t> rest_;
  };
  Iterator begin() const { return Iterator(bytes_.span()); }
  Iterator end() const { return Iterator(bytes_.span().subspan(bytes_.size())); }

  friend bool operator==(const DeviceObjects& a, const DeviceObjects& b) {
    return a.count_ == b.count_ && a.bytes_ == b.bytes_;
  }

 private:
  // The bytes `count` objects take from the start of `bytes`, if they end within it.
  static std::optional<std::size_t> length_of(std::uint8_t count,
                                              std::span<const std::uint8_t> bytes);

  BoundedVector<std::uint8_t, kMaxDeviceObjectBytes> bytes_;
  std::uint8_t count_ = 0;
};

}  // namespace mbh::codec

template <>
struct std::hash<mbh::codec::DeviceObjects> {
  std::size_t operator()(const mbh::codec::DeviceObjects& objects) const noexcept {
    std::size_t h = objects.count();
    for (std::uint8_t byte : objects.bytes())
      h = h * 1099511628211ULL ^ byte;
    return h;
  }
};
