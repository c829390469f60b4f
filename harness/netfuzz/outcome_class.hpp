#pragma once
// What became of one send, coarse enough that a device has few classes of it: how it ended,
// the function byte and exception code answered, the answer's length to a power of two. The
// generator steers towards frames whose outcome is of a class it has not seen (black-box
// feedback: the device's code is not instrumented, its answers are all there is).
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::netfuzz {

enum class OutcomeEnd : std::uint8_t {
  kAnswered,    // an answer came back
  kUnframable,  // bytes came back that are no MBAP frame
  kClosed,      // the device closed the connection
  kSilent,      // nothing came back before the timeout
  kSlow,        // an answer came back, but late
};

struct OutcomeClass {
  OutcomeEnd end = OutcomeEnd::kAnswered;
  std::uint8_t function = 0;        // the answer's function byte (0x80 set: an exception)
  std::uint8_t exception = 0;       // the exception code, 0 if none
  std::uint16_t length_bucket = 0;  // bit width of the answer's size: 0, 1, 2..3, 4..7, ...
  auto operator<=>(const OutcomeClass&) const = default;
};

// `answer`: the whole answer ADU when end is kAnswered or kSlow (else ignored).
OutcomeClass classify_outcome(OutcomeEnd end, std::span<const std::byte> answer);

}  // namespace mbh::netfuzz
