#include "harness/codec/response_codec.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <functional>
#include <type_traits>
#include <variant>
#include <vector>

#include "golden_vectors.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/request_codec.hpp"
#include "hex_bytes.hpp"
#include "normal_answer.hpp"
#include "pdu_generators.hpp"

namespace mbh::codec {
namespace {

using testing::golden_vectors;
using testing::hex;
using testing::to_hex;

std::vector<std::byte> encoded(const Response& response) {
  std::array<std::byte, kMaxPduSize> buffer{};
  const auto size = encode_response(response, buffer);
  EXPECT_TRUE(size.ok());
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size.value())};
}

TEST(ResponseCodec, DecodesEveryWorkedExampleAgainstItsRequest) {
  for (const auto& vector : golden_vectors()) {
    SCOPED_TRACE(vector.name);
    const auto decoded = decode_response(hex(vector.response_hex), vector.request);
    ASSERT_TRUE(decoded.ok()) << message(decoded.error().code);
    EXPECT_EQ(decoded.value(), vector.response);
  }
}

TEST(ResponseCodec, EncodesEveryWorkedExampleOfTheSpecification) {
  for (const auto& vector : golden_vectors()) {
    SCOPED_TRACE(vector.name);
    EXPECT_EQ(to_hex(encoded(vector.response)), to_hex(hex(vector.response_hex)));
  }
}

struct BadResponse {
  const char* why;
  Request request;
  const char* pdu;
  CodecError error;
  std::size_t offset;
};

TEST(ResponseCodec, JudgesAResponseAgainstTheRequestItAnswers) {
  const ReadHoldingRegistersRequest read3{0x6B, 3};
  const BadResponse cases[] = {
      {"two registers for three", read3, "03 04 02 2B 00 00", CodecError::kQuantityMismatch, 1},
      {"byte count says 6, 4 bytes follow", read3, "03 06 02 2B 00 00", CodecError::kTruncated, 6},
      {"byte count odd", read3, "03 05 02 2B 00 00 00", CodecError::kByteCountOutOfRange, 1},
      {"byte count 0", read3, "03 00", CodecError::kByteCountOutOfRange, 1},
      {"trailing byte", read3, "03 06 02 2B 00 00 00 64 00", CodecError::kTrailingBytes, 8},
      {"another function", read3, "04 06 02 2B 00 00 00 64", CodecError::kFunctionMismatch, 0},
      {"exception for another function", read3, "84 02", CodecError::kFunctionMismatch, 0},
      {"exception without its code", read3, "83", CodecError::kTruncated, 1},
      {"exception with two codes", read3, "83 02 02", CodecError::kTrailingBytes, 2},
      {"unknown function", read3, "41 00", CodecError::kUnsupportedFunction, 0},
      {"coils: 2 bytes for 19 coils", ReadCoilsRequest{0x13, 0x13}, "01 02 CD 6B",
       CodecError::kQuantityMismatch, 1},
      {"write single: other value", WriteSingleRegisterRequest{1, 3}, "06 00 01 00 04",
       CodecError::kEchoMismatch, 1},
      {"write single coil: bad value echoed", WriteSingleCoilRequest{0xAC, 0xFF00},
       "05 00 AC 12 34", CodecError::kInvalidCoilValue, 3},
      {"write multiple: other quantity", WriteMultipleRegistersRequest{1, {10, 258}},
       "10 00 01 00 03", CodecError::kEchoMismatch, 1},
      {"write multiple: quantity 0", WriteMultipleRegistersRequest{1, {10, 258}}, "10 00 01 00 00",
       CodecError::kQuantityOutOfRange, 3},
      {"device id: conformity 0x04", ReadDeviceIdentificationRequest{1, 0}, "2B 0E 01 04 00 00 00",
       CodecError::kInvalidConformityLevel, 3},
      {"device id: more follows 0x01", ReadDeviceIdentificationRequest{1, 0},
       "2B 0E 01 01 01 00 00", CodecError::kInvalidMoreFollows, 4},
      {"device id: object longer than the frame", ReadDeviceIdentificationRequest{1, 0},
       "2B 0E 01 01 00 00 01 00 05 41 42", CodecError::kTruncated, 11},
      {"device id: a byte after the objects", ReadDeviceIdentificationRequest{1, 0},
       "2B 0E 01 01 00 00 01 00 01 41 42", CodecError::kTrailingBytes, 10},
      {"device id: other read code", ReadDeviceIdentificationRequest{1, 0}, "2B 0E 02 01 00 00 00",
       CodecError::kEchoMismatch, 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why);
    const auto decoded = decode_response(hex(c.pdu), c.request);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(identifier(decoded.error().code), identifier(c.error));
    EXPECT_EQ(decoded.error().offset, c.offset);
  }
}

// Found by fuzzing (corpus/regressions/fuzz_response/device-id-response-over-253-bytes.bin,
// after its seven-byte header): device objects past the PDU limit were dropped instead of refused.
TEST(ResponseCodec, RefusesDeviceObjectsPastThePduLimit) {
  std::vector<std::byte> pdu = hex("2B 0E 01 83 FF 27 01 00 F8");
  pdu.resize(pdu.size() + 0xF8, std::byte{'x'});
  const auto decoded = decode_response_unpaired(pdu);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, CodecError::kPduTooLarge);
}

