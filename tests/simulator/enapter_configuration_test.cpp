// The Enapter configuration sequence (RULES.md R-CONFIG) as the document's example runs it:
// Begin, write Restart Pressure, Commit; and the rollback, and writes outside the sequence.
#include "harness/simulator/enapter_configuration.hpp"

#include <gtest/gtest.h>

#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "harness/simulator/simulator.hpp"
#include "models/map_catalog.hpp"
#include "simulator_exchange.hpp"
#include "tests/simulator/enapter_registers.hpp"

namespace mbh::simulator::testing {
namespace {

using codec::ReadHoldingRegistersRequest;
using codec::ReadInputRegistersRequest;
using codec::WriteMultipleRegistersRequest;
using codec::WriteSingleRegisterRequest;

constexpr std::uint8_t kUnit = 1;
constexpr std::uint16_t kBegin = 4000;
constexpr std::uint16_t kCommit = 4001;
constexpr std::uint16_t kDefaultProductionRate = 4396;

class EnapterConfigurationSequence : public ::testing::Test {
 protected:
  Simulator simulator{
      SimulatorOptions{{DeviceSpec{models::find_map("enapter-el21"), kUnit}}, {}, 5}};

  Exchange send(const codec::Request& request) {
    Exchange answer = exchange(simulator, kUnit, request);
    EXPECT_TRUE(answer.response.has_value());
    EXPECT_EQ(answer.pdu_error, "");
    return answer;
  }
  bool accepted(const codec::Request& request) {
    const auto answer = send(request);
    return answer.response && !std::holds_alternative<codec::ExceptionResponse>(*answer.response);
  }
  bool write_float(std::uint16_t address, float value) {
    const auto words = codec::encode_float32(value);
    WriteMultipleRegistersRequest write{address, {}};
    write.values.assign(words.span().begin(), words.span().end());
    return accepted(write);
  }
  float read_float(std::uint16_t address) {
    const auto words = registers_of(send(ReadHoldingRegistersRequest{address, 2}));
    return codec::decode_float32(words.value()).value();
  }
  std::uint16_t input(std::uint16_t address) {
    return registers_of(send(ReadInputRegistersRequest{address, 1})).value().at(0);
  }
  std::int32_t last_result() {
    const auto words = registers_of(send(ReadInputRegistersRequest{4002, 2})).value();
    return codec::decode_sint32(words).value();
  }
};

TEST_F(EnapterConfigurationSequence, BeginWriteCommitAppliesTheValue) {
  // The document's example: Restart Pressure to 25 bar.
  ASSERT_EQ(read_float(kRestartPressure), 30.0F);
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kBegin, 1}));
  EXPECT_EQ(input(4000), 1);  // Configuration Progress
  EXPECT_EQ(input(4001), 1);  // Configuration Source: over Modbus
  ASSERT_TRUE(write_float(kRestartPressure, 25.0F));
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);  // between Begin and Commit: committed value
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kCommit, 1}));
  EXPECT_EQ(last_result(), 0);
  EXPECT_EQ(input(4000), 0);
  EXPECT_EQ(read_float(kRestartPressure), 25.0F);
}

TEST_F(EnapterConfigurationSequence, CommitZeroRollsBack) {
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kBegin, 1}));
  ASSERT_TRUE(write_float(kRestartPressure, 25.0F));
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kCommit, 0}));
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);
  EXPECT_EQ(last_result(), 2);  // No Entry: interrupted
  // A commit afterwards has nothing to apply.
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kCommit, 1}));
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);
}

TEST_F(EnapterConfigurationSequence, AWriteOutsideBeginAndCommitHasNoEffect) {
  EXPECT_TRUE(write_float(kRestartPressure, 25.0F));  // answered normally (RULES.md: EITHER)
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);
  // Nor does a later Begin and Commit pick it up.
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kBegin, 1}));
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kCommit, 1}));
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);
}

TEST_F(EnapterConfigurationSequence, BeginAndCommitInOneWrite) {
  ASSERT_TRUE(accepted(WriteMultipleRegistersRequest{kBegin, {1, 1}}));
  EXPECT_EQ(last_result(), 0);
  EXPECT_EQ(input(4000), 0);
}

TEST_F(EnapterConfigurationSequence, AnInvalidValueIsRefusedAtCommitAndNamed) {
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kBegin, 1}));
  ASSERT_TRUE(write_float(kRestartPressure, 25.0F));
  ASSERT_TRUE(write_float(kDefaultProductionRate, 150.0F));  // over 100 %
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kCommit, 1}));
  EXPECT_EQ(last_result(), 22);                    // Invalid
  EXPECT_EQ(input(4004), kDefaultProductionRate);  // Last Configuration Wrong Holding
  EXPECT_EQ(read_float(kRestartPressure), 30.0F);  // nothing applied
  EXPECT_EQ(read_float(kDefaultProductionRate), 100.0F);
}

TEST_F(EnapterConfigurationSequence, BeginAndCommitReadAsCommands) {
  EXPECT_EQ(registers_of(send(ReadHoldingRegistersRequest{kBegin, 2})).value(),
            (std::vector<std::uint16_t>{0, 0}));
  ASSERT_TRUE(accepted(WriteSingleRegisterRequest{kBegin, 1}));
  EXPECT_EQ(registers_of(send(ReadHoldingRegistersRequest{kBegin, 2})).value(),
            (std::vector<std::uint16_t>{1, 0}));
}

TEST(EnapterConfiguration, TheStateMachineAloneFollowsItsTable) {
  const models::RegisterMap& map = *models::find_map("enapter-el21");
  RegisterBank bank(map);
  EnapterConfiguration configuration(map, false, false);
  EXPECT_EQ(configuration.state(), ConfigurationState::kIdle);
  configuration.write(map.configuration->begin, 0, bank);  // not a Begin
  EXPECT_EQ(configuration.state(), ConfigurationState::kIdle);
  configuration.write(map.configuration->begin, 7, bank);  // any true Boolean begins
  EXPECT_EQ(configuration.state(), ConfigurationState::kOpen);
  configuration.write(4020, 0xC0A8, bank);
  EXPECT_EQ(bank.get(models::Space::kHolding, 4020), 0);  // staged, not applied
  configuration.write(map.configuration->commit, 1, bank);
  EXPECT_EQ(configuration.state(), ConfigurationState::kIdle);
  EXPECT_EQ(bank.get(models::Space::kHolding, 4020), 0xC0A8);
}

TEST(EnapterConfiguration, TheOutsideFaultAppliesAtOnce) {
  const models::RegisterMap& map = *models::find_map("enapter-el21");
  RegisterBank bank(map);
  EnapterConfiguration configuration(map, true, false);
  configuration.write(4020, 0xC0A8, bank);
  EXPECT_EQ(bank.get(models::Space::kHolding, 4020), 0xC0A8);
}

}  // namespace
}  // namespace mbh::simulator::testing
