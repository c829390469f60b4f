// The oracle against each model on arbitrary requests and responses: the expectation is never
// empty and never lists a failing outcome; the verdict names the expectation's rule, and it
// passes or accepts only what the expectation lists.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/map_catalog.hpp"
#include "models/oracle.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;
namespace models = mbh::models;

std::vector<std::byte> take_bytes(FuzzedDataProvider& input, std::size_t most) {
  const auto raw =
      input.ConsumeBytes<std::uint8_t>(input.ConsumeIntegralInRange<std::size_t>(0, most));
  std::vector<std::byte> bytes(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    bytes[i] = std::byte{raw[i]};
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput exact(data, size);
  FuzzedDataProvider input(data, size);
  const auto maps = models::all_maps();
  const models::RegisterMap& map =
      *maps[input.ConsumeIntegralInRange<std::size_t>(0, maps.size() - 1)];
  const models::Target target{&map, models::default_unit(map)};
  const auto unit =
      input.ConsumeBool() ? models::default_unit(map) : input.ConsumeIntegral<std::uint8_t>();
  models::KnownState state;
  state.configuration_open = input.ConsumeBool();
  for (int i = input.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    const auto address = input.ConsumeIntegral<std::uint16_t>();
    state.committed[{models::Space::kHolding, address}] = input.ConsumeIntegral<std::uint16_t>();
    if (input.ConsumeBool()) {
      state.staged[{models::Space::kHolding, address}] = input.ConsumeIntegral<std::uint16_t>();
    }
  }
  const auto request_pdu = take_bytes(input, codec::kMaxPduSize + 2);
  const auto response_pdu = input.ConsumeRemainingBytes<std::uint8_t>();

  const auto expectation = models::expect_pdu(target, unit, request_pdu, state);
  if (expectation.outcomes.empty()) invariant_broken("empty outcome set");
  if (expectation.reason.empty()) invariant_broken("expectation without a reason");
  if (expectation.otherwise == models::Status::kPass) invariant_broken("anything passes");
  for (const auto& outcome : expectation.outcomes) {
    if (outcome.status == models::Status::kFail) invariant_broken("a listed outcome fails");
  }
  if (!models::level_of(map, expectation.rule)) {
    std::fprintf(stderr, "%s on %s: %s\n", models::rule_name(expectation.rule).data(),
                 map.id.data(), expectation.reason.c_str());
    invariant_broken("rule n/a for this map");
  }

  const auto request = codec::decode_request(request_pdu);
  const codec::Request* decoded = request.ok() ? &request.value() : nullptr;
  std::vector<std::byte> response_bytes(response_pdu.size());
  for (std::size_t i = 0; i < response_pdu.size(); ++i)
    response_bytes[i] = std::byte{response_pdu[i]};
  const auto response = codec::decode_response_unpaired(response_bytes);
  const std::optional<codec::Response> observed =
      response.ok() ? std::optional<codec::Response>(response.value()) : std::nullopt;
  const auto verdict = models::judge(expectation, decoded, observed);
  if (verdict.rule != expectation.rule || verdict.level != expectation.level) {
    invariant_broken("verdict under another rule than its expectation");
  }
  if (verdict.message.empty()) invariant_broken("verdict without a message");
  // A verdict other than the fallback comes from a listed outcome.
  if (verdict.status != expectation.otherwise && verdict.status != models::Status::kFail) {
    bool listed = false;
    for (const auto& outcome : expectation.outcomes)
      listed = listed || outcome.status == verdict.status;
    if (!listed) invariant_broken("a status no outcome gives");
  }
  (void)exact;
  return 0;
}
