// Structure-aware round trips: a request of every function code and a response to it, built
// from provider-chosen fields (structured_case.hpp) and encoded as ADUs, must come back.
// - decode_adu gives back each header; decode_request(encode(q)) == q, and
//   decode_response(encode(r), q) == r with check_answers accepting the pair and the headers;
// - a request or response the codec must refuse fails to decode with the error validate()
//   names (an exception response whose function byte already has the 0x80 flag is the one
//   exception: it decodes as another response), and a refused request's exception_for() code
//   exists;
// - the framer, fed the stream of ADUs in provider-chosen pieces through either of its two
//   entry points, gives back exactly those ADUs and no error;
// - a well-formed request or response prints as its name and fields and refuses an output
//   buffer one byte too small (message_output.hpp);
// - a copy with one provider-chosen byte flipped either decodes to something that re-encodes
//   to the flipped bytes or fails with a typed error inside the input.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/message_output.hpp"
#include "fuzz/pdu_round_trip.hpp"
#include "fuzz/structured_case.hpp"
#include "harness/codec/adu_framer.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

using mbh::fuzz::check_typed;
using mbh::fuzz::invariant_broken;
using mbh::fuzz::StructuredCase;
namespace codec = mbh::codec;
using Bytes = std::vector<std::byte>;

codec::Adu decoded_adu(const codec::EncodedAdu& encoded, const StructuredCase& c) {
  const auto adu = codec::decode_adu(encoded.span());
  if (!adu.ok()) invariant_broken("an encoded ADU does not decode");
  const codec::MbapHeader& header = adu.value().header;
  if (header.transaction_id != c.transaction_id || header.protocol_id != 0 ||
      header.unit_id != c.unit_id || header.length != adu.value().pdu.size() + 1) {
    invariant_broken("an ADU's header does not come back");
  }
  return adu.value();
}

void check_request(const StructuredCase& c, std::span<const std::byte> pdu) {
  const auto decoded = codec::decode_request(pdu);
  if (const auto error = codec::validate(c.request)) {
    if (decoded.ok() || decoded.error().code != *error) {
      invariant_broken("a refused request did not fail with the error validate() names");
    }
    if (!codec::exception_for(*error)) invariant_broken("a request error has no exception code");
    return;
  }
  if (!decoded.ok() || !(decoded.value() == c.request)) {
    invariant_broken("decode_request(encode(q)) is not q");
  }
  mbh::fuzz::check_printed(c.request);
  mbh::fuzz::check_short_output(c.request);
}

void check_response(const StructuredCase& c, std::span<const std::byte> pdu) {
  const auto decoded = codec::decode_response(pdu, c.request);
  if (const auto error = codec::validate(c.response)) {
    if (!decoded.ok()) {
      if (decoded.error().code != *error) {
        invariant_broken("a refused response did not fail with the error validate() names");
      }
    } else if (*error != codec::CodecError::kUnsupportedFunction ||
               !std::holds_alternative<codec::ExceptionResponse>(c.response) ||
               decoded.value() == c.response) {
      invariant_broken("a refused response decoded");
    }
    return;
  }
  if (!decoded.ok() || !(decoded.value() == c.response)) {
    invariant_broken("decode_response(encode(r), q) is not r");
  }
  if (codec::check_answers(c.response, c.request)) invariant_broken("check_answers refused r");
  mbh::fuzz::check_printed(c.response);
  mbh::fuzz::check_short_output(c.response);
}

// An ADU as the framer hands it over, back to bytes.
Bytes frame_bytes(const codec::FramedAdu& framed) {
  Bytes bytes(codec::kMbapSize);
  codec::encode_mbap(framed.adu.header, std::span<std::byte, codec::kMbapSize>(bytes));
  bytes.insert(bytes.end(), framed.adu.pdu.begin(), framed.adu.pdu.end());
  if (bytes.size() != framed.size) invariant_broken("a frame's size is not its header's");
  return bytes;
}

