#include "harness/codec/byte_io.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "harness/codec/bounded_vector.hpp"
#include "hex_bytes.hpp"

namespace mbh::codec {
namespace {

using testing::hex;

TEST(ByteReader, ReadsBigEndianAndZerosPastTheEnd) {
  const auto in_bytes = hex("12 34 56");
  ByteReader in(in_bytes);
  EXPECT_EQ(in.u16(), 0x1234);
  EXPECT_EQ(in.offset(), 2U);
  EXPECT_EQ(in.u16(), 0);  // one byte left: not read
  EXPECT_EQ(in.offset(), 2U);
  EXPECT_EQ(in.u8(), 0x56);
  EXPECT_EQ(in.u8(), 0);
  EXPECT_EQ(in.offset(), 3U);
  EXPECT_EQ(in.remaining(), 0U);
}

TEST(ByteReader, TakesARunOnlyWhenItIsThere) {
  const auto in_bytes = hex("01 02 03 04");
  ByteReader in(in_bytes);
  EXPECT_TRUE(in.take(5).empty());
  EXPECT_EQ(in.offset(), 0U);
  const auto run = in.take(3);
  ASSERT_EQ(run.size(), 3U);
  EXPECT_EQ(run[2], std::byte{3});
  EXPECT_EQ(in.remaining(), 1U);
}

TEST(ByteReader, ReadsARunOfWordsIntoABoundedVector) {
  const auto in_bytes = hex("00 01 FF FE 80 00 07 08 09");
  ByteReader in(in_bytes);
  BoundedVector<std::uint16_t, 3> words;
  EXPECT_FALSE(in.u16s(4, words));  // the bytes are there, but four words do not fit
  EXPECT_EQ(in.offset(), 0U);
  EXPECT_TRUE(words.empty());
  ASSERT_TRUE(in.u16s(3, words));
  EXPECT_EQ(words, (BoundedVector<std::uint16_t, 3>{0x0001, 0xFFFE, 0x8000}));
  EXPECT_EQ(in.offset(), 6U);
  EXPECT_FALSE(in.u16s(2, words));  // three bytes left
  EXPECT_EQ(in.offset(), 6U);
  EXPECT_EQ(words.size(), 3U);
}

TEST(ByteWriter, WritesBigEndianRunsAndStopsAtTheEnd) {
  std::array<std::byte, 7> out{};
  ByteWriter w(out);
  w.u8(0xAB);
  const std::array<std::uint16_t, 2> words{0x0102, 0xFFFE};
  w.u16s(words);
  const std::array<std::uint8_t, 2> run{0x55, 0x66};
  w.bytes(run);
  EXPECT_FALSE(w.overflowed());
  EXPECT_EQ(w.size(), 7U);
  EXPECT_EQ(std::vector<std::byte>(out.begin(), out.end()), hex("AB 01 02 FF FE 55 66"));
  w.u8(0);
  EXPECT_TRUE(w.overflowed());
  EXPECT_EQ(w.size(), 7U);
}

TEST(ByteWriter, WritesNothingOnceARunDidNotFit) {
  std::array<std::byte, 4> out{};
  ByteWriter w(out);
  const std::array<std::uint16_t, 3> words{1, 2, 3};
  w.u16s(words);  // 6 bytes into 4
  EXPECT_TRUE(w.overflowed());
  EXPECT_EQ(w.size(), 0U);
  w.u8(0x11);  // would fit, but the encoding is already lost
  EXPECT_EQ(w.size(), 0U);
  EXPECT_EQ(out[0], std::byte{0});
}

TEST(BoundedVector, AssignsARunUpToItsCapacity) {
  BoundedVector<std::uint8_t, 3> v;
  const std::array<std::uint8_t, 4> four{1, 2, 3, 4};
  EXPECT_FALSE(v.assign(std::span<const std::uint8_t>(four)));
  EXPECT_EQ(v, (BoundedVector<std::uint8_t, 3>{1, 2, 3}));  // the first N
  EXPECT_TRUE(v.assign(std::span<const std::uint8_t>(four).first(2)));
  EXPECT_EQ(v, (BoundedVector<std::uint8_t, 3>{1, 2}));
  EXPECT_TRUE(v.assign(std::span<const std::uint8_t>()));
  EXPECT_TRUE(v.empty());
}

TEST(BoundedVector, AssignsEachItemOrNothingOverItsCapacity) {
  BoundedVector<int, 3> v{7};
  EXPECT_FALSE(v.assign_each(4, [](std::size_t i) { return static_cast<int>(i); }));
  EXPECT_EQ(v, (BoundedVector<int, 3>{7}));
  EXPECT_TRUE(v.assign_each(3, [](std::size_t i) { return static_cast<int>(10 * i); }));
  EXPECT_EQ(v, (BoundedVector<int, 3>{0, 10, 20}));
}

}  // namespace
}  // namespace mbh::codec
