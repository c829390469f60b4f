// parse_replay_file on arbitrary bytes: a replay file is read from disk and may be edited by
// hand or by someone hostile. Invariants, not just survival:
// - parsing never crashes, throws or aborts, whatever the input;
// - a parsed finding is within the limits (1..64 frames of 1..260 bytes);
// - a parsed finding written back and parsed again is the same finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_input.hpp"
#include "harness/netfuzz/replay_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace netfuzz = mbh::netfuzz;
  const mbh::fuzz::ExactInput input(data, size);
  const auto bytes = input.span();
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const auto parsed = netfuzz::parse_replay_file(text);
  if (!parsed) {
    if (parsed.error().empty()) mbh::fuzz::invariant_broken("an error without a message");
    return 0;
  }
  const auto& finding = parsed.value();
  if (finding.frames.empty() || finding.frames.size() > netfuzz::kMaxFindingFrames) {
    mbh::fuzz::invariant_broken("a parsed finding outside the frame count limits");
  }
  for (const auto& frame : finding.frames) {
    if (frame.bytes.empty() || frame.bytes.size() > netfuzz::kMaxFrameBytes) {
      mbh::fuzz::invariant_broken("a parsed frame outside the size limits");
    }
  }
  const auto again = netfuzz::parse_replay_file(netfuzz::to_replay_json(finding));
  if (!again) mbh::fuzz::invariant_broken("a written finding does not parse");
  if (!(again.value() == finding)) mbh::fuzz::invariant_broken("write then parse changes it");
  return 0;
}
