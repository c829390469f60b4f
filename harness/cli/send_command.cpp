#include "harness/cli/send_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <span>
#include <variant>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/frame_report.hpp"
#include "harness/cli/hex_input.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::cli {
namespace {

using json = nlohmann::ordered_json;
using Frame = std::variant<DecodedFrame, MalformedFrame>;

// ---- Judging an exchange -------------------------------------------------------------------

std::optional<codec::MbapHeader> header_of(std::span<const std::byte> bytes) {
  if (bytes.size() < codec::kMbapSize) return std::nullopt;
  return codec::decode_mbap(bytes.first<codec::kMbapSize>());
}

MalformedFrame malformed(std::span<const std::byte> bytes, Stage stage, codec::DecodeError error,
                         const ReferenceRequest* answers) {
  const ErrorContext context{bytes, codec::kMbapSize, answers};
  MalformedFrame out{{bytes.begin(), bytes.end()},
                     header_of(bytes),
                     explain(stage, error, context),
                     std::nullopt,
                     std::nullopt};
  if (answers != nullptr) out.answers = *answers;
  return out;
}

// The request as sent, decoded, or what is wrong with it (perhaps sent so on purpose); and
// the request to pair the answer with when it is valid.
struct SentRequest {
  Frame frame;
  std::optional<ReferenceRequest> reference;
};

SentRequest judge_request(std::span<const std::byte> bytes) {
  const auto adu = codec::decode_adu(bytes);
  if (!adu) return {malformed(bytes, Stage::kFraming, adu.error(), nullptr), std::nullopt};
  const auto request = codec::decode_request(adu->pdu);
  if (!request) return {malformed(bytes, Stage::kRequest, request.error(), nullptr), std::nullopt};
  return {
      DecodedFrame{{bytes.begin(), bytes.end()}, adu->header, *request, std::nullopt, std::nullopt},
      ReferenceRequest{*request, adu->header}};
}

// The answer in a client's order, as `decode --response-to` reads it: framing, the MBAP
// pairing, then the PDU against the request. A malformed request's answer can only be read on
// its own; it must still be for the request's function (an exception, most likely).
Frame judge_answer(std::span<const std::byte> answer, std::span<const std::byte> request,
                   const SentRequest& sent) {
  const ReferenceRequest* reference = sent.reference ? &*sent.reference : nullptr;
  const auto adu = codec::decode_adu(answer);
  if (!adu) return malformed(answer, Stage::kFraming, adu.error(), reference);
  if (const auto request_header = header_of(request)) {
    if (auto error = codec::check_answers(adu->header, *request_header)) {
      return malformed(answer, Stage::kHeaderPairing, *error, reference);
    }
  }
  if (reference != nullptr) {
    const auto response = codec::decode_response(adu->pdu, reference->request);
    if (!response) {
      const Stage stage =
          codec::decode_response_unpaired(adu->pdu).ok() ? Stage::kPairing : Stage::kResponse;
      return malformed(answer, stage, response.error(), reference);
    }
    return DecodedFrame{
        {answer.begin(), answer.end()}, adu->header, *response, *reference, std::nullopt};
  }
  const auto response = codec::decode_response_unpaired(adu->pdu);
  if (!response) return malformed(answer, Stage::kResponse, response.error(), nullptr);
  if (request.size() > codec::kMbapSize) {
    const auto asked = std::to_integer<std::uint8_t>(request[codec::kMbapSize]);
    const auto function =
        static_cast<std::uint8_t>(codec::function_byte(*response) & ~codec::kExceptionFlag);
    if (function != asked) {
      return malformed(answer, Stage::kPairing, {codec::CodecError::kFunctionMismatch, 0}, nullptr);
    }
  }
  return DecodedFrame{
      {answer.begin(), answer.end()}, adu->header, *response, std::nullopt, std::nullopt};
}

struct Outcome {
  client::ClientExchange exchange;
  SentRequest sent;
  std::optional<Frame> answer;  // kAnswered, and kMalformed (its framing error)
  bool answered = false;        // a well-formed answer to the request
  std::string problem;          // why not, when not
};

Outcome judge(client::ClientExchange exchange) {
  SentRequest sent = judge_request(exchange.request);
  Outcome outcome{std::move(exchange), std::move(sent), std::nullopt, false, {}};
  const auto& ex = outcome.exchange;
  const bool framed = ex.status == client::ExchangeStatus::kAnswered ||
                      ex.status == client::ExchangeStatus::kMalformed;
  if (framed && !ex.response.empty()) {
    outcome.answer = judge_answer(ex.response, ex.request, outcome.sent);
  }
  if (ex.status != client::ExchangeStatus::kAnswered) {
    outcome.problem = ex.error;
  } else if (const auto* bad = std::get_if<MalformedFrame>(&*outcome.answer)) {
    outcome.problem = fmt::format("the answer does not answer the request: {}",
                                  codec::message(bad->error.error.code));
  } else {
    outcome.answered = true;
  }
  return outcome;
}

// ---- Output --------------------------------------------------------------------------------

// The decode command's note on a response decoded without its request points to
// --response-to, which means nothing here: send checked what a malformed request allows.
constexpr std::string_view kDecodeNote = "decoded without its request";
constexpr std::string_view kSendNote =
    "the request is malformed, so the answer is checked only for its transaction id, unit id "
    "and function";

std::string frame_text(const Frame& frame) {
  std::string text = std::visit([](const auto& f) { return render_text(f); }, frame);
  const std::string marker = fmt::format("note: {}", kDecodeNote);
  if (const auto at = text.find(marker); at != std::string::npos) {
    const auto end = text.find('\n', at);
    text.replace(at, end == std::string::npos ? std::string::npos : end - at,
                 fmt::format("note: {}", kSendNote));
  }
  return text;
}

json frame_json(const Frame& frame) {
  json out = std::visit([](const auto& f) { return render_json(f); }, frame);
  if (auto notes = out.find("notes"); notes != out.end() && notes->is_array()) {
    for (auto& note : *notes) {
      if (note.is_string() && note.get<std::string>().starts_with(kDecodeNote)) note = kSendNote;
    }
  }
  return out;
}

double milliseconds(std::chrono::microseconds elapsed) {
  return static_cast<double>(elapsed.count()) / 1000.0;
}

void print_text(const Outcome& outcome, std::size_t index, std::size_t count, std::ostream& out) {
  const auto& ex = outcome.exchange;
  out << fmt::format("== request {} of {} ==\n", index + 1, count);
  if (ex.request.empty()) {
    out << fmt::format("not sent: {}\n\n", ex.error);
    return;
  }
  out << frame_text(outcome.sent.frame) << '\n';
  if (ex.status == client::ExchangeStatus::kAnswered) {
    out << fmt::format("== answer to request {}, after {:.3f} ms ==\n", index + 1,
                       milliseconds(ex.elapsed));
    out << frame_text(*outcome.answer);
  } else {
    out << fmt::format("== no answer to request {} ({}, after {:.3f} ms) ==\n{}\n", index + 1,
                       client::status_name(ex.status), milliseconds(ex.elapsed), ex.error);
    if (outcome.answer) {
      out << '\n' << frame_text(*outcome.answer);
    } else if (!ex.response.empty()) {
      out << fmt::format("received {} byte{}: {}\n", ex.response.size(),
                         ex.response.size() == 1 ? "" : "s", to_hex(ex.response));
    }
  }
  out << '\n';
}

json outcome_json(const Outcome& outcome) {
  const auto& ex = outcome.exchange;
  json entry = {{"status", client::status_name(ex.status)},
                {"answered", outcome.answered},
                {"transaction_id", ex.transaction_id},
                {"elapsed_us", ex.elapsed.count()},
                {"request", ex.request.empty() ? json(nullptr) : frame_json(outcome.sent.frame)},
                {"response", outcome.answer ? frame_json(*outcome.answer) : json(nullptr)},
                {"received", ex.response.empty() ? json(nullptr) : json(to_hex(ex.response))},
                {"error", outcome.problem.empty() ? json(nullptr) : json(outcome.problem)}};
  return entry;
}

void print_json(std::ostream& out, const json& value) {
  out << value.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

// ---- Input ---------------------------------------------------------------------------------

std::string joined(const std::vector<std::string>& pieces) {
  std::string text;
  for (const auto& piece : pieces) {
    if (!text.empty()) text += ' ';
    text += piece;
  }
  return text;
}

int usage(std::string_view message, bool json_out, std::ostream& out, std::ostream& err) {
  err << "mbharness send: " << message << '\n';
  if (json_out) print_json(out, {{"error", message}});
  return kUsage;
}

}  // namespace

void setup_send(CLI::App& app, SendOptions& options) {
  CLI::App* send = app.add_subcommand(
      "send", "Send PDUs to a device and show each request and its answer, decoded");
  send->add_option("--target", options.target, "The device: HOST[:PORT], port 502 by default")
      ->required()
      ->type_name("HOST[:PORT]");
  send->add_option("--unit", options.unit, "Unit id (0..255)")->default_val(1)->type_name("N");
  send->add_option("--timeout", options.timeout_ms,
                   "Milliseconds to connect, and to wait for "
                   "each answer")
      ->default_val(1000)
      ->check(CLI::Range(1U, 3'600'000U))
      ->type_name("MS");
  send->add_option("--pdu", options.pdus,
                   "A request PDU as hex, function code first (03:9C:41:00:01, \"03 9C 41 00 "
                   "01\"); repeat for several, sent in order on one connection")
      ->required()
      ->type_name("HEX");
  send->add_flag("--json", options.json, "Print one JSON object instead of text");
  send->footer(
      "PDUs are sent as given, well formed or not, each with the next transaction id.\n"
      "Exit status: 0 every request got a well-formed answer to it (an exception response is "
      "one), 1 any did not, 2 usage error (bad hex or target), 3 target unreachable.\n\n"
      "Example:\n"
      "  mbharness send --target 127.0.0.1:5020 --unit 230 --pdu 03:9C:41:00:01");
}

int run_send(const SendOptions& options, std::ostream& out, std::ostream& err) {
  const auto target = client::parse_target(options.target);
  if (!target) return usage(target.error(), options.json, out, err);

  std::vector<std::vector<std::byte>> pdus;
  for (std::size_t i = 0; i < options.pdus.size(); ++i) {
    const std::string text = joined(options.pdus[i]);
    auto bytes = parse_hex(text);
    if (!bytes) {
      const int status =
          usage(fmt::format("--pdu {}: {}", i + 1, message(bytes.error())), options.json, out, err);
      if (bytes.error().kind != HexErrorKind::kEmpty) err << pointer(bytes.error(), text);
      return status;
    }
    pdus.push_back(std::move(bytes).value());
  }

  const std::chrono::milliseconds timeout(options.timeout_ms);
  client::ModbusClient client(*target, {.connect_timeout = timeout, .response_timeout = timeout});
  std::vector<Outcome> outcomes;
  for (const auto& pdu : pdus) {
    outcomes.push_back(judge(client.exchange(options.unit, pdu)));
    const auto& ex = outcomes.back().exchange;
    if (outcomes.size() == 1 && ex.status == client::ExchangeStatus::kConnectFailed) {
      err << fmt::format("mbharness send: {}\n", ex.error);
      if (options.json) {
        print_json(out, {{"target", client::target_text(*target)},
                         {"unit", options.unit},
                         {"exchanges", json::array()},
                         {"error", ex.error}});
      }
      return kUnreachable;
    }
  }

  const auto answered = static_cast<std::size_t>(
      std::ranges::count_if(outcomes, [](const Outcome& o) { return o.answered; }));
  if (options.json) {
    json exchanges = json::array();
    for (const auto& outcome : outcomes)
      exchanges.push_back(outcome_json(outcome));
    print_json(out, {{"target", client::target_text(*target)},
                     {"unit", options.unit},
                     {"sent", outcomes.size()},
                     {"answered", answered},
                     {"exchanges", exchanges}});
  } else {
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      print_text(outcomes[i], i, outcomes.size(), out);
    out << fmt::format("{} of {} request{} answered ({}, unit {})\n", answered, outcomes.size(),
                       outcomes.size() == 1 ? "" : "s", client::target_text(*target), options.unit);
  }
  return answered == outcomes.size() ? kOk : kViolation;
}

}  // namespace mbh::cli
