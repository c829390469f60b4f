// R-MBAP: the header of every answer echoes the request's transaction id, protocol id 0 and
// unit id, its length counts its bytes, an exception carries function code + 0x80; and the
// device sends nothing but one answer per request. A few probes at the start (transaction ids
// at the edges, an exception), and at the end one check per kind of framing problem seen in
// any answer of the run, and one per kind of frame the client discarded because it answered
// no request outstanding (an answer sent twice, one to a request never sent, one sent unasked),
// each showing the first such frame as its response and the request it came with.
#include <fmt/format.h>

#include <array>

#include "conformance/framing_check.hpp"
#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"

namespace mbh::conformance {

using models::RuleId;
using models::Space;
using models::Status;

namespace {

void probe(Session& session, std::string name, const codec::Request& request,
           std::uint16_t transaction_id, bool exception_expected) {
  const Probe p = session.send(request, std::nullopt, transaction_id);
  if (!p.sent) return;
  if (auto problem = framing_problem(p)) {
    session.record(RuleId::kMbap, Status::kFail, std::move(name), std::nullopt, std::nullopt,
                   problem->message, &p);
    return;
  }
  if (!p.response) {
    session.record(RuleId::kMbap, Status::kFail, std::move(name), std::nullopt, std::nullopt,
                   "no usable answer to check the header of: " + p.problem, &p);
    return;
  }
  const bool exception = std::holds_alternative<codec::ExceptionResponse>(*p.response);
  std::string message =
      fmt::format("the answer echoes transaction id {} (0x{:04X}), protocol id 0 and unit id {}",
                  transaction_id, transaction_id, p.unit);
  if (exception_expected && exception) {
    message += fmt::format(", and its exception carries function code {:02X} + 0x80",
                           std::get<codec::ExceptionResponse>(*p.response).function);
  }
  session.record(RuleId::kMbap, Status::kPass, std::move(name), std::nullopt, std::nullopt, message,
                 &p);
}

}  // namespace

void run_mbap_probes(Session& session) {
  const auto& map = session.map();
  const Space space = has_space(map, Space::kHolding) ? Space::kHolding : Space::kInput;
  const models::RegisterRow* row = first_row(map, space);
  if (row == nullptr) return;
  const auto count = static_cast<std::uint16_t>(row->type.register_count());
  const auto read = read_request(space, row->address, count);
  // Transaction ids at both ends of their range and one with only the high bit set: a
  // device that echoes a byte, or a signed id, shows it here.
  for (const std::uint16_t tid : std::array<std::uint16_t, 3>{0x0000, 0xFFFF, 0x8001}) {
    probe(session, fmt::format("transaction id 0x{:04X} echoed", tid), read, tid, false);
  }
  // An exception answer: a read of an address no row defines.
  const auto gap = unused_holding_address(map);
  probe(session, "exception answer framed", read_request(Space::kHolding, gap, 1), 0x0101, true);
}

void run_mbap_summary(Session& session) {
  const auto& findings = session.framing_findings();
  if (findings.empty()) {
    session.record(RuleId::kMbap, Status::kPass, "every answer framed", std::nullopt, std::nullopt,
                   fmt::format("all {} answers of the run echoed their request's MBAP header, "
                               "counted their bytes and decoded against their request, and no "
                               "frame came that answered no request outstanding",
                               session.answers()),
                   nullptr);
    return;
  }
  for (const FramingFinding& finding : findings) {
    if (stray_kind(finding.kind)) {
      session.record(RuleId::kMbap, Status::kFail, "no stray frames: " + finding.kind, std::nullopt,
                     std::nullopt,
                     fmt::format("{} ({} such frame{} in the run)", finding.message, finding.count,
                                 finding.count == 1 ? "" : "s"),
                     &finding.first);
      continue;
    }
    session.record(RuleId::kMbap, Status::kFail, "answers framed: " + finding.kind, std::nullopt,
                   std::nullopt,
                   fmt::format("{} ({} answer{} of the run had this problem)", finding.message,
                               finding.count, finding.count == 1 ? "" : "s"),
                   &finding.first);
  }
}

}  // namespace mbh::conformance
