#include "harness/exchange/frame_error.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_fields.hpp"

namespace mbh::exchange {
namespace {

using codec::CodecError;

bool as_request(Stage stage) {
  return stage == Stage::kRequest;
}

// The size a PDU's layout gives it, as far as its bytes tell: exact, or a lower bound when the
// bytes that would tell are missing.
struct LayoutSize {
  std::size_t size;
  bool exact;
};

LayoutSize request_size(const Bytes& pdu) {
  const unsigned function = pdu.u8(0).value_or(0);
  const auto counted = [&pdu](std::size_t count_at) {
    const auto count = pdu.u8(count_at);
    return count ? LayoutSize{count_at + 1 + *count, true} : LayoutSize{count_at + 1, false};
  };
  switch (function) {
    case 0x0F:
    case 0x10:
      return counted(5);
    case 0x16:
      return {7, true};
    case 0x17:
      return counted(9);
    case 0x2B:
      return {4, true};
    default:
      return {5, true};
  }
}

LayoutSize response_size(const Bytes& pdu) {
  const unsigned function = pdu.u8(0).value_or(0);
  if ((function & codec::kExceptionFlag) != 0) return {2, true};
  switch (function) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x17: {
      const auto count = pdu.u8(1);
      return count ? LayoutSize{2 + *count, true} : LayoutSize{2, false};
    }
    case 0x16:
      return {7, true};
    case 0x2B: {
      // Header (function, MEI type, code, conformity, more follows, next id, count), then
      // id, length, value for each object.
      const auto count = pdu.u8(6);
      if (!count) return {codec::kDeviceIdHeaderSize, false};
      std::size_t at = codec::kDeviceIdHeaderSize;
      for (unsigned i = 0; i < *count; ++i) {
        const auto length = pdu.u8(at + 1);
        if (!length) return {at + 2, false};
        at += 2 + *length;
      }
      return {at, true};
    }
    default:
      return {5, true};
  }
}

std::string pdu_name(const Bytes& pdu, Stage stage) {
  const std::uint8_t byte = static_cast<std::uint8_t>(pdu.u8(0).value_or(0));
  if (!as_request(stage) && (byte & codec::kExceptionFlag) != 0) {
    return fmt::format("exception response to {}", codec::function_name(plain_function(byte)));
  }
  return fmt::format("{} {}", codec::function_name(byte),
                     as_request(stage) ? "request" : "response");
}

// "(1 missing)" or "(2 extra)": what `have` lacks or has beyond `want`.
std::string difference(std::size_t want, std::size_t have) {
  if (have < want) return fmt::format("{} missing", want - have);
  return fmt::format("{} extra", have - want);
}

std::string size_detail(const Bytes& pdu, Stage stage) {
  const LayoutSize expected = as_request(stage) ? request_size(pdu) : response_size(pdu);
  if (!expected.exact) {
    return fmt::format("a {} is at least {} bytes; the PDU has {}", pdu_name(pdu, stage),
                       expected.size, pdu.size());
  }
  return fmt::format("expected {} bytes for a {}; the PDU has {} ({})", expected.size,
                     pdu_name(pdu, stage), pdu.size(), difference(expected.size, pdu.size()));
}

std::string framing_size_detail(const Bytes& frame) {
  if (frame.size() < codec::kMbapSize) {
    return fmt::format("the MBAP header is {} bytes; the frame has {}", codec::kMbapSize,
                       frame.size());
  }
  const unsigned length = frame.u16(4).value_or(0);
  const std::size_t announced = length == 0 ? 0 : length - 1U;  // the unit id is counted
  const std::size_t present = frame.size() - codec::kMbapSize;
  return fmt::format("MBAP length {} announces {} PDU bytes after the unit id; {} follow ({})",
                     length, announced, present, difference(announced, present));
}

std::uint16_t quantity_limit(unsigned function, std::size_t offset) {
  switch (function) {
    case 0x01:
    case 0x02:
      return codec::kMaxReadBits;
    case 0x0F:
      return codec::kMaxWriteBits;
    case 0x10:
      return codec::kMaxWriteRegisters;
    case 0x17:
      return offset == 7 ? codec::kMaxReadWriteRegisters : codec::kMaxReadRegisters;
    default:
      return codec::kMaxReadRegisters;
  }
}

std::string_view quantity_name(unsigned function, std::size_t offset) {
  if (function != 0x17) return "quantity";
  return offset == 7 ? "write quantity" : "read quantity";
}

// The encoding of a request, to compare an echo with.
std::vector<std::byte> encoded(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> buffer{};
  const auto size = codec::encode_request(request, buffer);
  if (!size) return {};
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*size)};
}

