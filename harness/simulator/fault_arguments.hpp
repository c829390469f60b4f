#pragma once
// The arguments faults take (slow=MS, drop=N, crash-on=SHAPE), parsed with a readable error:
// parse_fault() checks them, Simulator's constructor turns them into values.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/result.hpp"

namespace mbh::simulator {

inline constexpr std::int64_t kMaxDelayMilliseconds = 600'000;  // ten minutes
inline constexpr std::uint32_t kMaxEvery = 1'000'000'000;

// MS: a whole number of milliseconds, 1..600000.
Result<std::chrono::milliseconds, std::string> parse_delay(std::string_view text);
// N: a whole number, 1..1000000000 (1: every request).
Result<std::uint32_t, std::string> parse_every(std::string_view text);
// SHAPE: the leading bytes of a request PDU in hex, two digits a byte ("2B0E"), 1..253 bytes.
Result<std::vector<std::byte>, std::string> parse_shape(std::string_view text);

}  // namespace mbh::simulator
