// Response PDUs given a request, as the client reads a device's answers. The first byte
// splits the rest into a request and the response to it. When the request decodes, the
// response is decoded against it (the client's decode); when it does not, alone (the unpaired
// decode, as `mbharness decode` reads a response). Either decode fails with a typed error at an
// offset inside the response bytes, with its text, or re-encodes to exactly them.
//
// That the paired decode is the unpaired one plus check_answers, and never changes the
// response, is a property test of its own (ResponseCodecProperty in
// tests/codec/response_codec_test.cpp): checked here as well, it doubled the work per input
// without reaching more of the parser.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

namespace codec = mbh::codec;

const auto kEncodeResponse = [](const auto& r, auto out) { return codec::encode_response(r, out); };

void check_response(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const std::size_t split =
      std::min<std::size_t>(std::to_integer<std::size_t>(bytes[0]), bytes.size() - 1);
  const auto response_bytes = bytes.subspan(1 + split);
  const auto request = codec::decode_request(bytes.subspan(1, split));
  const auto decoded = request.ok() ? codec::decode_response(response_bytes, request.value())
                                    : codec::decode_response_unpaired(response_bytes);
  mbh::fuzz::check_round_trip(response_bytes, decoded, kEncodeResponse);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_response(mbh::fuzz::ExactInput(data, size).span());
  return 0;
}
