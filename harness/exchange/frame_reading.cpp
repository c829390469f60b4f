#include "harness/exchange/frame_reading.hpp"

#include <fmt/format.h>

#include "harness/codec/adu_framer.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::exchange {
namespace {

std::optional<codec::MbapHeader> readable_header(std::span<const std::byte> bytes, bool pdu) {
  return pdu ? std::nullopt : header_of(bytes);
}

// An ADU's PDU and header, or where its framing is wrong.
struct Framed {
  std::span<const std::byte> pdu;
  std::optional<codec::MbapHeader> mbap;
};

std::variant<Framed, codec::DecodeError> frame(std::span<const std::byte> bytes, bool pdu) {
  if (pdu) return Framed{bytes, std::nullopt};
  auto adu = codec::decode_adu(bytes);
  if (!adu) return adu.error();
  return Framed{adu->pdu, adu->header};
}

MalformedFrame malformed(Stage stage, codec::DecodeError error, const ErrorContext& context) {
  MalformedFrame out{{context.frame.begin(), context.frame.end()},
                     readable_header(context.frame, context.pdu_offset == 0),
                     explain(stage, error, context),
                     std::nullopt,
                     std::nullopt};
  if (context.answers != nullptr) out.answers = *context.answers;
  return out;
}

MalformedFrame malformed(std::span<const std::byte> bytes, bool pdu, Stage stage,
                         codec::DecodeError error, const ReferenceRequest* answers) {
  return malformed(stage, error,
                   {bytes, pdu ? 0 : codec::kMbapSize, answers, std::nullopt, std::nullopt});
}

bool echoes_its_request(std::uint8_t function) {
  using codec::FunctionCode;
  return function == codec::to_byte(FunctionCode::kWriteSingleCoil) ||
         function == codec::to_byte(FunctionCode::kWriteSingleRegister) ||
         function == codec::to_byte(FunctionCode::kMaskWriteRegister);
}

// A frame sent as a request, read only as one.
FrameReading read_request(std::span<const std::byte> bytes) {
  const auto framed = frame(bytes, false);
  if (const auto* error = std::get_if<codec::DecodeError>(&framed)) {
    return malformed(bytes, false, Stage::kFraming, *error, nullptr);
  }
  const auto& [body, mbap] = std::get<Framed>(framed);
  const auto request = codec::decode_request(body);
  if (!request) return malformed(bytes, false, Stage::kRequest, request.error(), nullptr);
  return DecodedFrame{{bytes.begin(), bytes.end()}, mbap, *request, std::nullopt, std::nullopt};
}

// What a request the codec does not read still tells of itself: its header and function.
ErrorContext unasked_context(std::span<const std::byte> answer,
                             std::span<const std::byte> request) {
  ErrorContext context{answer, codec::kMbapSize, nullptr, std::nullopt, header_of(request)};
  if (request.size() > codec::kMbapSize) {
    context.asked_function = std::to_integer<std::uint8_t>(request[codec::kMbapSize]);
  }
  return context;
}

// The answer to a request the codec does not read (sent malformed on purpose): framing, the
// MBAP pairing, the PDU on its own, and the request's function byte, flag aside.
FrameReading read_unasked(std::span<const std::byte> answer, std::span<const std::byte> request,
                          bool pair_headers) {
  const ErrorContext context = unasked_context(answer, request);
  const auto framed = frame(answer, false);
  if (const auto* error = std::get_if<codec::DecodeError>(&framed)) {
    return malformed(Stage::kFraming, *error, context);
  }
  const auto& [body, mbap] = std::get<Framed>(framed);
  if (pair_headers && context.asked_mbap) {
    if (auto error = codec::check_answers(*mbap, *context.asked_mbap)) {
      return malformed(Stage::kHeaderPairing, *error, context);
    }
  }
  const auto response = codec::decode_response_unpaired(body);
  if (!response) return malformed(Stage::kResponse, response.error(), context);
  // Flag aside on both sides: a request's function byte may carry it (fuzzed, or 0x80 and up).
  if (context.asked_function &&
      plain_function(codec::function_byte(*response)) != plain_function(*context.asked_function)) {
    return malformed(Stage::kPairing, {codec::CodecError::kFunctionMismatch, 0}, context);
  }
  return DecodedFrame{{answer.begin(), answer.end()}, mbap, *response, std::nullopt, std::nullopt};
}

}  // namespace

