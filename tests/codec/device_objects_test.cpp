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

TEST(DeviceObjects, AssignTakesOnlyLayoutsThatFillTheBytesExactly) {
  const std::uint8_t good[] = {0x00, 0x02, 'h', 'i', 0x01, 0x00};
  const std::uint8_t short_value[] = {0x00, 0x03, 'h', 'i'};
  DeviceObjects objects;
  EXPECT_TRUE(objects.assign(2, good));
  EXPECT_FALSE(objects.assign(1, good));  // bytes left over
  EXPECT_FALSE(objects.assign(1, short_value));
  EXPECT_FALSE(objects.assign(3, good));
}

}  // namespace
}  // namespace mbh::codec
