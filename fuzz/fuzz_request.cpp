// Any bytes as a request PDU, as the simulator and a device read them:
// - the decode fails with a typed error at an offset inside the input, with the text a user is
//   shown and an exception code of the specification to answer it, or it re-encodes to
//   exactly the input;
// - every function byte, exception code and codec error has the text a user is shown.
// Responses have a target of their own (fuzz_response.cpp): one API per target keeps each
// fast, since libFuzzer's cost per input grows with the code each input reaches.
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/request_codec.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;

// What `mbharness decode` and the reports tell a user about these bytes: every error has a
// message and an identifier, every function byte and exception code a name.
void check_names(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const auto function = std::to_integer<std::uint8_t>(bytes[0]);
  if (codec::function_name(function).empty()) invariant_broken("a function byte without a name");
  if (const auto known = codec::to_function_code(function)) {
    if (codec::name(*known) != codec::function_name(function)) {
      invariant_broken("a function code with two names");
    }
  }
  if (bytes.size() > 1) {
    const auto code = static_cast<codec::ExceptionCode>(std::to_integer<std::uint8_t>(bytes[1]));
    if (codec::name(code).empty()) invariant_broken("an exception code without a name");
    // `mbharness decode` says "not an exception code of the specification" for the others.
    if (codec::is_defined(code) == (codec::name(code) == codec::kUnknownExceptionName)) {
      invariant_broken("an exception code named unlike its definedness");
    }
  }
  if (bytes.size() > 2) {
    // Every error the codec can report, whichever decoder reports it (the ADU pairing errors
    // come from the client), has its message and identifier.
    constexpr unsigned kErrors = static_cast<unsigned>(codec::kLastCodecError) + 1;
    const auto error =
        static_cast<codec::CodecError>(std::to_integer<unsigned>(bytes[2]) % kErrors);
    if (codec::message(error).empty() || codec::identifier(error).empty()) {
      invariant_broken("a codec error without a message or identifier");
    }
    // A refused request is answered with an exception code of the specification.
    if (const auto answer = codec::exception_for(error); answer && !codec::is_defined(*answer)) {
      invariant_broken("a decode error answered with an undefined exception code");
    }
  }
}

void check_request(std::span<const std::byte> bytes) {
  const auto request = codec::decode_request(bytes);
  mbh::fuzz::check_round_trip(
      bytes, request, [](const auto& r, auto out) { return codec::encode_request(r, out); });
  // The simulator answers a request it cannot decode with this code: there must be one.
  if (!request.ok() && !codec::exception_for(request.error().code)) {
    invariant_broken("a refused request without an exception code to answer it");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  check_request(input.span());
  check_names(input.span());
  return 0;
}
