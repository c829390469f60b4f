#pragma once
// A vector with its capacity fixed at compile time: the codec decodes without touching the
// heap, and the protocol's limits are the capacities.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>

namespace mbh::codec {

template <class T, std::size_t N>
class BoundedVector {
 public:
  using value_type = T;
  static constexpr std::size_t kCapacity = N;

  constexpr BoundedVector() = default;
  // Copies only the elements in use: a 125-register response copies what it holds, not 250
  // bytes of capacity (decoding moves aggregates through a variant and a Result).
  constexpr BoundedVector(const BoundedVector& other) : size_(other.size_) {
    std::copy_n(other.items_.begin(), size_, items_.begin());
  }
  constexpr BoundedVector& operator=(const BoundedVector& other) {
    size_ = other.size_;
    std::copy_n(other.items_.begin(), size_, items_.begin());
    return *this;
  }
  // Keeps the first N values of a longer list: callers that care check size() afterwards.
  constexpr BoundedVector(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
  constexpr explicit BoundedVector(std::span<const T> values) { assign(values); }

  template <class It>
  constexpr bool assign(It first, It last) {
    size_ = 0;
    for (; first != last; ++first) {
      if (!push_back(*first)) return false;
    }
    return true;
  }
  // A run of items with one capacity check (keeps the first N of a longer run, as above).
  constexpr bool assign(std::span<const T> values) {
    size_ = std::min(values.size(), N);
    std::copy_n(values.begin(), size_, items_.begin());
    return values.size() <= N;
  }
  // `count` items, the i-th `item_at(i)` (nothing when count is over the capacity): decoders
  // fill a run they have bounds-checked once.
  template <class ItemAt>
  constexpr bool assign_each(std::size_t count, ItemAt item_at) {
    if (count > N) return false;
    for (std::size_t i = 0; i < count; ++i)
      items_[i] = item_at(i);
    size_ = count;
    return true;
  }
  constexpr bool push_back(const T& value) {
    if (size_ == N) return false;
    items_[size_++] = value;
    return true;
  }
  constexpr void clear() { size_ = 0; }

  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T* data() const { return items_.data(); }
  constexpr const T* begin() const { return items_.data(); }
  constexpr const T* end() const { return items_.data() + size_; }
  constexpr const T& operator[](std::size_t i) const { return items_[i]; }
  constexpr T& operator[](std::size_t i) { return items_[i]; }
  constexpr std::span<const T> span() const { return {items_.data(), size_}; }

  friend constexpr bool operator==(const BoundedVector& a, const BoundedVector& b) {
    return std::ranges::equal(a.span(), b.span());
  }

 private:
  // Left uninitialised past size_: never read there, and zero-filling it on every decode
  // was most of a small decode's cost.
  std::array<T, N> items_;
  std::size_t size_ = 0;
};

}  // namespace mbh::codec

template <class T, std::size_t N>
struct std::hash<mbh::codec::BoundedVector<T, N>> {
  std::size_t operator()(const mbh::codec::BoundedVector<T, N>& v) const noexcept {
    std::size_t h = v.size();
    for (const T& item : v)
      h = h * 1099511628211ULL ^ std::hash<T>{}(item);
    return h;
  }
};
