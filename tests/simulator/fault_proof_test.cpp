// Every rule fault in the catalogue makes its rule fail: for each one a short script of
// requests (or a readout) that the oracle judges fail, or warn where the rule is a SHOULD, for
// exactly the fault's rule; the same script against a clean simulator raises nothing. A fault
// added to the catalogue without a proof here fails the test.
#include "harness/simulator/fault_catalogue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "harness/codec/adu_framer.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "harness/simulator/simulator.hpp"
#include "models/map_catalog.hpp"
#include "models/readout.hpp"
#include "simulator_exchange.hpp"
#include "tests/simulator/enapter_registers.hpp"

namespace mbh::simulator::testing {
namespace {

using codec::ReadHoldingRegistersRequest;
using codec::ReadInputRegistersRequest;
using codec::WriteMultipleRegistersRequest;
using codec::WriteSingleRegisterRequest;
using models::Level;
using models::RuleId;
using models::Space;
using models::Status;
using models::Verdict;

const models::RegisterMap& bms() {
  return *models::find_map("conext-bms");
}
const models::RegisterMap& ags() {
  return *models::find_map("conext-ags");
}
const models::RegisterMap& enapter() {
  return *models::find_map("enapter-el21");
}

// A proof drives a simulator serving all three maps on their first unit ids and returns the
// verdicts of every check it made.
class Proof {
 public:
  explicit Proof(Simulator& simulator) : simulator_(simulator) {}

  // One request to `map`'s device (on `unit`, its own by default), judged by the oracle with
  // what the proof knows of the device; accepted writes are remembered.
  Exchange request(const models::RegisterMap& map, std::span<const std::byte> pdu,
                   std::optional<std::uint8_t> unit = std::nullopt) {
    const std::uint8_t to = unit.value_or(map.first_unit);
    Exchange answer = exchange(simulator_, to, pdu);
    models::KnownState& state = states_[map.id];
    verdicts_.push_back(judged(map, to, pdu, answer, state));
    if (answer.request && answer.response && to == map.first_unit) {
      remember(map, *answer.request, *answer.response, state);
    }
    return answer;
  }
  Exchange request(const models::RegisterMap& map, const codec::Request& request,
                   std::optional<std::uint8_t> unit = std::nullopt) {
    return this->request(map, pdu_of(request), unit);
  }

  // R-MBAP, which the codec checks rather than the oracle: the header answers the request's,
  // the length matches, the PDU decodes as an answer to the request.
  void check_framing(const models::RegisterMap& map, const codec::Request& request) {
    const Exchange answer = exchange(simulator_, map.first_unit, request);
    const bool good = answer.mbap_error.empty() && answer.pdu_error.empty() && answer.response;
    verdicts_.push_back(Verdict{good ? Status::kPass : Status::kFail, RuleId::kMbap, Level::kMust,
                                "the answer's frame: " + answer.mbap_error + answer.pdu_error});
  }

  // R-MBAP, as a client matching answers by transaction id sees it: the reply to one request
  // is exactly one frame, and it carries the request's id (a second frame, a copy or one no
  // request asked for, is a stray the client has to discard).
  void check_one_frame(const models::RegisterMap& map, const codec::Request& request) {
    constexpr std::uint16_t kId = 0x1234;
    const Exchange answer = exchange(simulator_, map.first_unit, pdu_of(request), kId);
    std::span<const std::byte> rest = answer.frame;
    std::vector<std::uint16_t> ids;
    while (!rest.empty()) {
      const auto framed = codec::frame_adu(rest);
      const auto* frame = std::get_if<codec::FramedAdu>(&framed);
      if (frame == nullptr) break;
      ids.push_back(frame->adu.header.transaction_id);
      rest = rest.subspan(frame->size);
    }
    const bool good = rest.empty() && ids == std::vector<std::uint16_t>{kId};
    std::string text;
    for (const std::uint16_t id : ids)
      text += (text.empty() ? "" : ", ") + std::to_string(id);
    verdicts_.push_back(Verdict{good ? Status::kPass : Status::kFail, RuleId::kMbap, Level::kMust,
                                "the reply to the request with transaction id " +
                                    std::to_string(kId) + " holds " + std::to_string(ids.size()) +
                                    " frame(s), with transaction id(s) " + text +
                                    (rest.empty() ? "" : ", and bytes that frame nothing")});
  }

  // The value rules over one read's registers.
  void check_readout(const models::RegisterMap& map, Space space, std::uint16_t first,
                     std::uint16_t quantity) {
    const codec::Request read = space == Space::kInput
                                    ? codec::Request{ReadInputRegistersRequest{first, quantity}}
                                    : codec::Request{ReadHoldingRegistersRequest{first, quantity}};
    const auto registers = registers_of(request(map, read));
    if (!registers) return;  // the read's verdict says why
    for (const auto& entry : models::read_out(map, space, first, *registers)) {
      for (const auto& issue : entry.issues)
        add_issue(issue);
    }
  }

