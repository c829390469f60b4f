#include "bench/sample_frames.hpp"

#include <cstdlib>

#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::bench {

namespace {

template <class Message, class Encode>
EncodedPdu encode_or_abort(const Message& message, Encode encode) {
  EncodedPdu pdu;
  const auto size = encode(message, std::span<std::byte>(pdu.bytes));
  if (!size.ok()) std::abort();
  pdu.size = size.value();
  return pdu;
}

}  // namespace

const RegisterBank& register_bank() {
  static const RegisterBank bank = [] {
    RegisterBank values{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = static_cast<std::uint16_t>(0x1000U + i * 7U);  // distinct, nonzero
    }
    return values;
  }();
  return bank;
}

codec::Request read_registers_request(std::uint16_t quantity) {
  return codec::ReadHoldingRegistersRequest{kFirstRegister, quantity};
}

codec::Request write_registers_request(std::uint16_t quantity) {
  codec::WriteMultipleRegistersRequest write{kFirstRegister, {}};
  write.values.assign(register_bank().begin(), register_bank().begin() + quantity);
  return write;
}

codec::Response read_registers_response(std::uint16_t quantity) {
  codec::ReadHoldingRegistersResponse read;
  read.values.assign(register_bank().begin(), register_bank().begin() + quantity);
  return read;
}

EncodedPdu encode_pdu(const codec::Request& request) {
  return encode_or_abort(request, [](const codec::Request& r, std::span<std::byte> out) {
    return codec::encode_request(r, out);
  });
}

EncodedPdu encode_pdu(const codec::Response& response) {
  return encode_or_abort(response, [](const codec::Response& r, std::span<std::byte> out) {
    return codec::encode_response(r, out);
  });
}

std::vector<std::byte> back_to_back_requests(std::size_t count, std::uint16_t quantity) {
  const codec::Request request = read_registers_request(quantity);
  std::vector<std::byte> stream;
  for (std::size_t i = 0; i < count; ++i) {
    const auto adu = codec::encode_adu(static_cast<std::uint16_t>(i + 1), kUnitId, request);
    stream.insert(stream.end(), adu.span().begin(), adu.span().end());
  }
  return stream;
}

}  // namespace mbh::bench
