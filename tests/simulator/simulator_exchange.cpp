#include "simulator_exchange.hpp"

#include "tests/codec/hex_bytes.hpp"

#include <array>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/known_state.hpp"

namespace mbh::simulator::testing {
namespace {

std::string error_text(const codec::DecodeError& error) {
  return std::string(codec::message(error.code)) + " at byte " + std::to_string(error.offset);
}

}  // namespace

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

  const auto adu = codec::decode_adu(reply->frame());
  std::span<const std::byte> answer_pdu;
  if (adu) {
    if (auto error = codec::check_answers(adu->header, header)) {
      result.mbap_error = error_text(*error);
    }
    answer_pdu = adu->pdu;
  } else {
    result.mbap_error = error_text(adu.error());
    if (reply->size > codec::kMbapSize) answer_pdu = reply->frame().subspan(codec::kMbapSize);
  }
  if (answer_pdu.empty()) return result;
  if (result.request) {
    if (auto paired = codec::decode_response(answer_pdu, *result.request)) {
      result.response = paired.value();
      return result;
    } else {
      result.pdu_error = error_text(paired.error());
    }
  }
  if (auto unpaired = codec::decode_response_unpaired(answer_pdu)) {
    result.response = unpaired.value();
  } else if (result.pdu_error.empty()) {
    result.pdu_error = error_text(unpaired.error());
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