  // SunSpec's model structure over the BMS's whole holding space, read block by block.
  void check_bms_structure() {
    std::vector<std::uint16_t> all;
    for (const models::Block& block : bms().blocks) {
      const auto quantity = static_cast<std::uint16_t>(block.last - block.first + 1);
      const auto registers =
          registers_of(request(bms(), ReadHoldingRegistersRequest{block.first, quantity}));
      if (!registers) return;
      all.insert(all.end(), registers->begin(), registers->end());
    }
    for (const auto& issue : models::check_model_structure(bms(), bms().blocks[0].first, all)) {
      add_issue(issue);
    }
  }

  // What a read returned becomes known, as a run learns the original value it will restore.
  void learn(const models::RegisterMap& map, std::uint16_t first, const Exchange& read) {
    const auto registers = registers_of(read);
    if (!registers) return;
    for (std::size_t i = 0; i < registers->size(); ++i) {
      states_[map.id].committed[{Space::kHolding, static_cast<std::uint16_t>(first + i)}] =
          (*registers)[i];
    }
  }

  const std::vector<Verdict>& verdicts() const { return verdicts_; }

 private:
  void add_issue(const models::ValueIssue& issue) {
    verdicts_.push_back(Verdict{issue.level == Level::kShould ? Status::kWarn : Status::kFail,
                                issue.rule, issue.level, issue.message});
  }

