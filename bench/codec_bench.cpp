// Throughput of the codec on typical frames, and the whole per-request path on each side of
// a connection. Inputs are built before each timed loop; every result goes through
// DoNotOptimize so that the work cannot be dropped.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "bench/sample_frames.hpp"
#include "harness/codec/adu_framer.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::bench {
namespace {

std::uint16_t quantity_argument(const benchmark::State& state) {
  return static_cast<std::uint16_t>(state.range(0));
}

void BM_DecodeRequestFc03(benchmark::State& state) {
  const EncodedPdu pdu = encode_pdu(read_registers_request(quantity_argument(state)));
  for (auto _ : state) {
    auto request = codec::decode_request(pdu.span());
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeRequestFc03)->Arg(10);

void BM_DecodeRequestFc16(benchmark::State& state) {
  const EncodedPdu pdu = encode_pdu(write_registers_request(quantity_argument(state)));
  for (auto _ : state) {
    auto request = codec::decode_request(pdu.span());
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeRequestFc16)->Arg(10);

void BM_EncodeResponseFc03(benchmark::State& state) {
  const codec::Response response = read_registers_response(quantity_argument(state));
  EncodedPdu out;
  for (auto _ : state) {
    auto size = codec::encode_response(response, std::span<std::byte>(out.bytes));
    benchmark::DoNotOptimize(size);
    benchmark::ClobberMemory();  // the bytes written count as used
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeResponseFc03)->Arg(10)->Arg(125);

void BM_DecodeResponseFc03(benchmark::State& state) {
  const std::uint16_t quantity = quantity_argument(state);
  const codec::Request request = read_registers_request(quantity);
  const EncodedPdu pdu = encode_pdu(read_registers_response(quantity));
  for (auto _ : state) {
    auto response = codec::decode_response(pdu.span(), request);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeResponseFc03)->Arg(10)->Arg(125);

// Feeding a read's worth of back-to-back ADUs and taking them out one by one; items are ADUs.
void BM_StreamFramer(benchmark::State& state) {
  const auto adus = static_cast<std::size_t>(state.range(0));
  const std::vector<std::byte> stream = back_to_back_requests(adus, kRoundTripRegisters);
  codec::StreamFramer framer;  // drained every iteration, so one serves them all
  for (auto _ : state) {
    std::size_t framed = 0;
    std::span<const std::byte> rest(stream);
    while (!rest.empty()) {
      rest = rest.subspan(framer.feed(rest));
      for (auto next = framer.next(); std::holds_alternative<codec::FramedAdu>(next);
           next = framer.next()) {
        benchmark::DoNotOptimize(std::get<codec::FramedAdu>(next));
        ++framed;
      }
    }
    if (framed != adus || framer.failed()) {
      state.SkipWithError("the framer did not return every ADU");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_StreamFramer)->Arg(64);

// A simulated device's answer: the bank's registers for a read inside it, else an exception.
codec::Response answer_from_bank(const codec::Request& request) {
  const auto* read = std::get_if<codec::ReadHoldingRegistersRequest>(&request);
  if (read == nullptr) {
    return codec::ExceptionResponse{codec::function_byte(request),
                                    codec::ExceptionCode::kIllegalFunction};
  }
  const RegisterBank& bank = register_bank();
  if (read->address < kFirstRegister ||
      read->address - kFirstRegister + std::size_t{read->quantity} > bank.size()) {
    return codec::ExceptionResponse{codec::function_byte(request),
                                    codec::ExceptionCode::kIllegalDataAddress};
  }
  const auto first = bank.begin() + (read->address - kFirstRegister);
  codec::ReadHoldingRegistersResponse response;
  response.values.assign(first, first + read->quantity);
  return response;
}

// What a server does with one framed request: decode, answer (or refuse), encode.
codec::EncodedAdu serve_one(const codec::Adu& adu) {
  const auto request = codec::decode_request(adu.pdu);
  const codec::Response response =
      request.ok()
          ? answer_from_bank(request.value())
          : codec::ExceptionResponse{
                adu.pdu.empty() ? std::uint8_t{0} : std::to_integer<std::uint8_t>(adu.pdu[0]),
                codec::exception_for(request.error().code)
                    .value_or(codec::ExceptionCode::kIllegalFunction)};
  return codec::encode_adu(adu.header.transaction_id, adu.header.unit_id, response);
}

// The codec's whole share of one request on the server side:
// frame_adu -> decode_request -> build the response -> encode_adu.
void BM_ServerPathFc03(benchmark::State& state) {
  const auto wire =
      codec::encode_adu(kTransactionId, kUnitId, read_registers_request(quantity_argument(state)));
  for (auto _ : state) {
    const auto framed = codec::frame_adu(wire.span());
    const auto* adu = std::get_if<codec::FramedAdu>(&framed);
    if (adu == nullptr) {
      state.SkipWithError("the request did not frame");
      break;
    }
    auto reply = serve_one(adu->adu);
    benchmark::DoNotOptimize(reply);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ServerPathFc03)->Arg(kRoundTripRegisters);

// The same on the client side: encode_adu the request, then frame_adu -> check the header
// answers it -> decode_response against the request.
void BM_ClientPathFc03(benchmark::State& state) {
  const std::uint16_t quantity = quantity_argument(state);
  const codec::Request request = read_registers_request(quantity);
  const auto reply_wire =
      codec::encode_adu(kTransactionId, kUnitId, read_registers_response(quantity));
  const codec::MbapHeader sent{kTransactionId, 0, 6, kUnitId};
  for (auto _ : state) {
    auto request_wire = codec::encode_adu(kTransactionId, kUnitId, request);
    benchmark::DoNotOptimize(request_wire);
    const auto framed = codec::frame_adu(reply_wire.span());
    const auto* adu = std::get_if<codec::FramedAdu>(&framed);
    if (adu == nullptr || codec::check_answers(adu->adu.header, sent)) {
      state.SkipWithError("the reply did not frame, or does not answer the request");
      break;
    }
    auto response = codec::decode_response(adu->adu.pdu, request);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClientPathFc03)->Arg(kRoundTripRegisters);

}  // namespace
}  // namespace mbh::bench
