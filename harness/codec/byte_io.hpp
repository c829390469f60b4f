#pragma once
// Big-endian reading and writing over spans, bounds-checked: a reader past its end reports
// it instead of reading, a writer past its end stops writing and remembers it.
//
// Runs of items (a response's registers, a request's coil bytes) are read and written with
// one bounds check for the run, not one per byte: the per-byte checks were most of a
// 125-register PDU's cost, and in the fuzz build each was an edge of its own.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace mbh::codec {

// The wire's bytes as the unsigned bytes the aggregates hold (the same object representation).
inline std::span<const std::uint8_t> as_u8(std::span<const std::byte> bytes) {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}

// The big-endian word at `p`, which the caller knows holds two bytes.
inline std::uint16_t load_u16(const std::byte* p) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(p[0]) << 8 |
                                    std::to_integer<unsigned>(p[1]));
}

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> bytes)
      : begin_(bytes.data()), next_(begin_), end_(begin_ + bytes.size()) {}

  std::size_t offset() const { return static_cast<std::size_t>(next_ - begin_); }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - next_); }
  bool has(std::size_t n) const { return remaining() >= n; }

  // Callers check has() first; these stay in bounds regardless and read 0 past the end.
  std::uint8_t u8() {
    if (next_ == end_) return 0;
    return std::to_integer<std::uint8_t>(*next_++);
  }
  std::uint16_t u16() {
    if (!has(2)) return 0;
    const std::uint16_t word = load_u16(next_);
    next_ += 2;
    return word;
  }
  // The next `n` bytes, or none (and nothing read) when fewer remain.
  std::span<const std::byte> take(std::size_t n) {
    if (!has(n)) return {};
    const std::span<const std::byte> part(next_, n);
    next_ += n;
    return part;
  }
  // The next `count` words into `values` (a BoundedVector); false, and nothing read, when
  // fewer remain or they would not fit.
  template <class Values>
  bool u16s(std::size_t count, Values& values) {
    if (count > Values::kCapacity || !has(2 * count)) return false;
    const std::byte* words = next_;
    next_ += 2 * count;
    return values.assign_each(count, [words](std::size_t i) { return load_u16(words + 2 * i); });
  }

 private:
  const std::byte* begin_;
  const std::byte* next_;
  const std::byte* end_;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::span<std::byte> out)
      : begin_(out.data()), next_(begin_), end_(begin_ + out.size()) {}

  std::size_t size() const { return static_cast<std::size_t>(next_ - begin_); }
  bool overflowed() const { return overflowed_; }

  void u8(std::uint8_t v) {
    if (!room(1)) return;
    *next_++ = std::byte{v};
  }
  void u16(std::uint16_t v) {
    if (!room(2)) return;
    store_u16(v);
  }
  void bytes(std::span<const std::uint8_t> run) {
    if (!room(run.size())) return;
    if (!run.empty()) std::memcpy(next_, run.data(), run.size());
    next_ += run.size();
  }
  void u16s(std::span<const std::uint16_t> run) {
    if (!room(2 * run.size())) return;
    for (const std::uint16_t v : run)
      store_u16(v);
  }

 private:
  // Whether `n` more bytes fit; once one write did not, none is made.
  bool room(std::size_t n) {
    if (!overflowed_ && static_cast<std::size_t>(end_ - next_) >= n) return true;
    overflowed_ = true;
    return false;
  }
  void store_u16(std::uint16_t v) {
    next_[0] = std::byte{static_cast<std::uint8_t>(v >> 8)};
    next_[1] = std::byte{static_cast<std::uint8_t>(v & 0xFF)};
    next_ += 2;
  }

  std::byte* begin_;
  std::byte* next_;
  std::byte* end_;
  bool overflowed_ = false;
};

}  // namespace mbh::codec
