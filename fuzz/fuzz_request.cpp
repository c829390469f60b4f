// Any bytes as a request PDU, as the simulator and a device read them:
// - the decode fails with a typed error at an offset inside the input, with the text a user is
//   shown and an exception code of the specification to answer it, or it re-encodes to
//   exactly the input;
// - a function byte refused as unsupported has the name a user is shown.
// That every function byte, exception code and codec error has its text is checked for every
// value a byte can take in the unit tests (tests/codec/function_code_test.cpp,
// codec_error_test.cpp), not on every input here.
// Responses have a target of their own (fuzz_response.cpp): one API per target keeps each
// fast, since libFuzzer's cost per input grows with the code each input reaches.
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "harness/codec/request_codec.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;

void check_request(std::span<const std::byte> bytes) {
  const auto request = codec::decode_request(bytes);
  mbh::fuzz::check_round_trip(
      bytes, request, [](const auto& r, auto out) { return codec::encode_request(r, out); });
  if (request.ok()) return;
  // The simulator answers a request it cannot decode with this code: there must be one.
  if (!codec::exception_for(request.error().code)) {
    invariant_broken("a refused request without an exception code to answer it");
  }
  if (request.error().code == codec::CodecError::kUnsupportedFunction && !bytes.empty()) {
    mbh::fuzz::check_function_named(std::to_integer<std::uint8_t>(bytes[0]));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  check_request(input.span());
  return 0;
}
