#pragma once
// R-MBAP on one answer: its header echoes the request's, its length counts the bytes that
// follow, an exception carries function code + 0x80, its PDU answers the request.
#include <optional>
#include <string>

#include "conformance/probe.hpp"

namespace mbh::conformance {

struct FramingProblem {
  std::string kind;  // "transaction id", "protocol id", "unit id", "MBAP length", "framing",
                     // "exception flag", "PDU"
  std::string message;
};

// What is wrong with the framing of the probe's answer, or nothing (also when none came).
std::optional<FramingProblem> framing_problem(const Probe& probe);

}  // namespace mbh::conformance
