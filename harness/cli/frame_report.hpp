#pragma once
// What `mbharness decode` found in one frame, rendered for a terminal and as JSON (keys in a
// reading order). Pure: the decode command decides what the bytes are; these only say it.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/pdu_types.hpp"

namespace mbh::cli {

// The request a response was decoded against (--response-to).
struct ReferenceRequest {
  codec::Request request;
  std::optional<codec::MbapHeader> mbap;  // absent with --pdu
};

// A well-formed frame.
struct DecodedFrame {
  std::vector<std::byte> bytes;  // as given: an ADU, or a PDU with --pdu
  std::optional<codec::MbapHeader> mbap;
  std::variant<codec::Request, codec::Response> message;
  std::optional<ReferenceRequest> answers;  // the request a response was checked against
  // A request whose bytes also form a valid response (FC 05, 06 and 22 echo their request):
  // decoded unpaired, the same bytes are both.
  std::optional<codec::Response> also_response;
};

// Where in decoding a frame an error showed.
enum class Stage {
  kFraming,        // the MBAP header, or its length against the bytes that follow
  kRequest,        // the PDU read as a request
  kResponse,       // the PDU read as a response
  kPairing,        // the response PDU against the request it should answer
  kHeaderPairing,  // the response's MBAP header against the request's
};

// One decode error, located in the frame as given and explained.
struct FrameError {
  Stage stage;
  codec::DecodeError error;  // offset into the frame as given (MBAP included)
  std::size_t width = 1;     // bytes of the field at fault; 0 when bytes are missing
  std::string detail;        // "byte count 5 disagrees with quantity 3 (expected 6)"
};

// A malformed frame: the error of the likelier reading, and the other reading's error when
// the frame was tried as both a request and a response.
struct MalformedFrame {
  std::vector<std::byte> bytes;
  std::optional<codec::MbapHeader> mbap;  // when the header could be read
  FrameError error;
  std::optional<FrameError> alternative;
  std::optional<ReferenceRequest> answers;
};

// What explain() needs besides the error: the frame, where its PDU starts, and the request a
// response was paired with.
struct ErrorContext {
  std::span<const std::byte> frame;
  std::size_t pdu_offset = 0;  // kMbapSize for an ADU, 0 for a PDU
  const ReferenceRequest* answers = nullptr;
};

// Locates (PDU offsets become frame offsets) and explains a codec error from the bytes.
FrameError explain(Stage stage, codec::DecodeError error, const ErrorContext& context);

std::string render_text(const DecodedFrame& frame);
std::string render_text(const MalformedFrame& frame);
nlohmann::ordered_json render_json(const DecodedFrame& frame);
nlohmann::ordered_json render_json(const MalformedFrame& frame);

// 16 bytes a line with offsets; carets under [offset, offset + width), or after the last byte
// when the offset is the frame's end (bytes missing).
std::string hex_dump(std::span<const std::byte> bytes, std::size_t offset, std::size_t width);

}  // namespace mbh::cli
