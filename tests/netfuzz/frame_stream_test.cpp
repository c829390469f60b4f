#include "harness/netfuzz/frame_stream.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

// How a server that frames by function code (libmodbus) would cut a send: where the fuzz loop
// must not put its probe behind a frame.
namespace mbh::netfuzz {
namespace {

std::vector<std::byte> framed(std::initializer_list<int> pdu, int length_change = 0) {
  const auto length = static_cast<int>(pdu.size()) + 1 + length_change;
  std::vector<std::byte> out{std::byte{0}, std::byte{1},      std::byte{0}, std::byte{0},
                             std::byte{0}, std::byte(length), std::byte{1}};
  for (const int b : pdu)
    out.push_back(std::byte(b));
  return out;
}

TEST(FunctionFraming, TakesEachFunctionsFieldsAndByteCount) {
  EXPECT_EQ(function_framed_size(framed({0x03, 0, 0, 0, 1})), 12U);
  EXPECT_EQ(function_framed_size(framed({0x06, 0, 0, 0, 1})), 12U);
  EXPECT_EQ(function_framed_size(framed({0x10, 0, 0, 0, 1, 2, 0, 7})), 15U);
  EXPECT_EQ(function_framed_size(framed({0x0F, 0, 0, 0, 3, 1, 5})), 14U);
  EXPECT_EQ(function_framed_size(framed({0x16, 0, 0, 0xFF, 0, 0, 1})), 14U);
  EXPECT_EQ(function_framed_size(framed({0x17, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 1})), 19U);
  EXPECT_EQ(function_framed_size(framed({0x2B, 0x0E, 1, 0})), 8U);  // no fields: the function alone
  EXPECT_EQ(function_framed_size(framed({0x00, 1, 2, 3, 4})), 12U);  // 0x00 counts as a read
}

TEST(FunctionFraming, WantsMoreWhenTheBytesEndShort) {
  EXPECT_FALSE(function_framed_size(framed({0x03, 0, 0})));
  EXPECT_FALSE(function_framed_size(framed({0x10, 0, 0, 0, 2, 4, 0, 1})));  // 4 bytes said, 2 sent
  EXPECT_FALSE(function_framed_size(framed({0x17, 0, 0, 0, 1, 0, 0, 0, 1})));
  EXPECT_FALSE(function_framed_size(std::vector<std::byte>(7)));
}

TEST(FunctionFraming, ShapeTellsWhereAFunctionFramerWaits) {
  EXPECT_FALSE(shape_of(framed({0x03, 0, 0, 0, 1})).function_framer_waits);
  // Complete by its MBAP length, short by its byte count.
  const auto short_count = shape_of(framed({0x10, 0, 0, 0, 2, 4, 0, 1}));
  EXPECT_TRUE(short_count.whole_frames);
  EXPECT_TRUE(short_count.function_framer_waits);
  // A read cut short, its length matching the cut.
  const auto truncated = shape_of(framed({0x03, 0, 0}));
  EXPECT_TRUE(truncated.whole_frames);
  EXPECT_TRUE(truncated.function_framer_waits);
  // Two whole reads: nothing to wait for.
  auto glued = framed({0x03, 0, 0, 0, 1});
  const auto second = framed({0x04, 0, 0, 0, 1});
  glued.insert(glued.end(), second.begin(), second.end());
  EXPECT_FALSE(shape_of(glued).function_framer_waits);
}

}  // namespace
}  // namespace mbh::netfuzz
