#include "conformance/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <variant>

#include "conformance/frame_text.hpp"
#include "conformance/framing_check.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"
#include "models/model_text.hpp"

namespace mbh::conformance {
namespace {

using client::ExchangeStatus;
using models::Space;
using models::Status;

std::vector<std::byte> pdu_of(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> bytes{};
  const auto size = codec::encode_request(request, bytes);
  if (!size) return {};
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size.value())};
}

// The space a request addresses: FC 04 reads input registers, everything else holding ones.
std::optional<Space> space_of(std::span<const std::byte> pdu) {
  if (pdu.empty()) return std::nullopt;
  return std::to_integer<std::uint8_t>(pdu[0]) == 0x04 ? Space::kInput : Space::kHolding;
}

}  // namespace

Session::Session(DeviceChannel& channel, const ConformOptions& options, RunReport& report,
                 const std::atomic<bool>* interrupt, journal::JournalWriter* journal)
    : channel_(channel),
      options_(options),
      report_(report),
      interrupt_(interrupt),
      journal_file_(journal) {}

bool Session::open() {
  if (auto error = channel_.open()) {
    report_.unreachable = true;
    report_.stopped = *error;
    stopped_ = true;
    return false;
  }
  return true;
}

bool Session::interrupted() const {
  return interrupt_ != nullptr && interrupt_->load();
}

bool Session::stopped() const {
  return stopped_ || interrupted();
}

void Session::stop(std::string why) {
  if (!stopped_ && !report_.stopped) report_.stopped = std::move(why);
  stopped_ = true;
}

void Session::resume_for_restore(const std::atomic<bool>* abort) {
  restoring_ = true;
  abort_ = abort;
  channel_.prepare_restore();
}

bool Session::wants(models::RuleId rule) const {
  if (!level(rule)) return false;
  return options_.only.empty() || std::ranges::find(options_.only, rule) != options_.only.end();
}

std::optional<models::Level> Session::level(models::RuleId rule) const {
  return models::level_of(map(), rule);
}

std::optional<std::string> Session::write_refusal(const models::RegisterRow& row) const {
  using models::SafetyClass;
  if (options_.read_only) return "--read-only writes nothing";
  switch (row.safety) {
    case SafetyClass::kReadOnly:
      return "the register is read-only";
    case SafetyClass::kSetting:
      return std::nullopt;
    case SafetyClass::kActuating:
    case SafetyClass::kClock:
      if (options_.allow_actuation) return std::nullopt;
      return fmt::format("{} register: only with --allow-actuation",
                         models::safety_name(row.safety));
    case SafetyClass::kDestructive:
    case SafetyClass::kConnectivity:
      if (options_.allow_destructive) return std::nullopt;
      return fmt::format("{} register: only with --allow-destructive",
                         models::safety_name(row.safety));
    case SafetyClass::kCommand:
      return "written only by the configuration sequence";
  }
  return "unknown safety class";
}

Probe Session::send(const codec::Request& request, std::optional<std::uint8_t> unit,
                    std::optional<std::uint16_t> transaction_id) {
  const auto pdu = pdu_of(request);
  return send_pdu(pdu, unit, transaction_id);
}

