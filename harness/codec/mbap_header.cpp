#include "harness/codec/mbap_header.hpp"

#include "harness/codec/byte_io.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::codec {

MbapHeader decode_mbap(std::span<const std::byte, kMbapSize> bytes) {
  ByteReader in(bytes);
  MbapHeader header;
  header.transaction_id = in.u16();
  header.protocol_id = in.u16();
  header.length = in.u16();
  header.unit_id = in.u8();
  return header;
}

void encode_mbap(const MbapHeader& header, std::span<std::byte, kMbapSize> out) {
  ByteWriter w(out);
  w.u16(header.transaction_id);
  w.u16(header.protocol_id);
  w.u16(header.length);
  w.u8(header.unit_id);
}

std::optional<DecodeError> check_mbap(const MbapHeader& header) {
  if (header.protocol_id != 0) return DecodeError{CodecError::kBadProtocolId, 2};
  if (header.length < kMinMbapLength) return DecodeError{CodecError::kLengthTooSmall, 4};
  if (header.length > kMaxMbapLength) return DecodeError{CodecError::kLengthTooLarge, 4};
  return std::nullopt;
}

Result<Adu, DecodeError> decode_adu(std::span<const std::byte> frame) {
  if (frame.size() < kMbapSize) return fail(DecodeError{CodecError::kTruncated, frame.size()});
  Adu adu{decode_mbap(frame.first<kMbapSize>()), frame.subspan(kMbapSize)};
  if (auto error = check_mbap(adu.header)) return fail(*error);
  const std::size_t expected = adu.header.length - 1U;  // the unit id is counted in length
  if (adu.pdu.size() < expected) return fail(DecodeError{CodecError::kTruncated, frame.size()});
  if (adu.pdu.size() > expected) {
    return fail(DecodeError{CodecError::kTrailingBytes, kMbapSize + expected});
  }
  return adu;
}

namespace {

template <class Message, class Encode>
EncodedAdu encode_with_header(std::uint16_t transaction_id, std::uint8_t unit_id,
                              const Message& message, Encode encode) {
  EncodedAdu adu;
  const std::span<std::byte> all(adu.bytes);
  // Any aggregate encodes to at most kMaxPduSize bytes, so this cannot fail.
  const std::size_t pdu_size = encode(message, all.subspan(kMbapSize)).value();
  encode_mbap(MbapHeader{transaction_id, 0, static_cast<std::uint16_t>(pdu_size + 1), unit_id},
              all.first<kMbapSize>());
  adu.size = kMbapSize + pdu_size;
  return adu;
}

}  // namespace

EncodedAdu encode_adu(std::uint16_t transaction_id, std::uint8_t unit_id, const Request& request) {
  return encode_with_header(
      transaction_id, unit_id, request,
      [](const Request& r, std::span<std::byte> out) { return encode_request(r, out); });
}

EncodedAdu encode_adu(std::uint16_t transaction_id, std::uint8_t unit_id,
                      const Response& response) {
  return encode_with_header(
      transaction_id, unit_id, response,
      [](const Response& r, std::span<std::byte> out) { return encode_response(r, out); });
}

std::optional<DecodeError> check_answers(const MbapHeader& response, const MbapHeader& request) {
  if (response.transaction_id != request.transaction_id) {
    return DecodeError{CodecError::kTransactionMismatch, 0};
  }
  if (response.protocol_id != 0) return DecodeError{CodecError::kBadProtocolId, 2};
  if (response.unit_id != request.unit_id) return DecodeError{CodecError::kUnitMismatch, 6};
  return std::nullopt;
}

}  // namespace mbh::codec
