#pragma once
// A finding on disk: JSON that a person can read and `mbharness replay` can send again.
//   {"format": "mbharness-replay", "version": 1, "kind": "crash", "observed": "...",
//    "map": "conext-bms", "unit": 230, "seed": 1, "frame_index": 42, "time": "...",
//    "frames": [{"kind": "model-read", "hex": "00 01 00 00 00 06 E6 03 00 00 00 01"}, ...]}
// Reading one is a boundary: the file may be hand-edited or hostile, so parsing never throws
// and says exactly what is wrong.
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/codec/result.hpp"
#include "harness/netfuzz/finding.hpp"

namespace mbh::netfuzz {

inline constexpr std::string_view kReplayFormat = "mbharness-replay";
inline constexpr int kReplayVersion = 1;
inline constexpr std::size_t kMaxReplayFileSize = 1U << 20;  // 64 frames of hex fit many times

std::string to_replay_json(const Finding& finding);

Result<Finding, std::string> parse_replay_file(std::string_view text);

// "crash-000001-7.json": the kind, a number counting up from 1 and the seed.
std::string replay_file_name(Verdict kind, unsigned number, std::uint64_t seed);

// "00 01 00 00 00 06": bytes as the replay file and the console show them.
std::string to_hex(const std::vector<std::byte>& bytes);

}  // namespace mbh::netfuzz
