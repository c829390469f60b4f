#pragma once
// R-MBAP on one answer: its header echoes the request's, its length counts the bytes that
// follow, an exception carries function code + 0x80, its PDU answers the request. And on the
// frames the client discarded because they answered no request outstanding: an answer sent
// twice, an answer to a request never sent, a frame sent unasked.
#include <optional>
#include <string>
#include <string_view>

#include "conformance/probe.hpp"

namespace mbh::conformance {

struct FramingProblem {
  std::string kind;  // "transaction id", "protocol id", "unit id", "MBAP length", "framing",
                     // "exception flag", "PDU"; for a discarded frame, its kind:
                     // "duplicate answer", "answer to a request never sent", "frame sent unasked"
  std::string message;
};

// What is wrong with the framing of the probe's answer, or nothing (also when none came).
std::optional<FramingProblem> framing_problem(const Probe& probe);

// What is wrong with `frame`, discarded by the client during the probe's exchange; nothing for
// a late answer (the answer of a request that timed out: the device was slow, which the
// request's own check reports, not wrong).
std::optional<FramingProblem> stray_problem(const client::DiscardedFrame& frame,
                                            const Probe& probe);

// Whether a FramingProblem's kind is a discarded frame's (stray_problem's), not an answer's.
bool stray_kind(std::string_view kind);

}  // namespace mbh::conformance
