#pragma once
// Reading a frame, and an exchange (a request and its answer), the way a client reads them:
// frame by the MBAP header, pair the answer's header with the request's, decode the PDU, and
// explain the first thing that is wrong (frame_error.hpp). Pure: `decode`, `send`, `read`, the
// conformance session, the reports and the fuzz targets all read bytes through here.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/exchange/frame_error.hpp"
#include "harness/exchange/frame_fields.hpp"

namespace mbh::exchange {

// A well-formed frame.
struct DecodedFrame {
  std::vector<std::byte> bytes;  // as given: an ADU, or a bare PDU
  std::optional<codec::MbapHeader> mbap;
  Message message;
  std::optional<ReferenceRequest> answers;  // the request a response was checked against
  // A request whose bytes also form a valid response (FC 05, 06 and 22 echo their request):
  // read unpaired, the same bytes are both.
  std::optional<codec::Response> also_response;
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

using FrameReading = std::variant<DecodedFrame, MalformedFrame>;

// An ADU's MBAP header as far as its bytes go: none when fewer than 7 came, whatever it holds
// otherwise (to show even when it is wrong).
std::optional<codec::MbapHeader> header_of(std::span<const std::byte> adu);

// Where a frame's PDU starts: after the MBAP header, or at 0 for a bare PDU.
std::size_t pdu_offset(const MalformedFrame& frame);

// A frame on its own, as a request and failing that as a response: a valid request is one
// (noting when the same bytes are also a response, as FC 05/06/22 echoes are); otherwise a
// valid response; otherwise the reading that got further names the error, the other's kept.
// `pdu`: the bytes are a bare PDU, with no MBAP header.
FrameReading read_frame(std::span<const std::byte> bytes, bool pdu);

// A response against its request, in a client's order: framing, the MBAP pairing
// (transaction, protocol, unit), the PDU alone, then the PDU against the request.
FrameReading read_answer(std::span<const std::byte> bytes, bool pdu,
                         const ReferenceRequest& answers);

// A frame that must be a valid request, to read answers against.
std::variant<ReferenceRequest, MalformedFrame> read_reference(std::span<const std::byte> bytes,
                                                              bool pdu);

// An exchange as a client saw it: the request as sent (perhaps malformed on purpose) and the
// answer read against it when the request is valid. A malformed request's answer can only be
// read on its own, and must still carry the request's function (an exception, most likely).
struct ExchangeReading {
  FrameReading request;
  std::optional<ReferenceRequest> reference;  // the request, when valid
  std::optional<FrameReading> answer;         // absent when nothing came back
};

// Whether the answer's MBAP header is paired with the request's (transaction and unit ids)
// before its PDU is read. A caller that judges the ids on its own (the conformance session's
// R-MBAP checks, the reports' marks) reads the PDU whatever the ids.
enum class HeaderPairing { kChecked, kSkipped };

ExchangeReading read_exchange(std::span<const std::byte> request, std::span<const std::byte> answer,
                              HeaderPairing pairing = HeaderPairing::kChecked);

// The response an exchange brought, read against its request: null when nothing came or the
// answer is malformed (its MalformedFrame says why).
const codec::Response* answered(const ExchangeReading& read);
const codec::Response* answered(ExchangeReading&&) = delete;  // it points into the reading

// A malformed answer's PDU read as a response on its own, when the frame frames and the PDU
// reads (a well-formed answer to another request: a register short, another function).
std::optional<codec::Response> read_alone(const MalformedFrame& frame);

// Several Modbus TCP frames back to back, each whole by its MBAP length (a log's run of
// frames, or a request and its answer pasted together); one frame or none otherwise.
std::vector<std::span<const std::byte>> frames_back_to_back(std::span<const std::byte> bytes);

// "Read Holding Registers request (function 0x03)", "exception response to ...: 02 ...".
std::string headline(const DecodedFrame& frame);
// What a reader should know beyond the fields: an echo that is also a response, a response
// read without its request.
std::vector<std::string> notes(const DecodedFrame& frame);

}  // namespace mbh::exchange
