#include "harness/simulator/bug_classes.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "harness/simulator/fault_catalogue.hpp"
#include "models/map_catalog.hpp"

// Each bug class the simulator plays is set off by a request of its class and not by the
// well-formed request next to it.
namespace mbh::simulator {
namespace {

std::vector<std::byte> pdu(std::initializer_list<int> bytes) {
  std::vector<std::byte> out;
  for (const int b : bytes)
    out.push_back(std::byte(b));
  return out;
}

struct Case {
  std::string name;
  std::vector<std::byte> triggers;
  std::vector<std::byte> does_not;
};

TEST(BugClasses, EachIsSetOffByItsClassAndNotByTheRequestNextToIt) {
  const auto& ags = *models::find_map("conext-ags");  // holding 0x0000..
  const std::vector<Case> cases = {
      {"read-past-65535", pdu({0x03, 0xFF, 0xFF, 0x00, 0x02}), pdu({0x03, 0xFF, 0xFF, 0x00, 0x01})},
      {"write-byte-count", pdu({0x10, 0x00, 0x00, 0x00, 0x02, 0x03, 0, 0, 0}),
       pdu({0x10, 0x00, 0x00, 0x00, 0x02, 0x04, 0, 0, 0, 0})},
      {"read-write-range", pdu({0x17, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x00, 0x01, 0x02, 0, 0}),
       pdu({0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0, 0})},
      {"file-record-count", pdu({0x14, 0x08, 6, 0, 1, 0, 0, 0, 1, 0}),
       pdu({0x14, 0x07, 6, 0, 1, 0, 0, 0, 1})},
      {"device-id-object", pdu({0x2B, 0x0E, 0x04, 0x07}), pdu({0x2B, 0x0E, 0x04, 0x06})},
      {"mask-write-short", pdu({0x16, 0x00, 0x00, 0xFF}), pdu({0x16, 0x00, 0x00, 0xFF, 0, 0, 0})},
      {"quantity-over-max", pdu({0x03, 0x00, 0x00, 0x00, 126}), pdu({0x03, 0x00, 0x00, 0x00, 125})},
      {"diagnostic-plus", pdu({0x08, 0x00, 0x15, 0x00, 0x00}), pdu({0x08, 0x00, 0x00, 0x12, 0x34})},
  };
  ASSERT_EQ(cases.size(), bug_classes().size());
  for (const Case& c : cases) {
    const BugClass* bug = find_bug_class(c.name);
    ASSERT_NE(bug, nullptr) << c.name;
    EXPECT_TRUE(bug->triggered(c.triggers, ags)) << c.name;
    EXPECT_FALSE(bug->triggered(c.does_not, ags)) << c.name;
    EXPECT_FALSE(bug->triggered({}, ags)) << c.name << ": an empty PDU";
  }
}

TEST(BugClasses, TheFaultTakesAKnownClassOnly) {
  ASSERT_TRUE(parse_fault("bug=read-past-65535"));
  const auto unknown = parse_fault("bug=heartbleed");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("unknown bug class 'heartbleed' (one of read-past-65535,"),
            std::string::npos)
      << unknown.error();
  EXPECT_FALSE(parse_fault("bug"));
}

}  // namespace
}  // namespace mbh::simulator