TEST(ResponseCodec, KeepsExceptionCodesTheSpecificationDoesNotDefine) {
  const auto decoded = decode_response(hex("83 0C"), ReadHoldingRegistersRequest{0, 1});
  ASSERT_TRUE(decoded.ok());
  const auto& exception = std::get<ExceptionResponse>(decoded.value());
  EXPECT_EQ(exception.function, 0x03);
  EXPECT_FALSE(is_defined(exception.code));
  EXPECT_EQ(name(exception.code), "unknown exception");
}

RC_GTEST_PROP(ResponseCodecProperty, DecodeOfEncodeIsIdentityForValidAndTheErrorOtherwise,
              (const Response& response)) {
  const auto bytes = encoded(response);
  const auto decoded = decode_response_unpaired(bytes);
  const auto expected_error = validate(response);
  RC_CLASSIFY(!expected_error.has_value(), "valid");
  if (!expected_error) {
    RC_ASSERT(decoded.ok());
    RC_ASSERT(decoded.value() == response);
  } else if (decoded.ok()) {
    // An exception response whose function byte already has the 0x80 flag cannot be
    // encoded faithfully: it comes back as another response, never as itself.
    RC_ASSERT(*expected_error == CodecError::kUnsupportedFunction);
    RC_ASSERT(!(decoded.value() == response));
  } else {
    RC_ASSERT(decoded.error().code == *expected_error);
  }
}

// The paired decode accepts exactly the unpaired decodes that answer the request, and never
// changes the response: equal, and hashed alike.
void check_pairing(const Result<Response, DecodeError>& unpaired,
                   const Result<Response, DecodeError>& paired, const Request& request) {
  RC_ASSERT(paired.ok() ==
            (unpaired.ok() && !check_answers(unpaired.value(), request).has_value()));
  if (paired.ok()) {
    RC_ASSERT(paired.value() == unpaired.value());
    RC_ASSERT(std::hash<Response>{}(paired.value()) == std::hash<Response>{}(unpaired.value()));
  }
}

void check_decode_is_total(const std::vector<std::byte>& bytes, const Request& request) {
  const auto unpaired = decode_response_unpaired(bytes);
  const auto paired = decode_response(bytes, request);
  for (const auto* decoded : {&unpaired, &paired}) {
    if (decoded->ok()) {
      RC_ASSERT(to_hex(encoded(decoded->value())) == to_hex(bytes));
    } else {
      RC_ASSERT(decoded->error().code <= kLastCodecError);
      RC_ASSERT(decoded->error().offset <= bytes.size());
    }
  }
  check_pairing(unpaired, paired, request);
}

RC_GTEST_PROP(ResponseCodecProperty, AnyBytesFailTypedOrReencodeExactly,
              (const std::vector<std::uint8_t>& raw, const Request& request)) {
  std::vector<std::byte> bytes;
  for (auto b : raw)
    bytes.push_back(std::byte{b});
  check_decode_is_total(bytes, request);
}

RC_GTEST_PROP(ResponseCodecProperty, MutatedResponsesFailTypedOrReencodeExactly,
              (const Response& response, const Request& request, std::uint8_t at,
               std::uint8_t value, std::uint8_t cut)) {
  auto bytes = encoded(response);
  bytes[at % bytes.size()] = std::byte{value};
  bytes.resize(bytes.size() - std::min<std::size_t>(cut % 3, bytes.size()));
  check_decode_is_total(bytes, request);
}

// A read's data made up from its address, so that answers differ from request to request.
struct MadeUpData {
  static std::uint16_t word(std::uint16_t address, std::size_t i) {
    return static_cast<std::uint16_t>(address * 31U + i * 7U);
  }
  static std::uint8_t byte(std::uint16_t address, std::size_t i) {
    return static_cast<std::uint8_t>(word(address, i));
  }
  static ReadDeviceIdentificationResponse identification(std::uint8_t read_code) {
    ReadDeviceIdentificationResponse r;
    r.read_code = read_code;
    return r;
  }
};

// The response a device that obeys gives to `request`.
Response answer_to(const Request& request) {
  MadeUpData data;
  return testing::normal_answer(request, data);
}

// Where the response answers (the case the properties above seldom draw), pairing changes
// nothing.
RC_GTEST_PROP(ResponseCodecProperty, PairedDecodeOfAnAnswerIsTheUnpairedDecode,
              (const Request& request)) {
  RC_PRE(!validate(request).has_value());
  const auto bytes = encoded(answer_to(request));
  const auto unpaired = decode_response_unpaired(bytes);
  const auto paired = decode_response(bytes, request);
  RC_ASSERT(unpaired.ok());
  RC_ASSERT(paired.ok());
  check_pairing(unpaired, paired, request);
}

RC_GTEST_PROP(ResponseCodecProperty, PairedDecodeIsUnpairedDecodePlusCheckAnswers,
              (const Response& response, const Request& request)) {
  const auto bytes = encoded(response);
  const auto unpaired = decode_response_unpaired(bytes);
  RC_PRE(unpaired.ok());
  check_pairing(unpaired, decode_response(bytes, request), request);
}

}  // namespace
}  // namespace mbh::codec
