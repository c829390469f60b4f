// The simulator as the TCP server sees it: devices by unit id, the same answers for the same
// seed and requests, transport and fuzz faults as Reply actions, bad options refused.
#include "harness/simulator/simulator.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <stdexcept>

#include "models/map_catalog.hpp"
#include "request_generators.hpp"
#include "simulator_exchange.hpp"

namespace mbh::simulator::testing {
namespace {

using codec::ReadHoldingRegistersRequest;
using codec::ReadInputRegistersRequest;
using Action = transport::Reply::Action;

FaultSpec fault(std::string_view text) {
  auto spec = parse_fault(text);
  if (!spec) throw std::invalid_argument(spec.error());
  return spec.value();
}

Simulator with_faults(std::vector<std::string_view> texts) {
  std::vector<FaultSpec> faults;
  for (auto text : texts)
    faults.push_back(fault(text));
  return Simulator(SimulatorOptions{{}, std::move(faults), 1});
}

const ReadHoldingRegistersRequest kSunS{40000, 2};

TEST(Simulator, ServesTheThreeMapsOnTheirFirstUnitIdsByDefault) {
  Simulator simulator(SimulatorOptions{});
  ASSERT_EQ(simulator.devices().size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(simulator.devices()[i].map, models::all_maps()[i]);
    EXPECT_EQ(simulator.devices()[i].unit, models::all_maps()[i]->first_unit);
  }
  EXPECT_EQ(registers_of(exchange(simulator, 230, kSunS)),
            (std::vector<std::uint16_t>{0x5375, 0x6E53}));
  EXPECT_EQ(registers_of(exchange(simulator, 1, ReadInputRegistersRequest{0, 2})),
            (std::vector<std::uint16_t>{0x454C, 0x3231}));
  const auto ags = exchange(simulator, 50, ReadHoldingRegistersRequest{0x0040, 2});
  EXPECT_EQ(registers_of(ags).value().at(0), 3);  // Device State: Operating
}

TEST(Simulator, AUnitNoDeviceServesGetsException0B) {
  Simulator simulator(SimulatorOptions{});
  for (std::uint8_t unit : std::initializer_list<std::uint8_t>{0, 2, 231, 255}) {
    const auto answer = exchange(simulator, unit, kSunS);
    ASSERT_TRUE(answer.response.has_value()) << int{unit};
    const auto* exception = std::get_if<codec::ExceptionResponse>(&*answer.response);
    ASSERT_NE(exception, nullptr) << int{unit};
    EXPECT_EQ(exception->code, codec::ExceptionCode::kGatewayTargetFailedToRespond);
    EXPECT_EQ(exception->function, 0x03);
  }
}

TEST(Simulator, ServesAMapOnAnyUnitItIsGiven) {
  const auto* bms = models::find_map("conext-bms");
  Simulator simulator(SimulatorOptions{{DeviceSpec{bms, 232}, DeviceSpec{bms, 233}}, {}, 1});
  EXPECT_TRUE(registers_of(exchange(simulator, 232, kSunS)));
  EXPECT_TRUE(registers_of(exchange(simulator, 233, kSunS)));
  EXPECT_FALSE(registers_of(exchange(simulator, 230, kSunS)));  // no device on 230 here
  // Each holds its own unit id as its Modbus Address (40068).
  EXPECT_EQ(registers_of(exchange(simulator, 233, ReadHoldingRegistersRequest{40068, 1}))->at(0),
            233);
}

TEST(Simulator, RefusesTwoDevicesOnOneUnitAndBadFaultSpecs) {
  const auto* bms = models::find_map("conext-bms");
  const auto* ags = models::find_map("conext-ags");
  EXPECT_THROW(Simulator(SimulatorOptions{{DeviceSpec{bms, 5}, DeviceSpec{ags, 5}}, {}, 1}),
               std::invalid_argument);
  EXPECT_THROW(Simulator(SimulatorOptions{{DeviceSpec{nullptr, 5}}, {}, 1}), std::invalid_argument);
  EXPECT_THROW(Simulator(SimulatorOptions{{}, {FaultSpec{nullptr, std::nullopt}}, 1}),
               std::invalid_argument);
  EXPECT_THROW(Simulator(SimulatorOptions{{}, {FaultSpec{find_fault("slow"), std::nullopt}}, 1}),
               std::invalid_argument);
  EXPECT_THROW(Simulator(SimulatorOptions{{}, {FaultSpec{find_fault("slow"), "soon"}}, 1}),
               std::invalid_argument);
  EXPECT_THROW(Simulator(SimulatorOptions{{}, {FaultSpec{find_fault("silence"), "1"}}, 1}),
               std::invalid_argument);
}

TEST(Simulator, TheSameSeedAndRequestsGiveTheSameBytes) {
  Simulator first(SimulatorOptions{{}, {}, 42});
  Simulator second(SimulatorOptions{{}, {}, 42});
  Simulator other(SimulatorOptions{{}, {}, 43});
  rc::Random random(99);
  bool any_difference = false;
  for (int i = 0; i < 3000; ++i) {
    const auto& map = *models::all_maps()[static_cast<std::size_t>(i) % 3];
    rc::Random next = random.split();
    const SentRequest sent = request_gen(map)(next, 50).value();
    const auto a = exchange(first, sent.unit, sent.pdu, static_cast<std::uint16_t>(i));
    const auto b = exchange(second, sent.unit, sent.pdu, static_cast<std::uint16_t>(i));
    const auto c = exchange(other, sent.unit, sent.pdu, static_cast<std::uint16_t>(i));
    ASSERT_EQ(a.frame, b.frame) << sent;
    ASSERT_EQ(a.action, b.action) << sent;
    any_difference = any_difference || a.frame != c.frame;
  }
  EXPECT_TRUE(any_difference) << "another seed should give other live values";
}

TEST(Simulator, SlowDelaysEveryAnswer) {
  auto simulator = with_faults({"slow=250"});
  const auto answer = exchange(simulator, 230, kSunS);
  EXPECT_EQ(answer.action, Action::kSend);
  EXPECT_EQ(answer.delay, std::chrono::milliseconds{250});
  EXPECT_TRUE(registers_of(answer));
}

TEST(Simulator, DropClosesTheConnectionOnEveryNthRequest) {
  auto simulator = with_faults({"drop=3"});
  for (int i = 1; i <= 9; ++i) {
    const auto answer = exchange(simulator, 230, kSunS);
    if (i % 3 == 0) {
      EXPECT_EQ(answer.action, Action::kClose) << i;
      EXPECT_TRUE(answer.frame.empty()) << i;
    } else {
      EXPECT_EQ(answer.action, Action::kSend) << i;
      EXPECT_TRUE(registers_of(answer)) << i;
    }
  }
}

TEST(Simulator, SilenceNeverAnswers) {
  auto simulator = with_faults({"silence"});
  EXPECT_EQ(exchange(simulator, 230, kSunS).action, Action::kSilence);
  EXPECT_EQ(exchange(simulator, 1, ReadInputRegistersRequest{0, 2}).action, Action::kSilence);
}

TEST(Simulator, TruncateSendsHalfAnAnswerThenCloses) {
  auto simulator = with_faults({"truncate"});
  Simulator clean(SimulatorOptions{{}, {}, 1});
  const auto whole = exchange(clean, 230, kSunS);
  const auto half = exchange(simulator, 230, kSunS);
  EXPECT_EQ(half.action, Action::kClose);
  ASSERT_EQ(half.frame.size(), whole.frame.size() / 2);
  EXPECT_TRUE(std::equal(half.frame.begin(), half.frame.end(), whole.frame.begin()));
}

TEST(Simulator, CrashOnAndHangOnMatchThePduPrefix) {
  auto simulator = with_faults({"crash-on=2B0E", "hang-on=0300"});
  const std::vector<std::byte> device_id{std::byte{0x2B}, std::byte{0x0E}, std::byte{0x01},
                                         std::byte{0x00}};
  EXPECT_EQ(exchange(simulator, 230, device_id).action, Action::kCrash);
  EXPECT_EQ(exchange(simulator, 77, device_id).action, Action::kCrash);  // any unit
  EXPECT_EQ(exchange(simulator, 230, ReadHoldingRegistersRequest{0x0040, 1}).action, Action::kHang);
  EXPECT_EQ(exchange(simulator, 230, kSunS).action, Action::kSend);  // 03 9C 40: not 03 00
  const std::vector<std::byte> short_pdu{std::byte{0x2B}};
  EXPECT_EQ(exchange(simulator, 230, short_pdu).action, Action::kSend);  // shorter than the shape
}

// Malformed PDUs of every length never crash the simulator and always get an exception.
RC_GTEST_PROP(Simulator, AnyPduGetsAWellFormedAnswer, (std::vector<std::uint8_t> bytes)) {
  RC_PRE(!bytes.empty() && bytes.size() <= codec::kMaxPduSize);
  std::vector<std::byte> pdu;
  for (auto b : bytes)
    pdu.push_back(std::byte{b});
  Simulator simulator(SimulatorOptions{});
  for (std::uint8_t unit : std::initializer_list<std::uint8_t>{230, 50, 1}) {
    const auto answer = exchange(simulator, unit, pdu);
    RC_ASSERT(answer.action == Action::kSend);
    RC_ASSERT(answer.mbap_error == "");
    RC_ASSERT(answer.response.has_value());
  }
}

}  // namespace
}  // namespace mbh::simulator::testing
