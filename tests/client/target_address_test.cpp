#include "harness/client/target_address.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace mbh::client {
namespace {

using ::testing::HasSubstr;

TargetAddress parsed(std::string_view text, std::uint16_t default_port = kModbusPort) {
  auto result = parse_target(text, default_port);
  EXPECT_TRUE(result.ok()) << text << ": " << (result ? "" : result.error());
  return result ? *result : TargetAddress{};
}

std::string failure(std::string_view text) {
  auto result = parse_target(text);
  EXPECT_FALSE(result.ok()) << text << " parsed as " << (result ? target_text(*result) : "");
  return result ? std::string() : result.error();
}

TEST(ParseTarget, ReadsTheFormsOfInterfaceMd) {
  EXPECT_EQ(parsed("127.0.0.1:5020"), (TargetAddress{"127.0.0.1", 5020}));
  EXPECT_EQ(parsed("127.0.0.1"), (TargetAddress{"127.0.0.1", 502}));
  EXPECT_EQ(parsed("plc-7.site.example:1502"), (TargetAddress{"plc-7.site.example", 1502}));
  EXPECT_EQ(parsed("localhost"), (TargetAddress{"localhost", 502}));
  EXPECT_EQ(parsed("[::1]:5020"), (TargetAddress{"::1", 5020}));
  EXPECT_EQ(parsed("[::1]"), (TargetAddress{"::1", 502}));
  EXPECT_EQ(parsed("[fe80::1%eth0]:502"), (TargetAddress{"fe80::1%eth0", 502}));
  EXPECT_EQ(parsed("[2001:db8::5]:65535"), (TargetAddress{"2001:db8::5", 65535}));
}

TEST(ParseTarget, TakesABareIpv6AddressAsAHostWithoutPort) {
  EXPECT_EQ(parsed("::1"), (TargetAddress{"::1", 502}));
  EXPECT_EQ(parsed("2001:db8::5020"), (TargetAddress{"2001:db8::5020", 502}));
}

TEST(ParseTarget, UsesTheDefaultPortGiven) {
  EXPECT_EQ(parsed("10.0.0.9", 5020).port, 5020);
  EXPECT_EQ(parsed("[::1]", 5020).port, 5020);
  EXPECT_EQ(parsed("10.0.0.9:7", 5020).port, 7);
}

TEST(ParseTarget, SaysWhatIsWrong) {
  EXPECT_THAT(failure(""), HasSubstr("empty target"));
  EXPECT_THAT(failure(":502"), HasSubstr("empty host"));
  EXPECT_THAT(failure("127.0.0.1:"), HasSubstr("missing port after ':'"));
  EXPECT_THAT(failure("127.0.0.1:0"), HasSubstr("port 0 is not allowed (1..65535)"));
  EXPECT_THAT(failure("127.0.0.1:65536"), HasSubstr("port 65536 is out of range (1..65535)"));
  EXPECT_THAT(failure("127.0.0.1:99999999999999999999999"), HasSubstr("out of range"));
  EXPECT_THAT(failure("127.0.0.1:http"), HasSubstr("port 'http' is not a number"));
  EXPECT_THAT(failure("127.0.0.1:-1"), HasSubstr("port '-1' is not a number"));
  EXPECT_THAT(failure("127.0.0.1: 502"), HasSubstr("port ' 502' is not a number"));
  EXPECT_THAT(failure("[::1"), HasSubstr("unclosed '['"));
  EXPECT_THAT(failure("[::1]5020"), HasSubstr("'5020' after ']'"));
  EXPECT_THAT(failure("[]:502"), HasSubstr("empty host between '[' and ']'"));
  EXPECT_THAT(failure("[127.0.0.1]:502"), HasSubstr("not an IPv6 address"));
  EXPECT_THAT(failure("::1]:502"), HasSubstr("']' without '['"));
  EXPECT_THAT(failure("::1:502:x"), HasSubstr("several ':' but not an IPv6 address"));
  EXPECT_THAT(failure("127.0.0.300"), HasSubstr("'127.0.0.300' is not an IPv4 address"));
  EXPECT_THAT(failure("plc 7:502"), HasSubstr("' ' is not allowed in a host name"));
  EXPECT_THAT(failure(std::string(254, 'a')), HasSubstr("longer than 253"));
  // Every message quotes the text and shows the expected form.
  EXPECT_THAT(failure("127.0.0.1:0"), HasSubstr("in target '127.0.0.1:0' (expected HOST[:PORT]"));
}

TEST(TargetText, WritesWhatParseTargetReads) {
  EXPECT_EQ(target_text({"127.0.0.1", 5020}), "127.0.0.1:5020");
  EXPECT_EQ(target_text({"::1", 5020}), "[::1]:5020");
  EXPECT_EQ(target_text({"plc.local", 502}), "plc.local:502");
}

// Hosts as users write them: names, IPv4 and IPv6 addresses.
rc::Gen<std::string> host() {
  const auto label = rc::gen::nonEmpty(rc::gen::container<std::string>(
      rc::gen::elementOf(std::string("abcdefghijklmnopqrstuvwxyz0123456789-"))));
  const auto name = rc::gen::map(rc::gen::pair(label, rc::gen::elementOf(std::vector<std::string>{
                                                          "", ".local", ".example.com"})),
                                 [](const auto& parts) { return parts.first + parts.second; });
  const auto octet = rc::gen::inRange(0, 256);
  const auto ipv4 = rc::gen::map(rc::gen::tuple(octet, octet, octet, octet), [](const auto& o) {
    return std::to_string(std::get<0>(o)) + "." + std::to_string(std::get<1>(o)) + "." +
           std::to_string(std::get<2>(o)) + "." + std::to_string(std::get<3>(o));
  });
  const auto group = rc::gen::inRange(0, 0x10000);
  const auto ipv6 = rc::gen::map(rc::gen::tuple(group, group), [](const auto& g) {
    char text[32];
    std::snprintf(text, sizeof text, "2001:db8::%x:%x", std::get<0>(g), std::get<1>(g));
    return std::string(text);
  });
  return rc::gen::oneOf(rc::gen::suchThat(name,
                                          [](const std::string& h) {
                                            // All digits and dots would be read as IPv4.
                                            return h.find_first_not_of("0123456789.") !=
                                                   std::string::npos;
                                          }),
                        ipv4, ipv6);
}

RC_GTEST_PROP(ParseTarget, ReadsBackWhatTargetTextWrites, ()) {
  const TargetAddress target{*host(), *rc::gen::inRange<std::uint16_t>(1, 65535)};
  const auto text = target_text(target);
  const auto back = parse_target(text);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == target);
}

RC_GTEST_PROP(ParseTarget, RejectsEveryPortOutOfRange, ()) {
  const auto port = *rc::gen::oneOf(rc::gen::just(0L), rc::gen::inRange(65536L, 10000000L));
  const auto result = parse_target("10.1.2.3:" + std::to_string(port));
  RC_ASSERT(!result.ok());
  RC_ASSERT(result.error().find("port " + std::to_string(port)) != std::string::npos);
}

RC_GTEST_PROP(ParseTarget, NeverAcceptsAnEmptyHost, (const std::string& suffix)) {
  RC_PRE(suffix.find(':') == std::string::npos);  // "::1" is a host
  const auto result = parse_target(":" + suffix);
  RC_ASSERT(!result.ok());
}

}  // namespace
}  // namespace mbh::client
