#include "conformance/probe.hpp"

#include <fmt/format.h>

#include <variant>

#include "harness/codec/function_code.hpp"

namespace mbh::conformance {

bool Probe::accepted() const {
  return response && !std::holds_alternative<codec::ExceptionResponse>(*response);
}

std::string Probe::outcome() const {
  if (!problem.empty()) return problem;
  if (!response) return "no answer";
  if (const auto* e = std::get_if<codec::ExceptionResponse>(&*response)) {
    return fmt::format("exception {:02X} ({})", codec::to_byte(e->code), codec::name(e->code));
  }
  return "a normal answer";
}

std::optional<std::vector<std::uint16_t>> Probe::registers() const {
  if (!response) return std::nullopt;
  if (const auto* r = std::get_if<codec::ReadHoldingRegistersResponse>(&*response)) {
    return std::vector<std::uint16_t>(r->values.begin(), r->values.end());
  }
  if (const auto* r = std::get_if<codec::ReadInputRegistersResponse>(&*response)) {
    return std::vector<std::uint16_t>(r->values.begin(), r->values.end());
  }
  return std::nullopt;
}

}  // namespace mbh::conformance
