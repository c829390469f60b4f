#pragma once
// Frames as hex text: compact for machines (the JSON report, "0001000000060603..."), spaced
// for people (the console and JUnit bodies, "00 01 00 00 ..."). Both uppercase, as Wireshark
// and `mbharness decode` print them.
#include <cstddef>
#include <span>
#include <string>

namespace mbh::exchange {

std::string hex_compact(std::span<const std::byte> bytes);  // "00010000"
std::string hex_spaced(std::span<const std::byte> bytes);   // "00 01 00 00"

}  // namespace mbh::exchange
