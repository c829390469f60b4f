// The codec's decoders and framer on arbitrary bytes. Invariants, not just survival:
// - every decode either fails with a typed error at an offset inside the input, or
//   re-encodes to exactly the input;
// - a paired response decode succeeds exactly when the unpaired one does and the response
//   answers the request;
// - the framer yields the same frames however the stream is cut, in bounded memory.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/adu_framer.hpp"
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

struct Frames {
  std::vector<std::vector<std::byte>> frames;
  bool failed = false;
  friend bool operator==(const Frames&, const Frames&) = default;
};

// Frames `stream` fed in pieces of `piece` bytes (0: all at once).
Frames frame_in_pieces(std::span<const std::byte> stream, std::size_t piece) {
  codec::StreamFramer framer;
  Frames out;
  std::size_t at = 0;
  while (at < stream.size() && !framer.failed()) {
    const std::size_t want = piece == 0 ? stream.size() - at : std::min(piece, stream.size() - at);
    at += framer.feed(stream.subspan(at, want));
    if (framer.buffered() > codec::StreamFramer::kCapacity) invariant_broken("framer overflow");
    for (;;) {
      auto result = framer.next();
      if (auto* framed = std::get_if<codec::FramedAdu>(&result)) {
        if (framed->size > codec::kMaxAduSize) invariant_broken("frame over 260 bytes");
        out.frames.emplace_back(framed->adu.pdu.begin(), framed->adu.pdu.end());
        continue;
      }
      out.failed = std::holds_alternative<codec::DecodeError>(result);
      break;
    }
  }
  return out;
}

void check_framer(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const std::size_t piece = std::to_integer<std::size_t>(bytes[0]) % 29 + 1;
  const auto stream = bytes.subspan(1);
  if (!(frame_in_pieces(stream, 0) == frame_in_pieces(stream, piece))) {
    invariant_broken("frames depend on where the stream was cut");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  check_request_and_response(input.span());
  check_pairing(input.span());
  check_framer(input.span());
  return 0;
}
