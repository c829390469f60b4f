// Response PDUs given a request, as the client reads a device's answers. The first byte
// splits the rest into a request and the response to it:
// - the response bytes alone (the unpaired decode, as `mbharness decode` reads them) fail with
//   a typed error at an offset inside them, or re-encode to exactly them;
// - when the request decodes, the paired decode succeeds exactly when the unpaired one does
//   and check_answers finds the response answers the request, never changes the response
//   (equal and same hash), and fails typed when it fails.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;

const auto kEncodeResponse = [](const auto& r, auto out) { return codec::encode_response(r, out); };

void check_response(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const std::size_t split =
      std::min<std::size_t>(std::to_integer<std::size_t>(bytes[0]), bytes.size() - 1);
  const auto response_bytes = bytes.subspan(1 + split);
  const auto unpaired = codec::decode_response_unpaired(response_bytes);
  mbh::fuzz::check_round_trip(response_bytes, unpaired, kEncodeResponse);

  const auto request = codec::decode_request(bytes.subspan(1, split));
  if (!request.ok()) return;
  const auto paired = codec::decode_response(response_bytes, request.value());
  const bool answers =
      unpaired.ok() && !codec::check_answers(unpaired.value(), request.value()).has_value();
  if (paired.ok() != answers) invariant_broken("paired decode disagrees with check_answers");
  // Pairing checks the response; it never changes it (compared and hashed field by field).
  if (paired.ok() && (!(paired.value() == unpaired.value()) ||
                      std::hash<codec::Response>{}(paired.value()) !=
                          std::hash<codec::Response>{}(unpaired.value()))) {
    invariant_broken("the paired decode differs from the unpaired one");
  }
  // A paired decode that succeeds equals the unpaired one, whose round trip is checked above;
  // one that fails must fail typed, inside the bytes, with its text.
  if (!paired.ok()) mbh::fuzz::check_round_trip(response_bytes, paired, kEncodeResponse);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_response(mbh::fuzz::ExactInput(data, size).span());
  return 0;
}
