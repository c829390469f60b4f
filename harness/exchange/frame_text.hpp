#pragma once
// A frame as read (frame_reading.hpp) in words for a terminal: every field with its value in
// decimal and hex and what it means, or what is wrong with it and where, the bytes dumped with
// carets under the fault.
#include <cstddef>
#include <span>
#include <string>

#include "harness/exchange/frame_error.hpp"
#include "harness/exchange/frame_reading.hpp"

namespace mbh::exchange {

std::string render_text(const DecodedFrame& frame);
std::string render_text(const MalformedFrame& frame);
std::string render_text(const FrameReading& frame);

// One line for a report: what is wrong, where and why, in the words render_text() uses:
// "byte count mismatch at byte 8 (PDU byte 1): byte count 5 disagrees with quantity 3
// (expected 6)".
std::string error_line(const FrameError& error, std::size_t pdu_offset);

// What is wrong with an answer, in one line for a command's message: "the answer's MBAP header
// does not match the request: response unit id is not the request's at byte 6 (...): ...".
std::string answer_problem(const MalformedFrame& answer);

// 16 bytes a line with offsets; carets under [offset, offset + width), or after the last byte
// when the offset is the frame's end (bytes missing).
std::string hex_dump(std::span<const std::byte> bytes, std::size_t offset, std::size_t width);

}  // namespace mbh::exchange