Probe Session::send_pdu(std::span<const std::byte> pdu, std::optional<std::uint8_t> unit,
                        std::optional<std::uint16_t> transaction_id) {
  Probe p;
  p.unit = unit.value_or(options_.unit);
  p.pdu.assign(pdu.begin(), pdu.end());
  if (auto decoded = codec::decode_request(pdu)) p.request = decoded.value();
  if ((interrupted() || stopped_) && !restoring_) {
    p.exchange.status = ExchangeStatus::kInterrupted;
    p.problem = "not sent: the run had stopped";
    return p;
  }
  const bool ours = p.unit == options_.unit && p.request;
  if (ours) {
    if (auto refused = before_write(*p.request)) {
      stop(*refused);
      p.exchange.status = ExchangeStatus::kInterrupted;
      p.problem = "not sent: " + *refused;
      return p;
    }
  }
  p.exchange = channel_.exchange(p.unit, pdu, transaction_id);
  p.sent = true;
  if (on_exchange_) on_exchange_();
  note_discarded(p);
  if (!p.exchange.response.empty()) heard_ = true;
  if (p.exchange.status != ExchangeStatus::kAnswered) {
    p.problem = p.exchange.error;
    note_framing(p);
    note_transport(p, p.unit != options_.unit);
    return p;
  }
  // The ids are R-MBAP's to judge (note_framing), so the PDU is read whatever they are.
  const auto read = exchange::read_exchange(p.exchange.request, p.exchange.response,
                                            exchange::HeaderPairing::kSkipped);
  if (!read.answer) {  // answered with no bytes: not a frame a client can have taken in
    p.problem = "the answer's frame is malformed: it is empty";
    note_framing(p);
    note_transport(p, false);
    return p;
  }
  if (const auto* answer = std::get_if<exchange::DecodedFrame>(&*read.answer)) {
    p.response = std::get<codec::Response>(answer->message);
  } else {
    const auto& bad = std::get<exchange::MalformedFrame>(*read.answer);
    const std::string why = exchange::error_line(bad.error, exchange::pdu_offset(bad));
    if (bad.error.stage == exchange::Stage::kFraming) {
      p.problem = "the answer's frame is malformed: " + why;
      note_framing(p);
      note_transport(p, false);
      return p;
    }
    if (auto alone = exchange::read_alone(bad)) {
      // Well formed, but not an answer to this request (a register short, another function):
      // the check's own rule judges that, not R-MBAP.
      p.response = std::move(alone);
    } else {
      p.problem = (p.request ? "the answer's PDU does not answer the request: "
                             : "the answer's PDU is malformed: ") +
                  why;
    }
  }
  note_framing(p);
  consecutive_failures_ = 0;
  if (p.response) ++answers_;
  if (ours) after_write(*p.request, p);
  return p;
}

void Session::note_transport(const Probe& probe, bool silence_allowed) {
  if (probe.exchange.status == ExchangeStatus::kInterrupted) return;
  if (silence_allowed && probe.timed_out()) return;  // R-UNIT: no answer is one allowed outcome
  if (++consecutive_failures_ >= options_.give_up_after && !restoring_) {
    stop(
        fmt::format("the device stopped answering: {} requests in a row got no usable answer "
                    "(the last: {})",
                    consecutive_failures_, probe.problem));
  }
}

void Session::note_discarded(const Probe& probe) {
  const client::DiscardedFrames& discarded = probe.exchange.discarded;
  if (discarded.total() > 0) heard_ = true;  // the device answered, if not with the right id
  for (const client::DiscardedFrame& frame : discarded.kept) {
    auto problem = stray_problem(frame, probe);
    if (!problem) continue;
    const auto it = std::ranges::find(framing_, problem->kind, &FramingFinding::kind);
    if (it != framing_.end()) {
      if (&frame == discarded.first(frame.kind)) it->count += discarded.count(frame.kind);
      continue;
    }
    Probe example = probe;  // the frame, shown as the response to the request it came with
    example.exchange.response = frame.frame;
    framing_.push_back(FramingFinding{problem->kind, problem->message, std::move(example),
                                      discarded.count(frame.kind)});
  }
}

void Session::note_framing(const Probe& probe) {
  auto problem = framing_problem(probe);
  if (!problem) return;
  const auto it = std::ranges::find(framing_, problem->kind, &FramingFinding::kind);
  if (it != framing_.end()) {
    ++it->count;
    return;
  }
  framing_.push_back(FramingFinding{problem->kind, problem->message, probe, 1});
}

models::Verdict Session::judge(const models::Expectation& expectation, const Probe& probe) const {
  const codec::Request* request = probe.request ? &*probe.request : nullptr;
  if (probe.response) return models::judge(expectation, request, probe.response);
  if (probe.timed_out()) return models::judge(expectation, request, std::nullopt);
  return models::judge_unusable(expectation, probe.problem);
}

