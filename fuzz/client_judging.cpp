#include "fuzz/client_judging.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "conformance/framing_check.hpp"
#include "conformance/run_report.hpp"
#include "conformance/session.hpp"
#include "fuzz/fuzz_input.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/map_catalog.hpp"

namespace mbh::fuzz {
namespace {

using client::ExchangeStatus;

// Hands the session the exchange the fuzz target's client came to for the fuzzed request.
// Any other request the session makes first (the read of a register's original before a
// write, for the write journal) is answered as a device holding zeros answers it.
class GivenExchange final : public conformance::DeviceChannel {
 public:
  std::optional<std::string> open() override { return std::nullopt; }
  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override {
    ++sent_;
    if (std::ranges::equal(pdu, fuzzed)) return next;
    return zeros_read(unit, pdu, transaction_id.value_or(1));
  }
  std::uint64_t requests_sent() const override { return sent_; }

  client::ClientExchange next;
  std::span<const std::byte> fuzzed;

 private:
  static client::ClientExchange zeros_read(std::uint8_t unit, std::span<const std::byte> pdu,
                                           std::uint16_t id) {
    client::ClientExchange out;
    out.transaction_id = id;
    out.status = ExchangeStatus::kTimeout;
    if (pdu.size() != 5) return out;
    const auto function = std::to_integer<std::uint8_t>(pdu[0]);
    const auto quantity = static_cast<std::size_t>(std::to_integer<std::uint8_t>(pdu[3]) << 8 |
                                                   std::to_integer<std::uint8_t>(pdu[4]));
    if ((function != 0x03 && function != 0x04) || quantity == 0 || quantity > 125) return out;
    std::vector<std::byte> answer(codec::kMbapSize + 2 + 2 * quantity);
    codec::encode_mbap(
        codec::MbapHeader{id, 0, static_cast<std::uint16_t>(answer.size() - 6), unit},
        std::span<std::byte>(answer).first<codec::kMbapSize>());
    answer[codec::kMbapSize] = pdu[0];
    answer[codec::kMbapSize + 1] = static_cast<std::byte>(2 * quantity);
    out.response = std::move(answer);
    out.status = ExchangeStatus::kAnswered;
    return out;
  }

  std::uint64_t sent_ = 0;
};

std::string_view echo_field(codec::CodecError error) {
  switch (error) {
    case codec::CodecError::kTransactionMismatch:
      return "transaction id";
    case codec::CodecError::kUnitMismatch:
      return "unit id";
    default:
      return "";  // protocol id: a frame the framer accepted has protocol 0
  }
}

// The invariant between framing_problem() and the codec, for what the client returned:
// - kMalformed is always a "framing" problem, kIncomplete always an "MBAP length" one;
//   kTimeout and kClosed are none (they are the transport's, not R-MBAP's).
// - kAnswered is a frame codec::frame_adu accepted, so codec::decode_adu accepts it. It has a
//   problem exactly when its header does not echo the request's (the problem names the field
//   at fault), or its PDU decodes neither paired with the request nor alone ("PDU", or
//   "exception flag"; the PDU is not judged when the request's PDU was empty). So no problem
//   means the session holds a response, and a response
//   decoded paired with the request answers it (codec::check_answers).
// Not "no problem implies the paired decode succeeded": a well-formed PDU that answers another
// request (a register short, another function) is left to the check's own rule, by design.
void check_framing(const conformance::Probe& probe) {
  const auto problem = conformance::framing_problem(probe);
  const client::ClientExchange& x = probe.exchange;
  switch (x.status) {
    case ExchangeStatus::kMalformed:
      if (!problem || problem->kind != "framing") invariant_broken("malformed, not framing");
      return;
    case ExchangeStatus::kIncomplete:
      if (!problem || problem->kind != "MBAP length") invariant_broken("incomplete, not length");
      return;
    case ExchangeStatus::kAnswered:
      break;
    default:
      if (problem) invariant_broken("a framing problem without an answer");
      return;
  }
  const auto adu = codec::decode_adu(x.response);
  if (!adu) invariant_broken("a frame the framer accepted is not an ADU");
  if (probe.response.has_value() != probe.problem.empty()) {
    invariant_broken("a response and a problem, or neither");
  }
  const auto sent = codec::decode_mbap(
      std::span<const std::byte, codec::kMbapSize>(x.request.data(), codec::kMbapSize));
  if (const auto error = codec::check_answers(adu.value().header, sent)) {
    if (!problem || problem->kind != echo_field(error->code)) {
      invariant_broken("a header that does not echo, not named");
    }
    return;
  }
  // framing_problem() does not judge the PDU of an answer to an empty request PDU.
  const bool judged = !probe.pdu.empty();
  if (problem.has_value() != (judged && !probe.response.has_value())) {
    invariant_broken("a PDU problem other than exactly when there is no response");
  }
  if (problem && problem->kind != "PDU" && problem->kind != "exception flag") {
    invariant_broken("an echoing header blamed");
  }
  if (!probe.request) return;
  const auto paired = codec::decode_response(adu.value().pdu, *probe.request);
  const auto alone = codec::decode_response_unpaired(adu.value().pdu);
  if (probe.response.has_value() != (paired.ok() || alone.ok())) {
    invariant_broken("the session's response disagrees with the codec");
  }
  if (paired.ok() && codec::check_answers(paired.value(), *probe.request)) {
    invariant_broken("a paired response that does not answer its request");
  }
}

}  // namespace

struct ClientJudging::Device {
  explicit Device(const models::RegisterMap& map)
      : options{.map = &map,
                .unit = models::default_unit(map),
                .give_up_after = std::numeric_limits<std::size_t>::max()} {}

  conformance::ConformOptions options;
  conformance::RunReport report;
  GivenExchange channel;
  conformance::Session session{channel, options, report, nullptr};
};

ClientJudging::ClientJudging() {
  const auto maps = models::all_maps();
  for (std::size_t i = 0; i < devices_.size(); ++i)
    devices_[i] = std::make_unique<Device>(*maps[i]);
}

ClientJudging::~ClientJudging() = default;

void ClientJudging::judge(std::uint8_t unit, std::span<const std::byte> pdu,
                          const client::ClientExchange& exchange) {
  // The session of the map whose unit range holds the unit; the first map's otherwise (the
  // oracle then judges R-UNIT).
  Device* device = devices_[0].get();
  for (const auto& d : devices_) {
    if (unit >= d->options.map->first_unit && unit <= d->options.map->last_unit) device = d.get();
  }
  device->channel.next = exchange;
  device->channel.fuzzed = pdu;
  const std::size_t checks = device->report.checks.size();
  const conformance::Probe probe = device->session.check_pdu("fuzzed exchange", pdu, unit);
  if (!probe.sent) invariant_broken("the session did not send");
  for (std::size_t i = checks; i < device->report.checks.size(); ++i) {
    if (device->report.checks[i].message.empty()) invariant_broken("a verdict without a message");
  }
  check_framing(probe);
}

}  // namespace mbh::fuzz