  Simulator& simulator_;
  std::map<std::string_view, models::KnownState> states_;
  std::vector<Verdict> verdicts_;
};

std::vector<std::uint16_t> float_words(float value) {
  const auto words = codec::encode_float32(value);
  return {words.span().begin(), words.span().end()};
}

WriteMultipleRegistersRequest write_multiple(std::uint16_t address,
                                             const std::vector<std::uint16_t>& values) {
  WriteMultipleRegistersRequest request{address, {}};
  request.values.assign(values.begin(), values.end());
  return request;
}

std::vector<std::byte> raw(std::initializer_list<int> bytes) {
  std::vector<std::byte> out;
  for (int b : bytes)
    out.push_back(std::byte{static_cast<std::uint8_t>(b)});
  return out;
}

const std::map<std::string_view, std::function<void(Proof&)>>& proofs() {
  static const std::map<std::string_view, std::function<void(Proof&)>> all{
      {"short-read",
       [](Proof& p) {
         p.request(bms(), ReadHoldingRegistersRequest{40000, 2});
       }},
      {"partial-32-data",  // the second half of the Start Marker
       [](Proof& p) {
         p.request(bms(), ReadHoldingRegistersRequest{40001, 1});
       }},
      {"partial-other-04",  // inside the str32 Manufacturer Name
       [](Proof& p) {
         p.request(bms(), ReadHoldingRegistersRequest{40005, 1});
       }},
      {"gap-zeros",  // AGS 0x0016..0x001D is a gap
       [](Proof& p) {
         p.request(ags(), ReadHoldingRegistersRequest{0x0016, 1});
       }},
      {"boundary-04",  // the Battery Base Model table restarts between 40078 and 40079
       [](Proof& p) {
         p.request(bms(), ReadHoldingRegistersRequest{40078, 2});
       }},
      {"quantity-accepted",  // 126 registers
       [](Proof& p) {
         p.request(bms(), raw({0x03, 0x9C, 0x40, 0x00, 0x7E}));
       }},
      {"function-answered",  // Read Coils
       [](Proof& p) {
         p.request(bms(), raw({0x01, 0x00, 0x00, 0x00, 0x08}));
       }},
      {"tid-not-echoed",
       [](Proof& p) {
         p.check_framing(bms(), ReadHoldingRegistersRequest{40000, 2});
       }},
      {"mbap-length-wrong",
       [](Proof& p) {
         p.check_framing(bms(), ReadHoldingRegistersRequest{40000, 2});
       }},
      {"exception-flag-missing",  // a read of a gap, answered with an exception
       [](Proof& p) {
         p.check_framing(ags(), ReadHoldingRegistersRequest{0x0016, 1});
       }},
      {"duplicate-answer",
       [](Proof& p) {
         p.check_one_frame(bms(), ReadHoldingRegistersRequest{40000, 2});
       }},
      {"unsolicited-frame",
       [](Proof& p) {
         p.check_one_frame(bms(), ReadHoldingRegistersRequest{40000, 2});
       }},
      {"wrong-unit-answered",  // 231 is in the BMS's range, but no device serves it
       [](Proof& p) {
         p.request(bms(), ReadHoldingRegistersRequest{40000, 2}, 231);
       }},
      {"enum-out-of-range", [](Proof& p) { p.check_readout(bms(), Space::kHolding, 40079, 37); }},
      {"undefined-bit", [](Proof& p) { p.check_readout(bms(), Space::kHolding, 40079, 37); }},
      {"unknown-event-code", [](Proof& p) { p.check_readout(enapter(), Space::kInput, 768, 64); }},
      {"sunspec-marker-wrong", [](Proof& p) { p.check_readout(bms(), Space::kHolding, 40000, 2); }},
      {"sunspec-length-wrong", [](Proof& p) { p.check_bms_structure(); }},
      {"device-model-wrong", [](Proof& p) { p.check_readout(enapter(), Space::kInput, 0, 19); }},
      {"percent-over-100", [](Proof& p) { p.check_readout(bms(), Space::kHolding, 40079, 37); }},
      {"write-not-stored",  // Generator Quiet Time Start
       [](Proof& p) {
         p.request(ags(), WriteSingleRegisterRequest{0x0050, 600});
         p.request(ags(), ReadHoldingRegistersRequest{0x0050, 1});
       }},
      {"readonly-write-stored",  // Common Base Model ID
       [](Proof& p) {
         p.request(bms(), WriteSingleRegisterRequest{40002, 7});
       }},
      {"config-commit-refused",
       [](Proof& p) {
         p.request(enapter(), WriteSingleRegisterRequest{4000, 1});
         p.request(enapter(), write_multiple(kRestartPressure, float_words(25.0F)));
         p.request(enapter(), WriteSingleRegisterRequest{4001, 1});
       }},
      {"config-outside-applies",
       [](Proof& p) {
         // Learn the committed value, write another outside Begin/Commit, then stage a third:
         // between Begin and Commit the register must read the committed or the staged value.
         p.learn(enapter(), kRestartPressure,
                 p.request(enapter(), ReadHoldingRegistersRequest{kRestartPressure, 2}));
         p.request(enapter(), write_multiple(kRestartPressure, float_words(12.5F)));
         p.request(enapter(), WriteSingleRegisterRequest{4000, 1});
         p.request(enapter(), write_multiple(kRestartPressure, float_words(25.0F)));
         p.request(enapter(), ReadHoldingRegistersRequest{kRestartPressure, 2});
       }},
  };
  return all;
}

// The proof's first finding for `rule`: fail, or warn where the verdict's level is SHOULD.
std::optional<Verdict> finding(const std::vector<Verdict>& verdicts, RuleId rule) {
  for (const Verdict& v : verdicts) {
    const bool broken =
        v.status == Status::kFail || (v.status == Status::kWarn && v.level == Level::kShould);
    if (v.rule == rule && broken) return v;
  }
  return std::nullopt;
}

std::vector<Verdict> run(const std::function<void(Proof&)>& proof, std::vector<FaultSpec> faults) {
  Simulator simulator(SimulatorOptions{{}, std::move(faults), 11});
  Proof p(simulator);
  proof(p);
  return p.verdicts();
}

TEST(FaultProof, EveryRuleFaultMakesItsRuleFail) {
  for (const FaultInfo& info : fault_catalogue()) {
    if (info.kind != FaultKind::kRule) continue;
    SCOPED_TRACE(std::string(info.name));
    ASSERT_TRUE(info.rule.has_value());
    const auto proof = proofs().find(info.name);
    if (proof == proofs().end()) {
      ADD_FAILURE() << "no proof that fault '" << info.name << "' makes "
                    << models::rule_name(*info.rule) << " fail";
      continue;
    }
    const auto faulty = run(proof->second, {FaultSpec{&info, std::nullopt}});
    const auto found = finding(faulty, *info.rule);
    EXPECT_TRUE(found.has_value())
        << "the proof finds nothing wrong under " << models::rule_name(*info.rule);
    if (found) {
      EXPECT_TRUE(found->status == Status::kFail || found->status == Status::kWarn);
      std::cout << "  " << info.name << ": " << models::rule_name(found->rule) << " "
                << models::status_name(found->status) << ": " << found->message << "\n";
    }
    for (const Verdict& v : run(proof->second, {})) {
      EXPECT_NE(v.status, Status::kFail) << "clean: " << v.message;
      EXPECT_NE(v.status, Status::kWarn) << "clean: " << v.message;
    }
  }
}

TEST(FaultProof, EveryRuleHasAFault) {
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    const auto rule = static_cast<RuleId>(i);
    const bool covered = std::ranges::any_of(fault_catalogue(), [rule](const FaultInfo& info) {
      return info.kind == FaultKind::kRule && info.rule == rule;
    });
    EXPECT_TRUE(covered) << models::rule_name(rule) << " has no fault that breaks it";
  }
}

TEST(FaultProof, EveryProofIsForAFaultInTheCatalogue) {
  for (const auto& [name, proof] : proofs()) {
    EXPECT_NE(find_fault(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace mbh::simulator::testing
