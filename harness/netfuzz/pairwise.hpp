#pragma once
// An all-pairs covering array: rows of parameter levels such that every two parameters take
// every pair of their levels together in some row. Far fewer rows than the full product, and
// each field meets every value of every other field at least once. Deterministic: built
// greedily, each row taking the first uncovered pair and then, parameter by parameter, the
// level covering the most pairs still uncovered (ties to the lowest level).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mbh::netfuzz {

using CoveringRow = std::vector<std::uint8_t>;  // one level per parameter

// `levels[p]`: how many levels parameter p has (1..255 each).
std::vector<CoveringRow> covering_array(std::span<const std::size_t> levels);

}  // namespace mbh::netfuzz