// A write response echoes the first words of its request after the function code: find the
// first that differs and name it after the response's field.
void explain_echo(FrameError& out, std::span<const std::byte> pdu_bytes, std::size_t base,
                  const ReferenceRequest& answers) {
  const Bytes pdu(pdu_bytes);
  const std::vector<std::byte> request = encoded(answers.request);
  const Bytes asked(request);
  if (pdu.u8(0) == codec::to_byte(codec::FunctionCode::kEncapsulatedInterface)) {
    out.detail = fmt::format("read device id code 0x{:02X}; the request's is 0x{:02X}",
                             pdu.u8(2).value_or(0), asked.u8(2).value_or(0));
    return;
  }
  // Pairing runs on a response that decoded on its own, so this decode succeeds.
  const auto response = codec::decode_response_unpaired(pdu_bytes);
  if (!response) return;
  std::vector<std::string_view> names;
  std::visit([&names](const auto& r) { names.assign(r.kFields.begin(), r.kFields.end()); },
             *response);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::size_t at = 1 + 2 * i;
    const unsigned got = pdu.u16(at).value_or(0);
    const unsigned want = asked.u16(at).value_or(0);
    if (got == want) continue;
    out.error.offset = base + at;
    out.width = 2;
    out.detail = fmt::format("{} {} (0x{:04X}); the request's is {} (0x{:04X})", names[i], got, got,
                             want, want);
    return;
  }
}
// The header of the request an answer is read against, as far as it is known.
codec::MbapHeader asked_header(const ErrorContext& context) {
  if (context.answers != nullptr && context.answers->mbap) return *context.answers->mbap;
  return context.asked_mbap.value_or(codec::MbapHeader{});
}

}  // namespace

std::string_view stage_id(Stage stage) {
  switch (stage) {
    case Stage::kFraming:
      return "framing";
    case Stage::kRequest:
      return "request";
    case Stage::kResponse:
      return "response";
    case Stage::kPairing:
      return "pairing";
    case Stage::kHeaderPairing:
      return "header-pairing";
  }
  return "unknown";
}

bool in_pdu(Stage stage) {
  return stage == Stage::kRequest || stage == Stage::kResponse || stage == Stage::kPairing;
}

std::string reading_name(const FrameError& error, std::span<const std::byte> frame,
                         std::size_t pdu_offset) {
  if (error.stage == Stage::kFraming) return "Modbus TCP frame";
  const Bytes pdu(frame.subspan(std::min(pdu_offset, frame.size())));
  return pdu_name(pdu, error.stage);
}

