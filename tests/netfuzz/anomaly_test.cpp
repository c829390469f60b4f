#include "harness/netfuzz/anomaly.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

namespace mbh::netfuzz {
namespace {

// An ADU: transaction 1, protocol `protocol`, the length computed, `unit`, then `pdu`.
std::vector<std::byte> adu(std::initializer_list<int> pdu, int unit = 1, int protocol = 0) {
  std::vector<std::byte> out{std::byte{0},
                             std::byte{1},
                             std::byte(protocol >> 8),
                             std::byte(protocol & 0xFF),
                             std::byte{0},
                             std::byte(pdu.size() + 1),
                             std::byte(unit)};
  for (const int b : pdu)
    out.push_back(std::byte(b));
  return out;
}

TEST(Anomaly, ARightAnswerAndARightExceptionAreNone) {
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 1}), adu({0x03, 2, 0, 42})), Anomaly::kNone);
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 200}), adu({0x83, 0x03})), Anomaly::kNone);
  EXPECT_EQ(anomaly_in(adu({0x41, 1}), adu({0xC1, 0x01})), Anomaly::kNone);
  // Function 0x83 asked: a conforming exception answer carries 0x83 again.
  EXPECT_EQ(anomaly_in(adu({0x83, 0}), adu({0x83, 0x01})), Anomaly::kNone);
  // Read Exception Status answers two bytes of its own.
  EXPECT_EQ(anomaly_in(adu({0x07}), adu({0x07, 0x02})), Anomaly::kNone);
  // A read of no bytes is two bytes long, its second 0: not an exception code.
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 0}), adu({0x03, 0x00})), Anomaly::kNone);
}

TEST(Anomaly, ExceptionFourIsAServerDeviceFailure) {
  EXPECT_EQ(anomaly_in(adu({0x2B, 0x0E, 1, 0}), adu({0xAB, 0x04})), Anomaly::kServerFailure);
  EXPECT_EQ(anomaly_in(adu({0x08, 0, 0x15, 0, 0}), adu({0x88, 0x04})), Anomaly::kServerFailure);
  EXPECT_EQ(anomaly_in(adu({0x90}), adu({0x90, 0x04})), Anomaly::kServerFailure);
}

TEST(Anomaly, AnExceptionWithoutTheFlagIsTold) {
  // The C server's: functions 0x80 and up answered with the bit cleared.
  EXPECT_EQ(anomaly_in(adu({0x83, 0, 0, 0, 1}), adu({0x03, 0x01})), Anomaly::kExceptionFlagMissing);
  // An exception code under the request's own function.
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 200}), adu({0x03, 0x03})),
            Anomaly::kExceptionFlagMissing);
}

TEST(Anomaly, AnotherFunctionOrUnitIsTold) {
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 1}), adu({0x04, 2, 0, 0})), Anomaly::kWrongFunction);
  EXPECT_EQ(anomaly_in(adu({0x83, 0, 0, 0, 1}), adu({0x04, 2, 0, 0})), Anomaly::kWrongFunction);
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 1}, 1), adu({0x03, 2, 0, 0}, 2)), Anomaly::kWrongUnit);
}

TEST(Anomaly, AnyAnswerToAForeignProtocolIsTold) {
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 1}, 1, 1), adu({0x03, 2, 0, 0})),
            Anomaly::kAnsweredForeignProtocol);
  EXPECT_EQ(anomaly_in(adu({0x03, 0, 0, 0, 1}, 1, 0x1234), adu({0x83, 1}, 1, 0x1234)),
            Anomaly::kAnsweredForeignProtocol);
}

TEST(Anomaly, ShortBytesAreNoAnomaly) {
  EXPECT_EQ(anomaly_in({}, {}), Anomaly::kNone);
  EXPECT_EQ(anomaly_in(adu({0x03}), std::vector<std::byte>(3)), Anomaly::kNone);
}

TEST(Anomaly, NamesAreStableAndRoundTrip) {
  for (const Anomaly a : {Anomaly::kServerFailure, Anomaly::kExceptionFlagMissing,
                          Anomaly::kWrongFunction, Anomaly::kWrongUnit, Anomaly::kWrongTransaction,
                          Anomaly::kAnsweredForeignProtocol, Anomaly::kSlow}) {
    EXPECT_EQ(anomaly_from_name(anomaly_name(a)), a);
    EXPECT_NE(anomaly_text(a), "nothing wrong");
  }
  EXPECT_EQ(anomaly_name(Anomaly::kServerFailure), "server-device-failure");
  EXPECT_FALSE(anomaly_from_name("none"));
}

}  // namespace
}  // namespace mbh::netfuzz