std::optional<codec::MbapHeader> header_of(std::span<const std::byte> adu) {
  if (adu.size() < codec::kMbapSize) return std::nullopt;
  return codec::decode_mbap(adu.first<codec::kMbapSize>());
}

std::size_t pdu_offset(const MalformedFrame& frame) {
  return frame.mbap ? codec::kMbapSize : 0;
}

FrameReading read_frame(std::span<const std::byte> bytes, bool pdu) {
  const auto framed = frame(bytes, pdu);
  if (const auto* error = std::get_if<codec::DecodeError>(&framed)) {
    return malformed(bytes, pdu, Stage::kFraming, *error, nullptr);
  }
  const auto& [body, mbap] = std::get<Framed>(framed);
  const std::vector<std::byte> copy(bytes.begin(), bytes.end());
  auto request = codec::decode_request(body);
  auto response = codec::decode_response_unpaired(body);
  if (request) {
    DecodedFrame out{copy, mbap, *request, std::nullopt, std::nullopt};
    if (response) out.also_response = *response;
    return out;
  }
  if (response) return DecodedFrame{copy, mbap, *response, std::nullopt, std::nullopt};

  const auto first = std::to_integer<std::uint8_t>(body.empty() ? std::byte{0} : body[0]);
  const bool exception_flag = (first & codec::kExceptionFlag) != 0;
  // No request has the exception flag, and an error both readings share says nothing twice.
  if (exception_flag) return malformed(bytes, pdu, Stage::kResponse, response.error(), nullptr);
  if (request.error() == response.error()) {
    return malformed(bytes, pdu, Stage::kRequest, request.error(), nullptr);
  }
  const bool response_further = response.error().offset > request.error().offset;
  MalformedFrame out = malformed(bytes, pdu, response_further ? Stage::kResponse : Stage::kRequest,
                                 response_further ? response.error() : request.error(), nullptr);
  const ErrorContext context{bytes, pdu ? 0 : codec::kMbapSize, nullptr, std::nullopt,
                             std::nullopt};
  out.alternative = response_further ? explain(Stage::kRequest, request.error(), context)
                                     : explain(Stage::kResponse, response.error(), context);
  return out;
}

FrameReading read_answer(std::span<const std::byte> bytes, bool pdu,
                         const ReferenceRequest& answers) {
  const auto framed = frame(bytes, pdu);
  if (const auto* error = std::get_if<codec::DecodeError>(&framed)) {
    return malformed(bytes, pdu, Stage::kFraming, *error, &answers);
  }
  const auto& [body, mbap] = std::get<Framed>(framed);
  if (mbap && answers.mbap) {
    if (auto error = codec::check_answers(*mbap, *answers.mbap)) {
      return malformed(bytes, pdu, Stage::kHeaderPairing, *error, &answers);
    }
  }
  auto response = codec::decode_response(body, answers.request);
  if (!response) {
    const Stage stage =
        codec::decode_response_unpaired(body).ok() ? Stage::kPairing : Stage::kResponse;
    return malformed(bytes, pdu, stage, response.error(), &answers);
  }
  return DecodedFrame{{bytes.begin(), bytes.end()}, mbap, *response, answers, std::nullopt};
}

