#include "harness/simulator/fault_arguments.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "harness/codec/protocol_limits.hpp"

namespace mbh::simulator {
namespace {

// A decimal number within [low, high], or why not.
Result<std::int64_t, std::string> parse_number(std::string_view text, std::int64_t low,
                                               std::int64_t high, std::string_view what) {
  if (text.empty()) return fail(fmt::format("{} is empty; expected a number", what));
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    return fail(fmt::format("{} '{}' is too large (at most {})", what, text, high));
  }
  if (error != std::errc{} || end != text.data() + text.size()) {
    return fail(fmt::format("{} '{}' is not a whole number", what, text));
  }
  if (value < low || value > high) {
    return fail(fmt::format("{} '{}' is outside {}..{}", what, text, low, high));
  }
  return value;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::chrono::milliseconds, std::string> parse_delay(std::string_view text) {
  auto number = parse_number(text, 1, kMaxDelayMilliseconds, "the delay MS");
  if (!number) return fail(number.error());
  return std::chrono::milliseconds{number.value()};
}

Result<std::uint32_t, std::string> parse_every(std::string_view text) {
  auto number = parse_number(text, 1, kMaxEvery, "the count N");
  if (!number) return fail(number.error());
  return static_cast<std::uint32_t>(number.value());
}

Result<std::vector<std::byte>, std::string> parse_shape(std::string_view text) {
  if (text.empty()) return fail(std::string("the SHAPE is empty; expected hex bytes such as 2B0E"));
  if (text.size() % 2 != 0) {
    return fail(fmt::format("the SHAPE '{}' has an odd number of hex digits", text));
  }
  if (text.size() / 2 > codec::kMaxPduSize) {
    return fail(fmt::format("the SHAPE is {} bytes, longer than any PDU ({})", text.size() / 2,
                            codec::kMaxPduSize));
  }
  std::vector<std::byte> bytes;
  bytes.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) {
      return fail(fmt::format("the SHAPE '{}' holds '{}', which is not a hex digit", text,
                              high < 0 ? text[i] : text[i + 1]));
    }
    bytes.push_back(static_cast<std::byte>(high * 16 + low));
  }
  return bytes;
}

}  // namespace mbh::simulator
