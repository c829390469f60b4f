#include "models/oracle.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "harness/codec/aggregate_traits.hpp"
#include "models/address_range.hpp"
#include "models/map_catalog.hpp"
#include "tests/models/builtin_map_names.hpp"

namespace mbh::models {
namespace {

using codec::ExceptionCode;
using codec::ReadHoldingRegistersRequest;
using codec::ReadInputRegistersRequest;
using codec::WriteMultipleRegistersRequest;
using codec::WriteSingleRegisterRequest;

using testing::ags;
using testing::bms;
using testing::enapter;
Target target_of(const RegisterMap& map) {
  return Target{&map, map.first_unit};
}

Expectation expect_on(const RegisterMap& map, const codec::Request& request,
                      const KnownState& state = {}) {
  return expect(target_of(map), map.first_unit, request, state);
}

Verdict judge_response(const Expectation& e, const codec::Request& request,
                       std::optional<codec::Response> response) {
  return judge(e, &request, response);
}

codec::Response exception_response(std::uint8_t function, ExceptionCode code) {
  return codec::ExceptionResponse{function, code};
}

codec::Response registers(std::initializer_list<std::uint16_t> values) {
  return codec::ReadHoldingRegistersResponse{values};
}

bool only_exception(const Expectation& e, ExceptionCode code) {
  return e.outcomes.size() == 1 && e.outcomes[0].kind == OutcomeKind::kException &&
         e.outcomes[0].exception == code && e.outcomes[0].status == Status::kPass;
}

TEST(Oracle, AValidReadExpectsExactlyTheRegistersAskedFor) {
  const codec::Request read = ReadHoldingRegistersRequest{40000, 2};  // the SunS marker
  const auto e = expect_on(bms(), read);
  EXPECT_EQ(e.rule, RuleId::kValidRead);
  EXPECT_EQ(e.level, Level::kMust);
  ASSERT_EQ(e.outcomes.size(), 1U);
  EXPECT_EQ(e.outcomes[0].kind, OutcomeKind::kData);
  EXPECT_EQ(judge_response(e, read, registers({0x5375, 0x6E53})).status, Status::kPass);
  const auto short_answer = judge_response(e, read, registers({0x5375}));
  EXPECT_EQ(short_answer.status, Status::kFail);
  EXPECT_NE(short_answer.message.find("does not answer the request"), std::string::npos);
  EXPECT_EQ(
      judge_response(e, read, exception_response(3, ExceptionCode::kIllegalDataAddress)).status,
      Status::kFail);
  EXPECT_EQ(judge_response(e, read, std::nullopt).status, Status::kFail);
}

TEST(Oracle, BothHalvesOfEvery32BitValueAreAPartialRead) {
  for (const RegisterMap* map : all_maps()) {
    for (const RegisterRow& row : map->rows) {
      if (!is_32_bit_integer(row)) continue;
      SCOPED_TRACE(std::string(map->id) + " " + std::string(row.name));
      const std::uint16_t halves[] = {row.address, static_cast<std::uint16_t>(row.address + 1)};
      for (std::uint16_t half : halves) {
        const codec::Request read = row.space == Space::kHolding
                                        ? codec::Request{ReadHoldingRegistersRequest{half, 1}}
                                        : codec::Request{ReadInputRegistersRequest{half, 1}};
        const auto e = expect_on(*map, read);
        EXPECT_EQ(e.rule, RuleId::kPartial32);
        EXPECT_EQ(e.level, *level_of(*map, RuleId::kPartial32));
        EXPECT_EQ(e.address, row.address);
        if (e.level == Level::kMust) {
          EXPECT_TRUE(only_exception(e, ExceptionCode::kIllegalDataAddress));
        } else {  // Enapter: EITHER 02, or the raw halves
          EXPECT_EQ(e.outcomes.size(), 2U);
        }
      }
      // The whole value is a valid read.
      const codec::Request whole = row.space == Space::kHolding
                                       ? codec::Request{ReadHoldingRegistersRequest{row.address, 2}}
                                       : codec::Request{ReadInputRegistersRequest{row.address, 2}};
      EXPECT_EQ(expect_on(*map, whole).rule, RuleId::kValidRead);
    }
  }
}

TEST(Oracle, EveryBmsBlockSplitIsABoundaryCrossingWithEitherOutcome) {
  for (const Block& block : bms().blocks) {
    if (block.first == 40000) continue;
    SCOPED_TRACE(block.name);
    const codec::Request read =
        ReadHoldingRegistersRequest{static_cast<std::uint16_t>(block.first - 1), 2};
    const RangeAnalysis range =
        analyse_range(bms(), Space::kHolding, static_cast<std::uint16_t>(block.first - 1), 2);
    const auto e = expect_on(bms(), read);
    if (range.split_32) {  // a 32-bit value at the edge: R-PARTIAL-32 (MUST) decides
      EXPECT_EQ(e.rule, RuleId::kPartial32);
      continue;
    }
    EXPECT_EQ(e.rule, RuleId::kBoundary);
    EXPECT_EQ(e.level, Level::kEither);
    EXPECT_EQ(
        judge_response(e, read, exception_response(3, ExceptionCode::kIllegalDataAddress)).status,
        Status::kEither);
    EXPECT_EQ(judge_response(e, read, registers({1, 2})).status, Status::kEither);
    EXPECT_EQ(
        judge_response(e, read, exception_response(3, ExceptionCode::kIllegalDataValue)).status,
        Status::kFail);
  }
}

TEST(Oracle, TheRestartsOfTheBatteryBaseModelAreSplits) {
  for (std::uint16_t last : {std::uint16_t{40078}, std::uint16_t{40115}}) {
    const auto e = expect_on(bms(), ReadHoldingRegistersRequest{last, 2});
    EXPECT_TRUE(e.rule == RuleId::kBoundary || e.rule == RuleId::kPartial32) << last;
  }
}

TEST(Oracle, EveryAgsGapIsAnIllegalDataAddress) {
  const std::pair<std::uint16_t, std::uint16_t> gaps[] = {
      {0x0016, 0x001D}, {0x0020, 0x0027}, {0x0038, 0x003F}, {0x005C, 0x005E}};
  for (const auto& [first, last] : gaps) {
    for (std::uint16_t address : {first, last}) {
      SCOPED_TRACE(address);
      const auto inside = expect_on(ags(), ReadHoldingRegistersRequest{address, 1});
      EXPECT_EQ(inside.rule, RuleId::kGap);
      EXPECT_TRUE(only_exception(inside, ExceptionCode::kIllegalDataAddress));
      const auto write = expect_on(ags(), WriteSingleRegisterRequest{address, 1});
      EXPECT_EQ(write.rule, RuleId::kGap);
    }
    // Reaching into the gap from the last register before it.
    const auto into =
        expect_on(ags(), ReadHoldingRegistersRequest{static_cast<std::uint16_t>(first - 1), 2});
    EXPECT_TRUE(into.rule == RuleId::kGap || into.rule == RuleId::kPartial32);
    EXPECT_EQ(into.outcomes[0].exception, ExceptionCode::kIllegalDataAddress);
  }
  // The whole rows either side of a gap are valid reads.
  for (int edge : {0x0015, 0x001E, 0x001F, 0x0028, 0x0037, 0x0040, 0x005B, 0x005F}) {
    const RegisterRow* row = row_at(ags(), Space::kHolding, static_cast<std::uint16_t>(edge));
    ASSERT_NE(row, nullptr) << edge;
    const auto count = static_cast<std::uint16_t>(row->type.register_count());
    EXPECT_EQ(expect_on(ags(), ReadHoldingRegistersRequest{row->address, count}).rule,
              RuleId::kValidRead)
        << edge;
  }
}

TEST(Oracle, PastTheEndOfAMapIsAGap) {
  EXPECT_EQ(expect_on(bms(), ReadHoldingRegistersRequest{40142, 1}).rule, RuleId::kGap);
  EXPECT_EQ(expect_on(bms(), ReadHoldingRegistersRequest{39999, 1}).rule, RuleId::kGap);
  EXPECT_EQ(expect_on(bms(), ReadHoldingRegistersRequest{40140, 3}).rule, RuleId::kGap);
}

TEST(Oracle, EnapterGapsPreferExceptionTwoAndWarnOnZeros) {
  const codec::Request read = ReadInputRegistersRequest{19, 1};  // between 0..18 and 20..23
  const auto e = expect_on(enapter(), read);
  EXPECT_EQ(e.rule, RuleId::kGap);
  EXPECT_EQ(e.level, Level::kShould);
  EXPECT_EQ(
      judge_response(e, read, exception_response(4, ExceptionCode::kIllegalDataAddress)).status,
      Status::kPass);
  EXPECT_EQ(judge_response(e, read, codec::ReadInputRegistersResponse{{0}}).status, Status::kWarn);
  EXPECT_EQ(judge_response(e, read, codec::ReadInputRegistersResponse{{7}}).status, Status::kWarn);
  EXPECT_EQ(judge_response(e, read, std::nullopt).status, Status::kFail);
}

TEST(Oracle, EnapterEventArraysAreWholeBlocksAndSplittingThemIsEither) {
  EXPECT_EQ(expect_on(enapter(), ReadInputRegistersRequest{768, 64}).rule, RuleId::kValidRead);
  EXPECT_EQ(expect_on(enapter(), ReadInputRegistersRequest{832, 64}).rule, RuleId::kValidRead);
  const auto part = expect_on(enapter(), ReadInputRegistersRequest{768, 33});
  EXPECT_EQ(part.rule, RuleId::kPartialOther);
  EXPECT_EQ(part.level, Level::kEither);
  const auto across = expect_on(enapter(), ReadInputRegistersRequest{830, 4});
  EXPECT_EQ(across.rule, RuleId::kPartialOther);
}

TEST(Oracle, QuantityIsCheckedBeforeTheAddress) {
  const auto e = expect_on(ags(), ReadHoldingRegistersRequest{0x0016, 126});  // gap and 126
  EXPECT_EQ(e.rule, RuleId::kQuantity);
  EXPECT_TRUE(only_exception(e, ExceptionCode::kIllegalDataValue));
  EXPECT_EQ(expect_on(bms(), ReadHoldingRegistersRequest{40000, 0}).rule, RuleId::kQuantity);
  // A byte count that disagrees with the quantity, as raw bytes.
  const std::byte pdu[] = {std::byte{0x10}, std::byte{0x9C}, std::byte{0x59},
                           std::byte{0x00}, std::byte{0x01}, std::byte{0x03},
                           std::byte{0x00}, std::byte{0x01}, std::byte{0x02}};
  const auto bad_count = expect_pdu(target_of(bms()), bms().first_unit, pdu, {});
  EXPECT_EQ(bad_count.rule, RuleId::kQuantity);
}

TEST(Oracle, UnimplementedFunctionsGetIllegalFunction) {
  for (int code : {0x01, 0x02, 0x05, 0x07, 0x08, 0x0F, 0x11, 0x16, 0x17, 0x2B, 0x41}) {
    const auto function = static_cast<std::uint8_t>(code);
    const std::byte pdu[] = {std::byte{function}, std::byte{0}, std::byte{0}, std::byte{0},
                             std::byte{1}};
    for (const RegisterMap* map : all_maps()) {
      const auto e = expect_pdu(target_of(*map), map->first_unit, pdu, {});
      EXPECT_EQ(e.rule, RuleId::kFunction) << int{function};
      EXPECT_TRUE(only_exception(e, ExceptionCode::kIllegalFunction)) << int{function};
    }
  }
}

TEST(Oracle, ConextMayAnswerFunctionFourAsThreeOrRefuseIt) {
  const codec::Request read = ReadInputRegistersRequest{40000, 2};
  const auto e = expect_on(bms(), read);
  EXPECT_EQ(e.rule, RuleId::kFunction);
  EXPECT_EQ(e.level, Level::kEither);
  EXPECT_EQ(judge_response(e, read, exception_response(4, ExceptionCode::kIllegalFunction)).status,
            Status::kEither);
  EXPECT_EQ(judge_response(e, read, codec::ReadInputRegistersResponse{{0x5375, 0x6E53}}).status,
            Status::kEither);
  EXPECT_EQ(
      judge_response(e, read, exception_response(4, ExceptionCode::kServerDeviceFailure)).status,
      Status::kFail);
  // Enapter implements 04.
  EXPECT_EQ(expect_on(enapter(), ReadInputRegistersRequest{0, 2}).rule, RuleId::kValidRead);
}

TEST(Oracle, OtherUnitsMayBeSilentOrAnswerWithAGatewayException) {
  const codec::Request read = ReadHoldingRegistersRequest{40000, 2};
  const auto e = expect(target_of(bms()), 231, read, {});
  EXPECT_EQ(e.rule, RuleId::kUnit);
  EXPECT_EQ(judge(e, &read, std::nullopt).status, Status::kEither);
  EXPECT_EQ(judge(e, &read, exception_response(3, ExceptionCode::kGatewayPathUnavailable)).status,
            Status::kEither);
  EXPECT_EQ(judge(e, &read, registers({1, 2})).status, Status::kFail);
  const codec::Request enapter_read = ReadInputRegistersRequest{0, 2};
  const auto as_unit_1 = expect(target_of(enapter()), 7, enapter_read, {});
  EXPECT_EQ(
      judge(as_unit_1, &enapter_read, codec::ReadInputRegistersResponse{{0x454C, 0x3231}}).status,
      Status::kEither);
}

TEST(Oracle, WritesToReadOnlyRegistersShouldGetAnException) {
  const codec::Request write = WriteSingleRegisterRequest{40091, 4};  // Battery Type, r
  const auto e = expect_on(bms(), write);
  EXPECT_EQ(e.rule, RuleId::kReadonly);
  EXPECT_EQ(e.level, Level::kShould);
  EXPECT_EQ(
      judge_response(e, write, exception_response(6, ExceptionCode::kIllegalDataAddress)).status,
      Status::kEither);
  EXPECT_EQ(
      judge_response(e, write, exception_response(6, ExceptionCode::kServerDeviceFailure)).status,
      Status::kEither);
  EXPECT_EQ(judge_response(e, write, codec::WriteSingleRegisterResponse{40091, 4}).status,
            Status::kWarn);
}

TEST(Oracle, AWriteOfAValidValueIsEchoedAndReadsBack) {
  const RegisterRow* heartbeat = nullptr;
  for (const auto& row : bms().rows) {
    if (row.name == "Controller Heartbeat") heartbeat = &row;
  }
  ASSERT_NE(heartbeat, nullptr);
  const codec::Request write = WriteSingleRegisterRequest{heartbeat->address, 42};
  const auto e = expect_on(bms(), write);
  EXPECT_EQ(e.rule, RuleId::kReadback);
  EXPECT_EQ(
      judge_response(e, write, codec::WriteSingleRegisterResponse{heartbeat->address, 42}).status,
      Status::kPass);
  EXPECT_EQ(
      judge_response(e, write, codec::WriteSingleRegisterResponse{heartbeat->address, 43}).status,
      Status::kFail);
  KnownState state;
  state.committed[{Space::kHolding, heartbeat->address}] = 42;
  const codec::Request read = ReadHoldingRegistersRequest{heartbeat->address, 1};
  const auto back = expect_on(bms(), read, state);
  EXPECT_EQ(back.rule, RuleId::kReadback);
  EXPECT_EQ(judge_response(back, read, registers({42})).status, Status::kPass);
  EXPECT_EQ(judge_response(back, read, registers({0})).status, Status::kFail);
}

TEST(Oracle, EnapterConfigurationSequence) {
  // Begin and Commit are commands the device accepts.
  EXPECT_EQ(expect_on(enapter(), WriteSingleRegisterRequest{4000, 1}).rule, RuleId::kConfig);
  EXPECT_EQ(expect_on(enapter(), WriteSingleRegisterRequest{4001, 1}).rule, RuleId::kConfig);
  // A configuration register written outside Begin/Commit: answered either way.
  const codec::Request outside = WriteMultipleRegistersRequest{4310, {0x41C8, 0x0000}};
  const auto e = expect_on(enapter(), outside);
  EXPECT_EQ(e.rule, RuleId::kConfig);
  EXPECT_EQ(e.level, Level::kEither);
  EXPECT_EQ(judge_response(e, outside, codec::WriteMultipleRegistersResponse{4310, 2}).status,
            Status::kEither);
  EXPECT_EQ(judge_response(e, outside, exception_response(16, ExceptionCode::kServerDeviceFailure))
                .status,
            Status::kEither);
  // Inside Begin/Commit it is an ordinary write.
  KnownState open;
  open.configuration_open = true;
  EXPECT_EQ(expect_on(enapter(), outside, open).rule, RuleId::kReadback);
  // Between Begin and Commit the register reads its staged or its committed value.
  open.committed[{Space::kHolding, 4310}] = 0x41A0;
  open.committed[{Space::kHolding, 4311}] = 0x0000;
  open.staged[{Space::kHolding, 4310}] = 0x41C8;
  open.staged[{Space::kHolding, 4311}] = 0x0000;
  const codec::Request read = ReadHoldingRegistersRequest{4310, 2};
  const auto between = expect_on(enapter(), read, open);
  EXPECT_EQ(between.rule, RuleId::kConfig);
  EXPECT_EQ(judge_response(between, read, registers({0x41C8, 0})).status, Status::kEither);
  EXPECT_EQ(judge_response(between, read, registers({0x41A0, 0})).status, Status::kEither);
  EXPECT_EQ(judge_response(between, read, registers({0x4100, 0})).status, Status::kFail);
}

// Found by fuzz_oracle (corpus/regressions/fuzz_oracle/staged-value-on-a-map-without-
// configuration.bin): staged values made R-CONFIG decide a read on a Conext map.
TEST(Oracle, OnlyEnapterConfigurationRegistersHaveStagedValues) {
  KnownState state;
  state.configuration_open = true;
  state.staged[{Space::kHolding, 0x0044}] = 1;
  state.committed[{Space::kHolding, 0x0044}] = 2;
  EXPECT_NE(expect_on(ags(), ReadHoldingRegistersRequest{0x0044, 1}, state).rule, RuleId::kConfig);
}

TEST(Oracle, WritingAValueOutsideAnEnumIsEither) {
  const RegisterRow* mode = nullptr;
  for (const auto& row : ags().rows) {
    if (row.name == "Operating Mode") mode = &row;
  }
  ASSERT_NE(mode, nullptr);
  const auto e = expect_on(ags(), WriteSingleRegisterRequest{mode->address, 7});
  EXPECT_EQ(e.rule, RuleId::kEnum);
  EXPECT_EQ(e.level, Level::kEither);
}

// ---- Properties over random requests ------------------------------------------------------

rc::Gen<std::uint16_t> address_near(const RegisterMap& map) {
  std::vector<std::uint16_t> edges;
  for (const auto& block : map.blocks) {
    for (int d = -2; d <= 2; ++d) {
      edges.push_back(static_cast<std::uint16_t>(block.first + d));
      edges.push_back(static_cast<std::uint16_t>(block.last + d));
    }
  }
  return rc::gen::weightedOneOf<std::uint16_t>(
      {{3, rc::gen::elementOf(edges)}, {1, rc::gen::arbitrary<std::uint16_t>()}});
}

rc::Gen<codec::Request> request_for(const RegisterMap& map) {
  const auto quantity = rc::gen::weightedOneOf<std::uint16_t>(
      {{4, rc::gen::inRange<std::uint16_t>(1, 9)},
       {1, rc::gen::element<std::uint16_t>(0, 1, 2, 64, 123, 124, 125, 126)}});
  return rc::gen::oneOf(
      rc::gen::cast<codec::Request>(
          rc::gen::construct<ReadHoldingRegistersRequest>(address_near(map), quantity)),
      rc::gen::cast<codec::Request>(
          rc::gen::construct<ReadInputRegistersRequest>(address_near(map), quantity)),
      rc::gen::cast<codec::Request>(rc::gen::construct<WriteSingleRegisterRequest>(
          address_near(map), rc::gen::arbitrary<std::uint16_t>())),
      rc::gen::cast<codec::Request>(rc::gen::construct<codec::ReadCoilsRequest>(
          rc::gen::arbitrary<std::uint16_t>(), quantity)));
}

RC_GTEST_PROP(OracleProperty, NeverAnEmptyOutcomeSetAndLevelsAgreeWithRules, ()) {
  const auto* map =
      *rc::gen::elementOf(std::vector<const RegisterMap*>(all_maps().begin(), all_maps().end()));
  const auto request = *request_for(*map);
  const auto unit = *rc::gen::weightedOneOf<std::uint8_t>(
      {{9, rc::gen::just(map->first_unit)}, {1, rc::gen::arbitrary<std::uint8_t>()}});
  const auto e = expect(target_of(*map), unit, request, {});
  RC_ASSERT(!e.outcomes.empty());
  RC_ASSERT(!e.reason.empty());
  const auto level = level_of(*map, e.rule);
  RC_ASSERT(level.has_value());  // never a rule that is n/a for the map
  // The headline level, except where RULES.md's cell splits a rule into parts, and R-ENUM's
  // write of an unlisted value (a device may accept it: "Modbus does not provide an error
  // response when data written ... is out of range").
  if (e.rule != RuleId::kReadonly && e.rule != RuleId::kFunction && e.rule != RuleId::kConfig &&
      e.rule != RuleId::kEnum) {
    RC_ASSERT(e.level == *level);
  }
  RC_ASSERT(e.otherwise != Status::kPass);
  // No response is both accepted and rejected: the verdict on each listed outcome is its own.
  for (const auto& outcome : e.outcomes)
    RC_ASSERT(outcome.status != Status::kFail);
}

RC_GTEST_PROP(OracleProperty, AValidRequestGetsExactlyOneAcceptableDataOutcome, ()) {
  const auto* map =
      *rc::gen::elementOf(std::vector<const RegisterMap*>(all_maps().begin(), all_maps().end()));
  // A read of a whole run of rows inside one block.
  const Block& block =
      *rc::gen::elementOf(std::vector<Block>(map->blocks.begin(), map->blocks.end()));
  std::vector<const RegisterRow*> rows;
  for (const auto& row : map->rows) {
    if (row.space == block.space && row.address >= block.first && row.address <= block.last) {
      rows.push_back(&row);
    }
  }
  RC_PRE(!rows.empty());
  const std::size_t from = *rc::gen::inRange<std::size_t>(0, rows.size());
  const std::size_t to = *rc::gen::inRange<std::size_t>(from, rows.size());
  const std::uint32_t first = rows[from]->address;
  const auto end = static_cast<std::uint32_t>(rows[to]->address + rows[to]->type.register_count());
  RC_PRE(end - first <= 125);
  const auto quantity = static_cast<std::uint16_t>(end - first);
  const codec::Request read =
      block.space == Space::kHolding
          ? codec::Request{ReadHoldingRegistersRequest{static_cast<std::uint16_t>(first), quantity}}
          : codec::Request{ReadInputRegistersRequest{static_cast<std::uint16_t>(first), quantity}};
  if (block.space == Space::kInput) RC_PRE(implements(*map, 0x04));
  const auto e = expect(target_of(*map), map->first_unit, read, {});
  RC_ASSERT(e.rule == RuleId::kValidRead);
  RC_ASSERT(e.outcomes.size() == 1U);
  RC_ASSERT(e.outcomes[0].kind == OutcomeKind::kData);
  RC_ASSERT(e.outcomes[0].status == Status::kPass);
}

}  // namespace
}  // namespace mbh::models
