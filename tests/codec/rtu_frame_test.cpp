// RTU framing: the CRC against the specification's and common tools' vectors, and a frame is
// taken as RTU only when its CRC is right.
#include "harness/codec/rtu_frame.hpp"

#include <gtest/gtest.h>

#include "tests/codec/hex_bytes.hpp"

namespace mbh::codec {
namespace {

using testing::hex;

TEST(RtuCrc, MatchesKnownVectors) {
  // Modbus over Serial Line V1.02's example request, and reads as mbpoll sends them.
  EXPECT_EQ(rtu_crc(hex("11 03 00 6B 00 03")), 0x8776);
  EXPECT_EQ(rtu_crc(hex("01 03 00 00 00 0A")), 0xCDC5);
  EXPECT_EQ(rtu_crc(hex("01 04 00 00 00 01")), 0xCA31);
  EXPECT_EQ(rtu_crc({}), 0xFFFF);
}

TEST(RtuFrame, TakesUnitPduAndCrcWhenTheCrcIsRight) {
  const auto bytes = hex("11 03 00 6B 00 03 76 87");
  const auto frame = rtu_frame(bytes);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->unit, 0x11);
  EXPECT_EQ(frame->pdu.size(), 5U);
  EXPECT_EQ(frame->pdu[0], std::byte{0x03});
  EXPECT_EQ(frame->crc, 0x8776);
}

TEST(RtuFrame, RefusesAWrongCrcAndFramesTooShort) {
  EXPECT_FALSE(rtu_frame(hex("11 03 00 6B 00 03 87 76")));  // CRC high byte first
  EXPECT_FALSE(rtu_frame(hex("11 03 00 6B 00 03 76 88")));
  EXPECT_FALSE(rtu_frame(hex("11 40 BF")));
  // A Modbus TCP frame is not taken for RTU by chance.
  EXPECT_FALSE(rtu_frame(hex("00 01 00 00 00 06 11 03 00 6B 00 03")));
}

}  // namespace
}  // namespace mbh::codec