Probe Session::check(std::string name, const codec::Request& request,
                     std::optional<std::uint8_t> unit) {
  const auto pdu = pdu_of(request);
  return check_pdu(std::move(name), pdu, unit);
}

Probe Session::check_pdu(std::string name, std::span<const std::byte> pdu,
                         std::optional<std::uint8_t> unit) {
  Probe p = send_pdu(pdu, unit);
  if (!p.sent) return p;
  const auto expectation = models::expect_pdu(target(), p.unit, p.pdu, state_);
  record(judge(expectation, p), std::move(name), space_of(p.pdu), expectation.address, &p);
  if (p.request && p.response && p.unit == options_.unit) {
    models::remember(map(), *p.request, *p.response, state_);
  }
  return p;
}

std::string Session::reproduce(std::span<const Probe* const> steps) const {
  if (steps.empty()) return "";
  std::string command =
      fmt::format("mbharness send --target {} --unit {}", options_.target, steps.back()->unit);
  if (!options_.timeout_text.empty()) command += " " + options_.timeout_text;
  // A step that may write holding registers (FC 06, 16, 22 or 23, well formed or not: a lenient
  // device may take a malformed one) makes send journal the originals and put them back, so
  // that the command pasted against live plant leaves it as it found it.
  bool writes = false;
  for (const Probe* step : steps) {
    command += " --pdu " + hex_colons(step->pdu);
    if (!step->pdu.empty()) {
      const auto function = std::to_integer<std::uint8_t>(step->pdu.front());
      writes =
          writes || function == 0x06 || function == 0x10 || function == 0x16 || function == 0x17;
    }
  }
  if (writes) command += " --restore";
  return command;
}

void Session::record(const models::Verdict& verdict, std::string name,
                     std::optional<models::Space> space, std::optional<std::uint16_t> address,
                     const Probe* probe, std::span<const Probe* const> steps) {
  if (!wants(verdict.rule)) return;
  // The run stopped before the request went out: nothing was checked.
  if (probe != nullptr && !probe->sent) return;
  auto [id, unique_name] = ids_.take(verdict.rule, std::move(name));
  CheckRecord c{verdict.rule,
                verdict.level,
                verdict.status,
                std::move(unique_name),
                space,
                address,
                verdict.message,
                {},
                std::nullopt,
                "",
                {},
                std::move(id),
                std::nullopt};
  if (probe != nullptr && probe->sent) {
    c.request = probe->exchange.request;
    if (!probe->exchange.response.empty()) c.response = probe->exchange.response;
    c.elapsed = probe->exchange.elapsed;
    if (c.status != Status::kPass && c.status != Status::kSkip) {
      std::vector<const Probe*> all(steps.begin(), steps.end());
      all.push_back(probe);
      c.reproduce = reproduce(all);
    }
  }
  report_.checks.push_back(std::move(c));
}

void Session::record(models::RuleId rule, models::Status status, std::string name,
                     std::optional<models::Space> space, std::optional<std::uint16_t> address,
                     std::string message, const Probe* probe, std::span<const Probe* const> steps) {
  const auto l = level(rule);
  if (!l) return;
  record(models::Verdict{status, rule, *l, std::move(message)}, std::move(name), space, address,
         probe, steps);
}

void Session::skip(models::RuleId rule, std::string name, std::string why,
                   std::optional<models::Space> space, std::optional<std::uint16_t> address) {
  record(rule, Status::kSkip, std::move(name), space, address, std::move(why), nullptr);
}

std::optional<std::vector<std::uint16_t>> Session::read(models::Space space, std::uint16_t first,
                                                        std::uint16_t quantity) {
  const codec::Request request =
      space == Space::kInput ? codec::Request{codec::ReadInputRegistersRequest{first, quantity}}
                             : codec::Request{codec::ReadHoldingRegistersRequest{first, quantity}};
  const Probe p = send(request);
  auto registers = p.registers();
  if (registers && registers->size() != quantity) return std::nullopt;
  return registers;
}

}  // namespace mbh::conformance
