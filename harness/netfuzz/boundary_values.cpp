#include "harness/netfuzz/boundary_values.hpp"

#include <algorithm>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/function_requests.hpp"

namespace mbh::netfuzz {
namespace {

void sort_unique(std::vector<std::uint16_t>& values) {
  std::ranges::sort(values);
  // std::unique, not std::ranges::unique: clang 14 cannot instantiate the subrange it returns.
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

std::vector<std::uint16_t> boundary_addresses(const models::RegisterMap& map) {
  std::vector<std::uint16_t> out{0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
  for (const auto& block : map.blocks) {
    for (const unsigned edge : {unsigned{block.first}, unsigned{block.last}}) {
      out.push_back(static_cast<std::uint16_t>(edge));
      out.push_back(static_cast<std::uint16_t>((edge + 0xFFFFU) & 0xFFFFU));  // wraps at 0
      out.push_back(static_cast<std::uint16_t>((edge + 1U) & 0xFFFFU));
    }
  }
  sort_unique(out);
  return out;
}

std::vector<std::uint16_t> boundary_quantities(std::uint8_t function) {
  const std::uint16_t max =
      max_quantity(function) == 0 ? codec::kMaxReadRegisters : max_quantity(function);
  std::vector<std::uint16_t> out{0, 1, max, static_cast<std::uint16_t>(max + 1U), 0xFFFF};
  sort_unique(out);
  return out;
}

std::vector<std::uint16_t> boundary_words() {
  return {0x0000, 0x0001, 0x00FF, 0x7FFF, 0x8000, 0xFF00, 0xFFFE, 0xFFFF};
}

}  // namespace mbh::netfuzz
