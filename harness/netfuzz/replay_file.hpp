#pragma once
// A finding on disk: JSON that a person can read and `mbharness replay` can send again.
//   {"format": "mbharness-replay", "version": 3, "kind": "crash", "observed": "...",
//    "map": "conext-bms", "unit": 230, "seed": 1, "frame_index": 42, "time": "...",
//    "tool_version": "0.9.0", "target": "127.0.0.1:5020",
//    "frames": [{"kind": "model-read", "hex": "00 01 00 00 00 06 E6 03 00 00 00 01",
//                "answer": "00 01 00 00 00 05 E6 03 02 00 2A", "connection": 0,
//                "at_ms": 0}, ...]}
// "kind" is "crash", "hang" or "anomaly" (then "anomaly" names it: anomaly.hpp).
// Reading one is a boundary: the file may be hand-edited or hostile, so parsing never throws
// and says exactly what is wrong.
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/codec/result.hpp"
#include "harness/netfuzz/finding.hpp"

namespace mbh::netfuzz {

inline constexpr std::string_view kReplayFormat = "mbharness-replay";
// Version 2 adds "anomaly", "tool_version", "target" and each frame's "answer"; version 3
// each frame's "connection" (0 the first frame's, then numbered as they first appear) and
// "at_ms" (after the first frame). Older files are read as before (every frame on connection
// 0, at 0).
inline constexpr int kReplayVersion = 3;
inline constexpr std::size_t kMaxReplayFileSize = 1U << 20;  // 64 frames of hex fit many times

std::string to_replay_json(const Finding& finding);

// How the console names a finding: "crash", "hang", "anomaly slow".
std::string finding_name(const Finding& finding);

Result<Finding, std::string> parse_replay_file(std::string_view text);

// "crash-000001-7.json": the kind, a number counting up from 1 and the seed.
std::string replay_file_name(Verdict kind, unsigned number, std::uint64_t seed);

// "00 01 00 00 00 06": bytes as the replay file and the console show them.
std::string to_hex(const std::vector<std::byte>& bytes);

}  // namespace mbh::netfuzz