FrameError explain(Stage stage, codec::DecodeError error, const ErrorContext& context) {
  const std::size_t base = in_pdu(stage) ? context.pdu_offset : 0;
  FrameError out{stage, {error.code, error.offset + base}, 1, ""};
  const Bytes frame(context.frame);
  const auto pdu_bytes = context.frame.subspan(std::min(context.pdu_offset, context.frame.size()));
  const Bytes pdu(pdu_bytes);
  const Bytes& bytes = in_pdu(stage) ? pdu : frame;
  const std::size_t at = error.offset;  // in `bytes`
  const unsigned function = pdu.u8(0).value_or(0);

  switch (error.code) {
    case CodecError::kTruncated:
      out.width = 0;
      out.detail = in_pdu(stage) ? size_detail(pdu, stage) : framing_size_detail(frame);
      break;
    case CodecError::kTrailingBytes:
      out.width = bytes.size() - std::min(at, bytes.size());
      out.detail = in_pdu(stage) ? size_detail(pdu, stage) : framing_size_detail(frame);
      break;
    case CodecError::kPduTooLarge:
      out.width = bytes.size() - std::min(at, bytes.size());
      out.detail = bytes.size() > codec::kMaxPduSize
                       ? fmt::format("the PDU is {} bytes; no ADU carries more than {}",
                                     bytes.size(), codec::kMaxPduSize)
                       : fmt::format("the objects need more room than a {}-byte PDU has",
                                     codec::kMaxPduSize);
      break;
    case CodecError::kUnsupportedFunction:
      out.detail = fmt::format(
          "function {} is not one of those implemented: 01 02 03 04 05 06 0F 10 16 17 2B",
          function_text(function));
      break;
    case CodecError::kQuantityOutOfRange:
      out.width = 2;
      out.detail = fmt::format("{} {} outside 1..{}", quantity_name(function, at),
                               bytes.u16(at).value_or(0), quantity_limit(function, at));
      break;
    case CodecError::kByteCountMismatch: {
      // FC 15 and 16: quantity at 3, byte count at 5; FC 23: write quantity at 7, count at 9.
      const std::size_t quantity_at = function == 0x17 ? 7 : 3;
      const unsigned quantity = bytes.u16(quantity_at).value_or(0);
      const std::size_t expected =
          function == 0x0F ? codec::bit_bytes(static_cast<std::uint16_t>(quantity)) : 2 * quantity;
      out.detail =
          fmt::format("byte count {} disagrees with {} {} (expected {})", bytes.u8(at).value_or(0),
                      quantity_name(function, quantity_at), quantity, expected);
      break;
    }
    case CodecError::kByteCountOutOfRange: {
      const unsigned count = bytes.u8(at).value_or(0);
      if (function == 0x01 || function == 0x02) {
        out.detail = fmt::format("byte count {} outside 1..{}", count, codec::kMaxReadBitBytes);
      } else if (count % 2 != 0) {
        out.detail = fmt::format("byte count {} is odd: registers are 2 bytes each", count);
      } else {
        out.detail =
            fmt::format("byte count {} outside 2..{}", count, 2 * codec::kMaxReadRegisters);
      }
      break;
    }
    case CodecError::kAddressOverflow: {
      out.width = 4;
      const unsigned address = bytes.u16(at).value_or(0);
      const unsigned quantity = bytes.u16(at + 2).value_or(0);
      out.detail = fmt::format("address {} + quantity {} reaches {}: past the last address, 65535",
                               address, quantity, address + quantity - 1);
      break;
    }
    case CodecError::kInvalidCoilValue:
      out.width = 2;
      out.detail =
          fmt::format("value 0x{:04X}: ON is 0xFF00, OFF is 0x0000", bytes.u16(at).value_or(0));
      break;
    case CodecError::kUnsupportedMeiType:
      out.detail = fmt::format(
          "MEI type 0x{:02X}: only 0x0E (Read Device Identification) is "
          "implemented",
          bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidReadDeviceIdCode:
      out.detail = fmt::format(
          "read device id code 0x{:02X}: 01 basic, 02 regular, 03 extended, 04 one object",
          bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidConformityLevel:
      out.detail = fmt::format("conformity level 0x{:02X}", bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidMoreFollows:
      out.detail = fmt::format("more follows 0x{:02X}", bytes.u8(at).value_or(0));
      break;
    case CodecError::kFunctionMismatch: {
      const unsigned asked = context.answers ? codec::function_byte(context.answers->request)
                                             : context.asked_function.value_or(0);
      out.detail =
          (function & codec::kExceptionFlag) != 0
              ? fmt::format("exception response to function {}; the request is {}",
                            function_text(plain_function(static_cast<std::uint8_t>(function))),
                            function_text(asked))
              : fmt::format("function {}; the request is {}", function_text(function),
                            function_text(asked));
      break;
    }
    case CodecError::kQuantityMismatch: {
      std::optional<std::size_t> asked;
      if (context.answers) {
        asked = std::visit([](const auto& q) { return quantity_of(q); }, context.answers->request);
      }
      const unsigned count = bytes.u8(at).value_or(0);
      if (function == 0x01 || function == 0x02) {
        out.detail = fmt::format(
            "byte count {} holds {} bits; the request asked for {} "
            "(expected byte count {})",
            count, 8 * count, asked.value_or(0),
            codec::bit_bytes(static_cast<std::uint16_t>(asked.value_or(0))));
      } else {
        out.detail = fmt::format(
            "byte count {} holds {} registers; the request asked for {} "
            "(expected byte count {})",
            count, count / 2, asked.value_or(0), 2 * asked.value_or(0));
      }
      break;
    }
    case CodecError::kEchoMismatch:
      if (context.answers) explain_echo(out, pdu_bytes, base, *context.answers);
      break;
    case CodecError::kBadProtocolId:
      out.width = 2;
      out.detail = fmt::format("protocol id {}: Modbus is 0", bytes.u16(at).value_or(0));
      break;
    case CodecError::kLengthTooSmall:
      out.width = 2;
      out.detail =
          fmt::format("length {}: at least 2 (unit id + function code)", bytes.u16(at).value_or(0));
      break;
    case CodecError::kLengthTooLarge:
      out.width = 2;
      out.detail =
          fmt::format("length {}: at most 254 (unit id + 253-byte PDU)", bytes.u16(at).value_or(0));
      break;
    case CodecError::kTransactionMismatch: {
      out.width = 2;
      const unsigned asked = asked_header(context).transaction_id;
      out.detail = fmt::format("transaction id {} (0x{:04X}); the request's is {} (0x{:04X})",
                               bytes.u16(at).value_or(0), bytes.u16(at).value_or(0), asked, asked);
      break;
    }
    case CodecError::kUnitMismatch: {
      const unsigned asked = asked_header(context).unit_id;
      out.detail = fmt::format("unit id {} (0x{:02X}); the request's is {} (0x{:02X})",
                               bytes.u8(at).value_or(0), bytes.u8(at).value_or(0), asked, asked);
      break;
    }
  }
  return out;
}
}  // namespace mbh::exchange
