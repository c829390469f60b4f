#include "fuzz/simulator_reply_check.hpp"

#include <cstddef>
#include <cstdio>
#include <variant>

#include "fuzz/fuzz_input.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"
#include "models/oracle.hpp"

namespace mbh::fuzz {
namespace {

using simulator::testing::Exchange;

// Whether `request` writes a non-zero value to Configuration Commit (Enapter holding 4001).
bool writes_commit(std::uint16_t commit, const codec::Request& request) {
  if (const auto* single = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    return single->address == commit && single->value != 0;
  }
  if (const auto* multiple = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    const std::size_t at = std::size_t{commit} - multiple->address;
    return multiple->address <= commit && at < multiple->values.size() && multiple->values[at] != 0;
  }
  return false;
}

// models::remember() takes an accepted Commit as applied, which holds for values the device
// accepts (the clean simulator tests send only those). The document lets a device refuse the
// whole configuration instead (Last Configuration Result 22, Invalid; the simulator does for a
// negative or non-finite float, a percentage over 100) while the Commit itself is answered
// normally, and a client that has not read the result does not know which: the registers
// staged become unknown, so that the oracle checks their shape, not their values.
// corpus/regressions/fuzz_simulator/refused-configuration-commit.bin is such a sequence.
void remember_unless_refusable(const models::RegisterMap& map, const codec::Request& request,
                               const codec::Response& response, models::KnownState& state) {
  const auto staged = state.staged;
  const bool commits = state.configuration_open && map.configuration &&
                       writes_commit(map.configuration->commit, request);
  simulator::testing::remember(map, request, response, state);
  if (!commits || state.configuration_open) return;
  for (const auto& [key, value] : staged)
    state.committed.erase(key);
}

[[noreturn]] void broken(const codec::Adu& request, const Exchange& answer, const char* what) {
  std::fprintf(stderr, "unit %d PDU %s -> %s\n", int{request.header.unit_id},
               simulator::testing::hex_of(request.pdu).c_str(),
               simulator::testing::hex_of(answer.frame).c_str());
  invariant_broken(what);
}

}  // namespace

ReplyCheck::Addressee ReplyCheck::addressee(std::uint8_t unit) {
  const auto maps = models::all_maps();
  for (std::size_t i = 0; i < maps.size(); ++i) {
    if (models::default_unit(*maps[i]) == unit) return {maps[i], &states_[i]};
  }
  for (const models::RegisterMap* map : maps) {
    if (unit >= map->first_unit && unit <= map->last_unit) return {map, nullptr};
  }
  return {maps[0], nullptr};
}

void ReplyCheck::check(const codec::Adu& request, const Exchange& answer) {
  using Action = transport::Reply::Action;
  if (answer.action != Action::kSend || answer.delay.count() != 0) {
    broken(request, answer, "a clean simulator delays, silences or closes");
  }
  if (answer.frame.empty()) broken(request, answer, "no reply");
  if (!answer.mbap_error.empty()) broken(request, answer, answer.mbap_error.c_str());
  if (!answer.pdu_error.empty()) broken(request, answer, answer.pdu_error.c_str());
  if (!answer.response) broken(request, answer, "the reply's PDU does not decode");

  const std::uint8_t unit = request.header.unit_id;
  const Addressee to = addressee(unit);
  const models::KnownState nothing;
  const models::Verdict verdict = simulator::testing::judged(
      *to.map, unit, request.pdu, answer, to.state != nullptr ? *to.state : nothing);
  if (verdict.status == models::Status::kFail || verdict.status == models::Status::kWarn) {
    std::fprintf(stderr, "%s %s: %s\n", models::rule_name(verdict.rule).data(),
                 models::status_name(verdict.status).data(), verdict.message.c_str());
    broken(request, answer, "the oracle does not accept the reply");
  }
  if (to.state != nullptr && answer.request && answer.response) {
    remember_unless_refusable(*to.map, *answer.request, *answer.response, *to.state);
  }
}

}  // namespace mbh::fuzz
