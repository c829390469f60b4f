// A clean simulator passes the oracle: every answer to every request near every edge of every
// map is well formed and one the rules accept (pass or an EITHER outcome, never fail or warn).
#include "harness/simulator/simulator.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <rapidcheck/Random.h>

#include <map>
#include <set>

#include "models/map_catalog.hpp"
#include "request_generators.hpp"
#include "simulator_exchange.hpp"

namespace mbh::simulator::testing {
namespace {

using models::Status;

void check_device_passes_the_oracle(const models::RegisterMap& map) {
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  const auto requests = *rc::gen::container<std::vector<SentRequest>>(request_gen(map));
  Simulator simulator(SimulatorOptions{{DeviceSpec{&map, map.first_unit}}, {}, seed});
  models::KnownState state;
  for (const SentRequest& sent : requests) {
    const Exchange answer = exchange(simulator, sent.unit, sent.pdu);
    RC_LOG() << sent << " -> " << hex_of(answer.frame) << "\n";
    RC_ASSERT(answer.action == (answer.frame.empty() ? transport::Reply::Action::kSilence
                                                     : transport::Reply::Action::kSend));
    RC_ASSERT(answer.delay == std::chrono::milliseconds{0});
    if (!answer.frame.empty()) {
      RC_ASSERT(answer.mbap_error == "");
      RC_ASSERT(answer.pdu_error == "");
      RC_ASSERT(answer.response.has_value());
    }
    const models::Verdict verdict = judged(map, sent.unit, sent.pdu, answer, state);
    RC_LOG() << models::rule_name(verdict.rule) << " " << models::status_name(verdict.status)
             << ": " << verdict.message << "\n";
    RC_ASSERT(verdict.status != Status::kFail);
    RC_ASSERT(verdict.status != Status::kWarn);
    if (answer.request && answer.response && sent.unit == map.first_unit) {
      remember(map, *answer.request, *answer.response, state);
    }
  }
}

RC_GTEST_PROP(CleanSimulator, TheBmsPassesTheOracle, ()) {
  check_device_passes_the_oracle(*models::find_map("conext-bms"));
}

RC_GTEST_PROP(CleanSimulator, TheAgsPassesTheOracle, ()) {
  check_device_passes_the_oracle(*models::find_map("conext-ags"));
}

RC_GTEST_PROP(CleanSimulator, TheEnapterElectrolyserPassesTheOracle, ()) {
  check_device_passes_the_oracle(*models::find_map("enapter-el21"));
}

// The generators reach every rule that applies to the map, through the oracle's eyes, and
// the property above is not passing because it sends nothing interesting.
TEST(CleanSimulator, TheRequestGeneratorsReachEveryRequestRule) {
  using models::RuleId;
  const std::map<std::string_view, std::set<RuleId>> wanted{
      {"conext-bms",
       {RuleId::kValidRead, RuleId::kPartial32, RuleId::kPartialOther, RuleId::kGap,
        RuleId::kBoundary, RuleId::kQuantity, RuleId::kFunction, RuleId::kUnit, RuleId::kReadback,
        RuleId::kReadonly}},  // no writable BMS row is enumerated
      {"conext-ags",
       {RuleId::kValidRead, RuleId::kPartial32, RuleId::kPartialOther, RuleId::kGap,
        RuleId::kQuantity, RuleId::kFunction, RuleId::kUnit, RuleId::kEnum, RuleId::kReadback,
        RuleId::kReadonly}},
      {"enapter-el21",
       {RuleId::kValidRead, RuleId::kPartial32, RuleId::kPartialOther, RuleId::kGap,
        RuleId::kQuantity, RuleId::kFunction, RuleId::kUnit, RuleId::kReadback, RuleId::kConfig}},
  };
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    Simulator simulator(SimulatorOptions{{DeviceSpec{map, map->first_unit}}, {}, 7});
    models::KnownState state;
    std::set<RuleId> seen;
    const auto gen = request_gen(*map);
    rc::Random random(1234);
    for (int i = 0; i < 5000; ++i) {
      rc::Random next = random.split();
      const SentRequest sent = gen(next, 50).value();
      const Exchange answer = exchange(simulator, sent.unit, sent.pdu);
      const auto verdict = judged(*map, sent.unit, sent.pdu, answer, state);
      ASSERT_NE(verdict.status, models::Status::kFail) << sent << ": " << verdict.message;
      ASSERT_NE(verdict.status, models::Status::kWarn) << sent << ": " << verdict.message;
      seen.insert(verdict.rule);
      if (answer.request && answer.response && sent.unit == map->first_unit) {
        remember(*map, *answer.request, *answer.response, state);
      }
    }
    for (RuleId rule : wanted.at(map->id)) {
      EXPECT_TRUE(seen.contains(rule)) << models::rule_name(rule) << " never checked";
    }
  }
}

}  // namespace
}  // namespace mbh::simulator::testing
