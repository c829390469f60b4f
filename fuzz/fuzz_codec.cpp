// The codec's PDU decoders on arbitrary bytes. Invariants, not just survival:
// - every decode either fails with a typed error at an offset inside the input, or
//   re-encodes to exactly the input;
// - a paired response decode succeeds exactly when the unpaired one does and the response
//   answers the request;
// - every error, function byte and exception code has the text a user is shown.
// The framer has a target of its own (fuzz_framer.cpp): one API per target keeps each fast.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

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
    if (codec::is_defined(code) == (codec::name(code) == "unknown exception")) {
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

template <class Decoded>
void check_error_text(const Decoded& decoded) {
  if (decoded.ok()) return;
  const auto code = decoded.error().code;
  if (codec::message(code).empty() || codec::identifier(code).empty()) {
    invariant_broken("a decode error without a message or identifier");
  }
}

template <class Decoded, class Encode>
void check_total(std::span<const std::byte> bytes, const Decoded& decoded, Encode encode) {
  if (!decoded.ok()) {
    if (decoded.error().code > codec::kLastCodecError) invariant_broken("untyped error");
    if (decoded.error().offset > bytes.size()) invariant_broken("error offset past the input");
    return;
  }
  std::array<std::byte, codec::kMaxPduSize> out{};
  const auto size = encode(decoded.value(), std::span<std::byte>(out));
  if (!size.ok()) invariant_broken("a decoded message does not encode");
  if (!std::ranges::equal(std::span<const std::byte>(out.data(), size.value()), bytes)) {
    invariant_broken("decode then encode does not give back the input");
  }
}

void check_request_and_response(std::span<const std::byte> bytes) {
  const auto request = codec::decode_request(bytes);
  check_total(bytes, request,
              [](const auto& r, auto out) { return codec::encode_request(r, out); });
  check_error_text(request);
  // The simulator answers a request it cannot decode with this code: there must be one.
  if (!request.ok() && !codec::exception_for(request.error().code)) {
    invariant_broken("a refused request without an exception code to answer it");
  }
  const auto response = codec::decode_response_unpaired(bytes);
  check_total(bytes, response,
              [](const auto& r, auto out) { return codec::encode_response(r, out); });
  check_error_text(response);
}

// The first byte splits the rest into a request and a response to it.
void check_pairing(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const std::size_t split =
      std::min<std::size_t>(std::to_integer<std::size_t>(bytes[0]), bytes.size() - 1);
  const auto request = codec::decode_request(bytes.subspan(1, split));
  if (!request.ok()) return;
  const auto response_bytes = bytes.subspan(1 + split);
  const auto paired = codec::decode_response(response_bytes, request.value());
  const auto unpaired = codec::decode_response_unpaired(response_bytes);
  const bool answers =
      unpaired.ok() && !codec::check_answers(unpaired.value(), request.value()).has_value();
  if (paired.ok() != answers) invariant_broken("paired decode disagrees with check_answers");
  // Pairing checks the response; it never changes it (compared and hashed field by field).
  if (paired.ok() && (!(paired.value() == unpaired.value()) ||
                      std::hash<codec::Response>{}(paired.value()) !=
                          std::hash<codec::Response>{}(unpaired.value()))) {
    invariant_broken("the paired decode differs from the unpaired one");
  }
  check_error_text(paired);
  check_total(response_bytes, paired,
              [](const auto& r, auto out) { return codec::encode_response(r, out); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  check_request_and_response(input.span());
  check_pairing(input.span());
  check_names(input.span());
  return 0;
}