std::size_t put(FuzzedDataProvider& input, codec::StreamFramer& framer,
                std::span<const std::byte> piece) {
  if (input.ConsumeBool()) return framer.feed(piece);
  // The read loop's way: receive straight into the framer's free space.
  const std::span<std::byte> room = framer.writable();
  const std::size_t taken = std::min(room.size(), piece.size());
  std::copy_n(piece.begin(), taken, room.begin());
  framer.commit(taken);
  return taken;
}

void check_framing(FuzzedDataProvider& input, const std::vector<Bytes>& adus) {
  Bytes stream;
  for (const Bytes& adu : adus)
    stream.insert(stream.end(), adu.begin(), adu.end());
  codec::StreamFramer framer;
  std::vector<Bytes> frames;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t piece = std::min(
        input.ConsumeIntegralInRange<std::size_t>(1, 2 * codec::kMaxAduSize), stream.size() - at);
    const std::size_t taken = put(input, framer, std::span(stream).subspan(at, piece));
    if (taken == 0) invariant_broken("the framer took nothing with a frame at most buffered");
    at += taken;
    for (auto next = framer.next(); !std::holds_alternative<codec::NeedMore>(next);
         next = framer.next()) {
      const auto* framed = std::get_if<codec::FramedAdu>(&next);
      if (framed == nullptr) invariant_broken("the framer failed on well-formed ADUs");
      frames.push_back(frame_bytes(*framed));
    }
  }
  if (frames != adus || framer.buffered() != 0) {
    invariant_broken("the framer did not give back exactly the ADUs sent");
  }
}

template <class Decoded>
void check_reencodes(std::span<const std::byte> flipped, const codec::Adu& adu,
                     const Decoded& decoded) {
  if (!decoded.ok()) return check_typed(decoded.error(), adu.pdu.size());
  const auto again =
      codec::encode_adu(adu.header.transaction_id, adu.header.unit_id, decoded.value());
  if (!std::ranges::equal(again.span(), flipped)) {
    invariant_broken("a flipped ADU decodes to something that encodes otherwise");
  }
}

void check_flipped(FuzzedDataProvider& input, const StructuredCase& c,
                   const std::vector<Bytes>& adus) {
  const bool response = input.ConsumeBool();
  Bytes flipped = adus[response ? 1 : 0];  // exactly its size, so ASan sees an over-read
  const auto at = input.ConsumeIntegralInRange<std::size_t>(0, flipped.size() - 1);
  flipped[at] ^= std::byte{input.ConsumeIntegralInRange<std::uint8_t>(1, 0xFF)};
  const auto adu = codec::decode_adu(flipped);
  if (!adu.ok()) return check_typed(adu.error(), flipped.size());
  const std::span<const std::byte> pdu = adu.value().pdu;
  if (!response) return check_reencodes(flipped, adu.value(), codec::decode_request(pdu));
  check_reencodes(flipped, adu.value(), codec::decode_response_unpaired(pdu));
  const auto paired = codec::decode_response(pdu, c.request);
  check_reencodes(flipped, adu.value(), paired);
  if (paired.ok() && codec::check_answers(paired.value(), c.request)) {
    invariant_broken("a paired decode gave a response that does not answer");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput exact(data, size);
  FuzzedDataProvider input(reinterpret_cast<const std::uint8_t*>(exact.span().data()), size);
  const StructuredCase c = mbh::fuzz::build_structured_case(input);
  const auto request_adu = codec::encode_adu(c.transaction_id, c.unit_id, c.request);
  const auto response_adu = codec::encode_adu(c.transaction_id, c.unit_id, c.response);
  const codec::Adu request = decoded_adu(request_adu, c);
  const codec::Adu response = decoded_adu(response_adu, c);
  if (codec::check_answers(response.header, request.header)) {
    invariant_broken("check_answers refused the response's header");
  }
  check_request(c, request.pdu);
  check_response(c, response.pdu);

  std::vector<Bytes> adus;
  for (const auto* adu : {&request_adu, &response_adu})
    adus.emplace_back(adu->span().begin(), adu->span().end());
  check_flipped(input, c, adus);
  // The pair again and again, as a connection carries it.
  for (int copies = input.ConsumeIntegralInRange(0, 2); copies > 0; --copies)
    adus.insert(adus.end(), {adus[0], adus[1]});
  check_framing(input, adus);
  return 0;
}
