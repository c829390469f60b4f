#include "harness/exchange/frame_hex.hpp"

#include <gtest/gtest.h>

#include <array>

namespace mbh::exchange {
namespace {

constexpr std::array<std::byte, 4> kBytes{std::byte{0x00}, std::byte{0x01}, std::byte{0xAB},
                                          std::byte{0xFF}};

TEST(ReportFrameHex, CompactIsUppercaseWithoutSeparators) {
  EXPECT_EQ(hex_compact(kBytes), "0001ABFF");
}

TEST(ReportFrameHex, SpacedSeparatesBytesBySingleSpaces) {
  EXPECT_EQ(hex_spaced(kBytes), "00 01 AB FF");
}

TEST(ReportFrameHex, NoBytesGiveEmptyText) {
  EXPECT_EQ(hex_compact({}), "");
  EXPECT_EQ(hex_spaced({}), "");
}

}  // namespace
}  // namespace mbh::exchange
