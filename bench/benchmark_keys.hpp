#pragma once
// The runs the ratio lines divide, by family name and argument as registered in
// codec_bench.cpp and round_trip_bench.cpp (a renamed benchmark shows as "not run").
#include <string_view>

namespace mbh::bench {

inline constexpr std::string_view kServerPathKey = "BM_ServerPathFc03/10";
inline constexpr std::string_view kClientPathKey = "BM_ClientPathFc03/10";
inline constexpr std::string_view kRoundTripKey = "BM_LoopbackRoundTripFc03/10";

// The project's goal: the codec's share of one request's handling stays negligible next to
// what the transport costs even on loopback, the fastest a real peer can be.
inline constexpr double kTargetPercent = 1.0;

}  // namespace mbh::bench
