#include "harness/netfuzz/outcome_class.hpp"

#include <bit>

#include "harness/codec/protocol_limits.hpp"

namespace mbh::netfuzz {

OutcomeClass classify_outcome(OutcomeEnd end, std::span<const std::byte> answer) {
  OutcomeClass outcome{end, 0, 0, 0};
  if (end != OutcomeEnd::kAnswered && end != OutcomeEnd::kSlow) return outcome;
  outcome.length_bucket = static_cast<std::uint16_t>(std::bit_width(answer.size()));
  if (answer.size() > codec::kMbapSize) {
    outcome.function = std::to_integer<std::uint8_t>(answer[codec::kMbapSize]);
    if ((outcome.function & codec::kExceptionFlag) != 0 && answer.size() > codec::kMbapSize + 1) {
      outcome.exception = std::to_integer<std::uint8_t>(answer[codec::kMbapSize + 1]);
    }
  }
  return outcome;
}

}  // namespace mbh::netfuzz
