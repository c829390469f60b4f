#include "simulator_exchange.hpp"

#include "tests/codec/hex_bytes.hpp"

#include <array>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/answer_faults.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"
#include "models/known_state.hpp"

namespace mbh::simulator::testing {

std::ostream& operator<<(std::ostream& out, const SentRequest& request) {
  return out << "unit " << int{request.unit} << " PDU " << hex_of(request.pdu) << " ("
             << request.what << ")";
}

std::vector<std::byte> pdu_of(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> bytes{};
  const auto size = codec::encode_request(request, bytes);
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size.value())};
}

std::string hex_of(std::span<const std::byte> bytes) {
  return codec::testing::to_hex(bytes);
}

Exchange exchange(Simulator& simulator, std::uint8_t unit, std::span<const std::byte> pdu,
                  std::uint16_t transaction_id) {
  const codec::MbapHeader header{transaction_id, 0, static_cast<std::uint16_t>(pdu.size() + 1),
                                 unit};
  auto reply = std::make_unique<transport::Reply>();
  simulator.handle(codec::Adu{header, pdu}, *reply);

  Exchange result;
  result.action = reply->action;
  result.delay = reply->delay;
  result.frame.assign(reply->frame().begin(), reply->frame().end());
  if (auto request = codec::decode_request(pdu)) result.request = request.value();
  if (reply->size == 0) return result;

  // Read as the harness reads answers: every header fault, and the PDU whatever the ids.
  std::vector<std::byte> sent(codec::kMbapSize);
  codec::encode_mbap(header, std::span<std::byte, codec::kMbapSize>(sent.data(), codec::kMbapSize));
  sent.insert(sent.end(), pdu.begin(), pdu.end());
  for (const auto& fault : exchange::answer_faults(result.frame, sent)) {
    if (exchange::in_pdu(fault.stage)) continue;
    result.mbap_error = exchange::error_line(fault, codec::kMbapSize);
    break;
  }
  const auto read = exchange::read_exchange(sent, result.frame, exchange::HeaderPairing::kSkipped);
  if (const auto* answer = std::get_if<exchange::DecodedFrame>(&*read.answer)) {
    result.response = std::get<codec::Response>(answer->message);
  } else if (const auto& bad = std::get<exchange::MalformedFrame>(*read.answer);
             exchange::in_pdu(bad.error.stage)) {
    result.pdu_error = exchange::error_line(bad.error, codec::kMbapSize);
    result.response = exchange::read_alone(bad);
  }
  return result;
}

Exchange exchange(Simulator& simulator, std::uint8_t unit, const codec::Request& request) {
  const auto pdu = pdu_of(request);
  return exchange(simulator, unit, pdu);
}

models::Verdict judged(const models::RegisterMap& map, std::uint8_t unit,
                       std::span<const std::byte> pdu, const Exchange& answer,
                       const models::KnownState& state) {
  const auto expectation =
      models::expect_pdu(models::Target{&map, map.first_unit}, unit, pdu, state);
  return models::judge(expectation, answer.request ? &*answer.request : nullptr, answer.response);
}

void remember(const models::RegisterMap& map, const codec::Request& request,
              const codec::Response& response, models::KnownState& state) {
  models::remember(map, request, response, state);
}

std::optional<std::vector<std::uint16_t>> registers_of(const Exchange& answer) {
  if (!answer.response) return std::nullopt;
  if (const auto* r = std::get_if<codec::ReadHoldingRegistersResponse>(&*answer.response)) {
    return std::vector<std::uint16_t>(r->values.begin(), r->values.end());
  }
  if (const auto* r = std::get_if<codec::ReadInputRegistersResponse>(&*answer.response)) {
    return std::vector<std::uint16_t>(r->values.begin(), r->values.end());
  }
  return std::nullopt;
}

}  // namespace mbh::simulator::testing
