#pragma once
// A codec error located in the frame as given and explained from its bytes: which field is at
// fault, how wide it is, and what was expected against what came ("byte count 5 disagrees with
// quantity 3 (expected 6)"). The one explainer of codec errors: `decode`, `send`, the reports
// and the conformance session all say what is wrong with a frame through it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/pdu_types.hpp"

namespace mbh::exchange {

// The request a response is read against.
struct ReferenceRequest {
  codec::Request request;
  std::optional<codec::MbapHeader> mbap;  // absent for a bare PDU
};

// Where in reading a frame an error showed.
enum class Stage {
  kFraming,        // the MBAP header, or its length against the bytes that follow
  kRequest,        // the PDU read as a request
  kResponse,       // the PDU read as a response
  kPairing,        // the response PDU against the request it should answer
  kHeaderPairing,  // the response's MBAP header against the request's
};

std::string_view stage_id(Stage stage);  // "framing", "header-pairing"...
bool in_pdu(Stage stage);                // the error's offset counts from the PDU

// One error, located in the frame as given and explained.
struct FrameError {
  Stage stage;
  codec::DecodeError error;  // offset into the frame as given (MBAP included)
  std::size_t width = 1;     // bytes of the field at fault; 0 when bytes are missing
  std::string detail;        // "byte count 5 disagrees with quantity 3 (expected 6)"
};

// What explain() needs besides the error: the frame, where its PDU starts, and the request a
// response was paired with.
struct ErrorContext {
  std::span<const std::byte> frame;
  std::size_t pdu_offset = 0;  // codec::kMbapSize for an ADU, 0 for a PDU
  const ReferenceRequest* answers = nullptr;
  // What a request that does not decode still says, for an answer read against it: its
  // header and function byte.
  std::optional<std::uint8_t> asked_function;
  std::optional<codec::MbapHeader> asked_mbap;
};

// Locates (PDU offsets become frame offsets) and explains a codec error from the bytes.
FrameError explain(Stage stage, codec::DecodeError error, const ErrorContext& context);

// What the frame was read as when the error showed: "Modbus TCP frame", "Read Holding
// Registers response", "exception response to Write Single Coil".
std::string reading_name(const FrameError& error, std::span<const std::byte> frame,
                         std::size_t pdu_offset);

}  // namespace mbh::exchange
