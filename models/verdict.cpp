// judge(): the oracle's verdict on what a device answered.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/oracle.hpp"

namespace mbh::models {
namespace {

std::string values_text(std::span<const std::uint16_t> values) {
  constexpr std::size_t kShown = 8;
  std::string text = "[";
  for (std::size_t i = 0; i < std::min(values.size(), kShown); ++i) {
    text += fmt::format("{}0x{:04X}", i == 0 ? "" : " ", values[i]);
  }
  if (values.size() > kShown) text += fmt::format(" ... ({} registers)", values.size());
  return text + "]";
}

std::string exception_text(codec::ExceptionCode code) {
  return fmt::format("exception {:02X} ({})", codec::to_byte(code), codec::name(code));
}

std::string outcome_text(const Outcome& outcome) {
  switch (outcome.kind) {
    case OutcomeKind::kData:
      if (outcome.values) {
        return fmt::format("{} {}", outcome.label.empty() ? "data" : outcome.label,
                           values_text(*outcome.values));
      }
      return outcome.label.empty() ? std::string("a normal response") : std::string(outcome.label);
    case OutcomeKind::kException:
      return exception_text(outcome.exception);
    case OutcomeKind::kAnyException:
      return "any exception";
    case OutcomeKind::kAnyAnswer:
      return outcome.label.empty() ? std::string("any answer") : std::string(outcome.label);
    case OutcomeKind::kNoAnswer:
      return "no answer";
  }
  return "?";
}

std::string expected_text(const Expectation& expectation) {
  std::string text;
  for (std::size_t i = 0; i < expectation.outcomes.size(); ++i) {
    if (i != 0) text += i + 1 == expectation.outcomes.size() ? " or " : ", ";
    text += outcome_text(expectation.outcomes[i]);
  }
  return text;
}

// The registers a normal response carries, for the reads that return registers.
std::optional<std::span<const std::uint16_t>> registers_of(const codec::Response& response) {
  if (const auto* r = std::get_if<codec::ReadHoldingRegistersResponse>(&response)) {
    return r->values.span();
  }
  if (const auto* r = std::get_if<codec::ReadInputRegistersResponse>(&response)) {
    return r->values.span();
  }
  if (const auto* r = std::get_if<codec::ReadWriteMultipleRegistersResponse>(&response)) {
    return r->values.span();
  }
  return std::nullopt;
}

std::string response_text(const codec::Response& response) {
  if (const auto* e = std::get_if<codec::ExceptionResponse>(&response)) {
    return exception_text(e->code);
  }
  if (auto registers = registers_of(response)) return "data " + values_text(*registers);
  return "a normal response";
}

bool matches(const Outcome& outcome, const codec::Response& response,
             const codec::Request* request) {
  const auto* exception = std::get_if<codec::ExceptionResponse>(&response);
  switch (outcome.kind) {
    case OutcomeKind::kException:
      return exception != nullptr && exception->code == outcome.exception;
    case OutcomeKind::kAnyException:
      return exception != nullptr;
    case OutcomeKind::kAnyAnswer:
      return true;
    case OutcomeKind::kNoAnswer:
      return false;
    case OutcomeKind::kData: {
      if (exception != nullptr || request == nullptr) return false;
      if (codec::check_answers(response, *request)) return false;
      if (!outcome.values) return true;
      const auto registers = registers_of(response);
      return registers && std::ranges::equal(*registers, *outcome.values);
    }
  }
  return false;
}

}  // namespace

Verdict judge(const Expectation& expectation, const codec::Request* request,
              const std::optional<codec::Response>& response) {
  auto verdict = [&](Status status, const std::string& observed) {
    std::string message = expectation.reason;
    if (status == Status::kPass || status == Status::kEither) {
      message += fmt::format(": got {}", observed);
    } else {
      message += fmt::format(": expected {}, got {}", expected_text(expectation), observed);
    }
    return Verdict{status, expectation.rule, expectation.level, std::move(message)};
  };
  if (!response) {
    for (const auto& outcome : expectation.outcomes) {
      if (outcome.kind == OutcomeKind::kNoAnswer) return verdict(outcome.status, "no answer");
    }
    // RULES.md: every rule implies the device answers within the timeout.
    return verdict(Status::kFail, "no answer within the timeout");
  }
  for (const auto& outcome : expectation.outcomes) {
    if (matches(outcome, *response, request)) {
      std::string observed = response_text(*response);
      if (!outcome.label.empty() && outcome.kind == OutcomeKind::kData) {
        observed += fmt::format(" ({})", outcome.label);
      }
      return verdict(outcome.status, observed);
    }
  }
  std::string observed = response_text(*response);
  if (request != nullptr && !std::holds_alternative<codec::ExceptionResponse>(*response)) {
    if (auto error = codec::check_answers(*response, *request)) {
      observed +=
          fmt::format(", which does not answer the request ({})", codec::message(error->code));
    }
  }
  return verdict(expectation.otherwise, observed);
}

Verdict judge_unusable(const Expectation& expectation, std::string_view observed) {
  return Verdict{expectation.otherwise, expectation.rule, expectation.level,
                 fmt::format("{}: expected {}, got {}", expectation.reason,
                             expected_text(expectation), observed)};
}

}  // namespace mbh::models
