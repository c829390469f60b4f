#pragma once
// fuzz_client's input: a script of what the client sends and what the device does, a record
// after another. The first byte of a record is its tag; tag & 3 is its kind:
//   request  [id: 2 bytes, when tag & kGivenId] unit, n, then n bytes of PDU: the client sends
//            it with its next transaction id (1 up) or the one given, so that ids sent again
//            and late answers meet
//   segment  n, then n + 1 bytes the device sends (one read takes at most one segment)
//   silence  the outstanding request's deadline passes
//   close    the device closes the connection after what it sent
// A truncated record takes what is left. fuzz/seeds/ writes scripts in this format.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace mbh::fuzz {

enum class ScriptKind : std::uint8_t { kRequest = 0, kSegment = 1, kSilence = 2, kClose = 3 };
inline constexpr unsigned kGivenId = 4;              // a request's tag bit: its id follows
inline constexpr std::size_t kLongestSegment = 256;  // n + 1 with n a byte

struct ScriptRecord {
  ScriptKind kind = ScriptKind::kSilence;
  std::optional<std::uint16_t> id;   // kRequest: the transaction id given
  std::uint8_t unit = 0;             // kRequest
  std::span<const std::byte> bytes;  // kRequest: the PDU; kSegment: what the device sends
};

class Script {
 public:
  explicit Script(std::span<const std::byte> input) : input_(input) {}

  bool done() const { return at_ >= input_.size(); }
  // The kind of the next record (not when done()).
  ScriptKind peek() const { return kind_of(std::to_integer<unsigned>(input_[at_])); }

  ScriptRecord next() {
    const unsigned tag = byte();
    ScriptRecord r;
    r.kind = kind_of(tag);
    if (r.kind == ScriptKind::kRequest) {
      if ((tag & kGivenId) != 0) {
        const unsigned high = byte();
        r.id = static_cast<std::uint16_t>(high << 8 | byte());
      }
      r.unit = static_cast<std::uint8_t>(byte());
      r.bytes = take(byte());
    } else if (r.kind == ScriptKind::kSegment) {
      r.bytes = take(byte() + 1);
    }
    return r;
  }

 private:
  static ScriptKind kind_of(unsigned tag) { return static_cast<ScriptKind>(tag & 3U); }
  unsigned byte() { return at_ < input_.size() ? std::to_integer<unsigned>(input_[at_++]) : 0U; }
  std::span<const std::byte> take(std::size_t n) {
    const auto taken = input_.subspan(at_, std::min(n, input_.size() - at_));
    at_ += taken.size();
    return taken;
  }

  std::span<const std::byte> input_;
  std::size_t at_ = 0;
};

}  // namespace mbh::fuzz
