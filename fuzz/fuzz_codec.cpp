// The codec's PDU decoders on arbitrary bytes. Invariants, not just survival:
// - every decode either fails with a typed error at an offset inside the input, or
//   re-encodes to exactly the input;
// - a paired response decode succeeds exactly when the unpaired one does and the response
//   answers the request.
// The framer has a target of its own (fuzz_framer.cpp): one API per target keeps each fast.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;

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
  const auto response = codec::decode_response_unpaired(bytes);
  check_total(bytes, response,
              [](const auto& r, auto out) { return codec::encode_response(r, out); });
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
  check_total(response_bytes, paired,
              [](const auto& r, auto out) { return codec::encode_response(r, out); });
}

// The reference for the framer: frame_adu(), a pure function, applied at each frame's start.
// StreamFramer fed the stream in pieces must yield exactly those frames, as consecutive slices
// of the stream, and fail where and how the reference fails, in bounded memory. No heap: the
// check compares as it goes, so the target costs what the codec costs.
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  check_request_and_response(input.span());
  check_pairing(input.span());
  return 0;
}
