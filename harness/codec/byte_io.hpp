#pragma once
// Big-endian reading and writing over spans, bounds-checked: a reader past its end reports
// it instead of reading, a writer past its end stops writing and remembers it.
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::codec {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> bytes) : bytes_(bytes) {}

  std::size_t offset() const { return at_; }
  std::size_t remaining() const { return bytes_.size() - at_; }
  bool has(std::size_t n) const { return remaining() >= n; }

  // Callers check has() first; these stay in bounds regardless and read 0 past the end.
  std::uint8_t u8() {
    if (!has(1)) return 0;
    return std::to_integer<std::uint8_t>(bytes_[at_++]);
  }
  std::uint16_t u16() {
    if (!has(2)) return 0;
    const auto high = std::to_integer<std::uint16_t>(bytes_[at_]);
    const auto low = std::to_integer<std::uint16_t>(bytes_[at_ + 1]);
    at_ += 2;
    return static_cast<std::uint16_t>(high << 8 | low);
  }
  // The bytes read since `from` (an earlier offset()).
  std::span<const std::byte> since(std::size_t from) const {
    return bytes_.subspan(from, at_ - from);
  }
  std::span<const std::byte> take(std::size_t n) {
    if (!has(n)) return {};
    auto part = bytes_.subspan(at_, n);
    at_ += n;
    return part;
  }

 private:
  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::span<std::byte> out) : out_(out) {}

  std::size_t size() const { return at_; }
  bool overflowed() const { return overflowed_; }

  void u8(std::uint8_t v) {
    if (at_ + 1 > out_.size()) {
      overflowed_ = true;
      return;
    }
    out_[at_++] = std::byte{v};
  }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v & 0xFF));
  }

 private:
  std::span<std::byte> out_;
  std::size_t at_ = 0;
  bool overflowed_ = false;
};

}  // namespace mbh::codec
