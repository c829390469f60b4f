#include "harness/journal/client_register_access.hpp"

#include <array>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_reading.hpp"

namespace mbh::journal {
namespace {

std::optional<codec::Response> ask(client::ModbusClient& client, std::uint8_t unit,
                                   const codec::Request& request, bool& unreachable) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const auto size = codec::encode_request(request, pdu);
  if (!size) return std::nullopt;
  const auto answer = client.exchange(unit, std::span(pdu).first(size.value()));
  unreachable = answer.status != client::ExchangeStatus::kAnswered;
  if (unreachable) return std::nullopt;
  const auto read = exchange::read_exchange(answer.request, answer.response);
  const auto* response = exchange::answered(read);
  if (response == nullptr) return std::nullopt;
  return *response;
}

}  // namespace

std::optional<std::vector<std::uint16_t>> ClientRegisterAccess::read(models::Space space,
                                                                     std::uint16_t address,
                                                                     std::uint16_t count) {
  const codec::Request request =
      space == models::Space::kInput
          ? codec::Request{codec::ReadInputRegistersRequest{address, count}}
          : codec::Request{codec::ReadHoldingRegistersRequest{address, count}};
  const auto response = ask(client_, unit_, request, unreachable_);
  if (!response) return std::nullopt;
  const codec::RegisterValues<codec::kMaxReadRegisters>* values = nullptr;
  if (const auto* holding = std::get_if<codec::ReadHoldingRegistersResponse>(&*response)) {
    values = &holding->values;
  } else if (const auto* input = std::get_if<codec::ReadInputRegistersResponse>(&*response)) {
    values = &input->values;
  }
  if (values == nullptr || values->size() != count) return std::nullopt;
  return std::vector<std::uint16_t>(values->begin(), values->end());
}

bool ClientRegisterAccess::write(std::uint16_t address, std::span<const std::uint16_t> words,
                                 bool multiple) {
  codec::Request request;
  if (words.size() == 1 && !multiple) {
    request = codec::WriteSingleRegisterRequest{address, words.front()};
  } else {
    codec::WriteMultipleRegistersRequest many{address, {}};
    many.values.assign(words.begin(), words.end());
    request = many;
  }
  const auto response = ask(client_, unit_, request, unreachable_);
  return response && !std::holds_alternative<codec::ExceptionResponse>(*response);
}

}  // namespace mbh::journal
