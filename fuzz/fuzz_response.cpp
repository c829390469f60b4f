// Response PDUs given a request, as the client reads a device's answers. The input is a
// header that names the request (fuzz/response_case.hpp) and the response. With a request,
// the response is decoded against it (the client's decode); without, alone (the unpaired
// decode, as `mbharness decode` reads a response). Either decode fails with a typed error at an
// offset inside the response bytes, with its text, or re-encodes to exactly them; a refused
// function byte, and an exception's function and code, have the names a user is shown.
//
// That the paired decode is the unpaired one plus check_answers, and never changes the
// response, is a property test of its own (ResponseCodecProperty in
// tests/codec/response_codec_test.cpp): checked here as well, it doubled the work per input
// without reaching more of the parser.
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "fuzz/response_case.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

namespace codec = mbh::codec;

const auto kEncodeResponse = [](const auto& r, auto out) { return codec::encode_response(r, out); };

void check_response(std::span<const std::byte> bytes) {
  const auto input = mbh::fuzz::read_response_case(bytes);
  if (!input) return;
  const auto decoded = input->request ? codec::decode_response(input->response, *input->request)
                                      : codec::decode_response_unpaired(input->response);
  mbh::fuzz::check_round_trip(input->response, decoded, kEncodeResponse);
  // What `mbharness decode` names: a refused function byte, an exception and its function.
  if (!decoded.ok()) {
    if (decoded.error().code == codec::CodecError::kUnsupportedFunction &&
        !input->response.empty()) {
      mbh::fuzz::check_function_named(std::to_integer<std::uint8_t>(input->response[0]));
    }
  } else if (const auto* e = std::get_if<codec::ExceptionResponse>(&decoded.value())) {
    mbh::fuzz::check_function_named(e->function);
    mbh::fuzz::check_exception_named(e->code);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_response(mbh::fuzz::ExactInput(data, size).span());
  return 0;
}