std::variant<ReferenceRequest, MalformedFrame> read_reference(std::span<const std::byte> bytes,
                                                              bool pdu) {
  const auto framed = frame(bytes, pdu);
  if (const auto* error = std::get_if<codec::DecodeError>(&framed)) {
    return malformed(bytes, pdu, Stage::kFraming, *error, nullptr);
  }
  const auto& [body, mbap] = std::get<Framed>(framed);
  auto request = codec::decode_request(body);
  if (!request) return malformed(bytes, pdu, Stage::kRequest, request.error(), nullptr);
  return ReferenceRequest{*request, mbap};
}

ExchangeReading read_exchange(std::span<const std::byte> request, std::span<const std::byte> answer,
                              HeaderPairing pairing) {
  ExchangeReading out{read_request(request), std::nullopt, std::nullopt};
  if (const auto* valid = std::get_if<DecodedFrame>(&out.request)) {
    out.reference = ReferenceRequest{std::get<codec::Request>(valid->message), valid->mbap};
  }
  if (answer.empty()) return out;
  const bool pair_headers = pairing == HeaderPairing::kChecked;
  if (out.reference) {
    ReferenceRequest against = *out.reference;
    if (!pair_headers) against.mbap.reset();
    out.answer = read_answer(answer, false, against);
    return out;
  }
  out.answer = read_unasked(answer, request, pair_headers);
  return out;
}

const codec::Response* answered(const ExchangeReading& read) {
  if (!read.answer) return nullptr;
  const auto* frame = std::get_if<DecodedFrame>(&*read.answer);
  return frame == nullptr ? nullptr : std::get_if<codec::Response>(&frame->message);
}

std::optional<codec::Response> read_alone(const MalformedFrame& frame) {
  if (frame.error.stage == Stage::kFraming || frame.bytes.size() < pdu_offset(frame)) {
    return std::nullopt;
  }
  auto alone = codec::decode_response_unpaired(
      std::span<const std::byte>(frame.bytes).subspan(pdu_offset(frame)));
  if (!alone) return std::nullopt;
  return *alone;
}

std::vector<std::span<const std::byte>> frames_back_to_back(std::span<const std::byte> bytes) {
  std::vector<std::span<const std::byte>> frames;
  while (!bytes.empty()) {
    const auto framed = codec::frame_adu(bytes);
    const auto* adu = std::get_if<codec::FramedAdu>(&framed);
    if (adu == nullptr) return {};
    frames.push_back(bytes.first(adu->size));
    bytes = bytes.subspan(adu->size);
  }
  return frames;
}

std::string headline(const DecodedFrame& frame) {
  const std::uint8_t byte = message_function(frame.message);
  if (const auto* response = std::get_if<codec::Response>(&frame.message)) {
    if (const auto* e = std::get_if<codec::ExceptionResponse>(response)) {
      return fmt::format("exception response to {}: {:02X} {}", codec::function_name(e->function),
                         codec::to_byte(e->code), codec::name(e->code));
    }
  }
  return fmt::format("{} {} (function 0x{:02X})", codec::function_name(byte),
                     kind_of(frame.message), byte);
}

std::vector<std::string> notes(const DecodedFrame& frame) {
  std::vector<std::string> notes;
  const std::uint8_t byte = message_function(frame.message);
  if (frame.also_response) {
    if (echoes_its_request(byte)) {
      notes.push_back(
          fmt::format("the same bytes are also the response: {} answers by echoing its request",
                      codec::function_name(byte)));
    } else {
      notes.push_back(
          fmt::format("the same bytes also form a valid response, {}; give "
                      "--response-to REQUEST to decode them as one",
                      summary(*frame.also_response)));
    }
  }
  const auto* response = std::get_if<codec::Response>(&frame.message);
  if (response != nullptr && !frame.answers) {
    notes.push_back(
        fmt::format("decoded without its request: --response-to REQUEST also checks {}{}",
                    is_exception(*response) ? "that the request has this function"
                                            : "the amount of data or the echo",
                    frame.mbap ? ", and the transaction and unit ids" : ""));
  }
  return notes;
}
}  // namespace mbh::exchange
