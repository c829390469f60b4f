#include "harness/codec/device_objects.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mbh::codec {
namespace {

TEST(DeviceObjects, IteratesTheObjectsItWasGiven) {
  DeviceObjects objects;
  ASSERT_TRUE(objects.add(0x00, "Schneider"));
  ASSERT_TRUE(objects.add(0x02, ""));
  std::vector<std::pair<int, std::string>> seen;
  for (DeviceObject o : objects)
    seen.emplace_back(o.id, std::string(o.value.begin(), o.value.end()));
  EXPECT_EQ(seen, (std::vector<std::pair<int, std::string>>{{0, "Schneider"}, {2, ""}}));
  EXPECT_EQ(objects.count(), 2U);
}

TEST(DeviceObjects, RefusesWhatWouldNotFitOnePdu) {
  DeviceObjects objects;
  const std::string big(244, 'x');
  EXPECT_TRUE(objects.add(1, big));  // 2 + 244 = 246, the limit
  EXPECT_FALSE(objects.add(2, ""));
  EXPECT_EQ(objects.count(), 1U);
}

TEST(DeviceObjects, TakeSaysHowManyBytesTheObjectsTakeOrTakesNothing) {
  const std::uint8_t good[] = {0x00, 0x02, 'h', 'i', 0x01, 0x00};
  const std::uint8_t short_value[] = {0x00, 0x03, 'h', 'i'};
  DeviceObjects objects;
  EXPECT_EQ(objects.take(2, good), 6U);
  EXPECT_EQ(objects.count(), 2U);
  EXPECT_EQ(objects.take(1, good), 4U);  // bytes left over: the caller's to judge
  EXPECT_EQ(objects.count(), 1U);
  EXPECT_EQ(objects.bytes().size(), 4U);
  EXPECT_EQ(objects.take(0, good), 0U);
  EXPECT_EQ(objects.count(), 0U);

  ASSERT_EQ(objects.take(2, good), 6U);
  EXPECT_EQ(objects.take(1, short_value), std::nullopt);
  EXPECT_EQ(objects.take(3, good), std::nullopt);
  EXPECT_EQ(objects.take(1, std::span<const std::uint8_t>(good, 1)), std::nullopt);
  EXPECT_EQ(objects.count(), 2U);  // nothing taken
  EXPECT_EQ(objects.bytes().size(), 6U);
}

}  // namespace
}  // namespace mbh::codec
