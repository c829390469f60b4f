// Response PDUs given a request, as the client reads a device's answers. The input is a
// header that names the request (fuzz/response_case.hpp) and the response. With a request,
// the response is decoded against it (the client's decode); without, alone (the unpaired
// decode, as `mbharness decode` reads a response). Either decode fails with a typed error at an
// offset inside the response bytes, with its text, or re-encodes to exactly them; a refused
// function byte, and an exception's function and code, have the names a user is shown.
//
// What `mbharness decode`, `send` and the reports say of the same bytes (harness/exchange)
// agrees with the codec: the frame reads as well formed exactly when the decode succeeds (alone,
// a valid request counts too), an error lies within the bytes or marks where they end, and the
// text and JSON renderings read no byte past them.
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
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_json.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"

namespace {

namespace codec = mbh::codec;

const auto kEncodeResponse = [](const auto& r, auto out) { return codec::encode_response(r, out); };

namespace exchange = mbh::exchange;

void check_reading(std::span<const std::byte> response, const codec::Request* request,
                   bool decoded) {
  const auto read = request != nullptr
                        ? exchange::read_answer(response, true, {*request, std::nullopt})
                        : exchange::read_frame(response, true);
  const bool valid = std::holds_alternative<exchange::DecodedFrame>(read);
  const bool as_request = request == nullptr && codec::decode_request(response).ok();
  if (valid != (decoded || as_request)) mbh::fuzz::invariant_broken("the reading disagrees");
  if (const auto* bad = std::get_if<exchange::MalformedFrame>(&read)) {
    const auto& error = bad->error;
    if (error.error.offset > response.size()) mbh::fuzz::invariant_broken("an error past the end");
    if (error.width > 0 && error.error.offset + error.width > response.size()) {
      mbh::fuzz::invariant_broken("a field at fault reaches past the end");
    }
  }
  if (exchange::render_text(read).empty()) mbh::fuzz::invariant_broken("nothing said");
  static_cast<void>(exchange::render_json(read).dump());
}

void check_response(std::span<const std::byte> bytes) {
  const auto input = mbh::fuzz::read_response_case(bytes);
  if (!input) return;
  const auto decoded = input->request ? codec::decode_response(input->response, *input->request)
                                      : codec::decode_response_unpaired(input->response);
  mbh::fuzz::check_round_trip(input->response, decoded, kEncodeResponse);
  check_reading(input->response, input->request ? &*input->request : nullptr, decoded.ok());
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
