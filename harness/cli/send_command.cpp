#include "harness/cli/send_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <span>
#include <variant>

#include "harness/cli/capture_option.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/hex_input.hpp"
#include "harness/cli/interrupt_flag.hpp"
#include "harness/cli/json_output.hpp"
#include "harness/cli/send_journal.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/exchange/frame_json.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"

namespace mbh::cli {
namespace {

using json = nlohmann::ordered_json;
using exchange::DecodedFrame;
using exchange::MalformedFrame;
using Frame = exchange::FrameReading;

// ---- Judging an exchange -------------------------------------------------------------------

struct Outcome {
  client::ClientExchange exchange;
  exchange::ExchangeReading read;  // the answer read only when framed (kAnswered, kMalformed)
  bool answered = false;           // a well-formed answer to the request
  std::string problem;             // why not, when not
  std::optional<PduWrite> writes;  // the holding registers the PDU writes
};

Outcome judge(client::ClientExchange exchange, std::optional<PduWrite> writes) {
  const bool framed = exchange.status == client::ExchangeStatus::kAnswered ||
                      exchange.status == client::ExchangeStatus::kMalformed;
  auto read = exchange::read_exchange(
      exchange.request,
      framed ? std::span<const std::byte>(exchange.response) : std::span<const std::byte>());
  Outcome outcome{std::move(exchange), std::move(read), false, {}, std::move(writes)};
  const auto& ex = outcome.exchange;
  if (ex.status != client::ExchangeStatus::kAnswered) {
    outcome.problem = ex.error;
  } else if (const auto* bad = std::get_if<MalformedFrame>(&*outcome.read.answer)) {
    outcome.problem = fmt::format("the answer does not answer the request: {}",
                                  exchange::error_line(bad->error, exchange::pdu_offset(*bad)));
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
  std::string text = exchange::render_text(frame);
  const std::string marker = fmt::format("note: {}", kDecodeNote);
  if (const auto at = text.find(marker); at != std::string::npos) {
    const auto end = text.find('\n', at);
    text.replace(at, end == std::string::npos ? std::string::npos : end - at,
                 fmt::format("note: {}", kSendNote));
  }
  return text;
}

json frame_json(const Frame& frame) {
  json out = exchange::render_json(frame);
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
  out << fmt::format("== request {} of {}{} ==\n", index + 1, count,
                     outcome.writes ? ": writes " + write_text(*outcome.writes) : "");
  if (ex.request.empty()) {
    out << fmt::format("not sent: {}\n\n", ex.error);
    return;
  }
  out << frame_text(outcome.read.request) << '\n';
  if (ex.status == client::ExchangeStatus::kAnswered) {
    out << fmt::format("== answer to request {}, after {:.3f} ms ==\n", index + 1,
                       milliseconds(ex.elapsed));
    out << frame_text(*outcome.read.answer);
  } else {
    out << fmt::format("== no answer to request {} ({}, after {:.3f} ms) ==\n{}\n", index + 1,
                       client::status_name(ex.status), milliseconds(ex.elapsed), ex.error);
    if (outcome.read.answer) {
      out << '\n' << frame_text(*outcome.read.answer);
    } else if (!ex.response.empty()) {
      out << fmt::format("received {} byte{}: {}\n", ex.response.size(),
                         ex.response.size() == 1 ? "" : "s", to_hex(ex.response));
    }
  }
  out << '\n';
}

json outcome_json(const Outcome& outcome) {
  const auto& ex = outcome.exchange;
  json entry = {
      {"status", client::status_name(ex.status)},
      {"answered", outcome.answered},
      {"transaction_id", ex.transaction_id},
      {"elapsed_us", ex.elapsed.count()},
      {"request", ex.request.empty() ? json(nullptr) : frame_json(outcome.read.request)},
      {"response", outcome.read.answer ? frame_json(*outcome.read.answer) : json(nullptr)},
      {"received", ex.response.empty() ? json(nullptr) : json(to_hex(ex.response))},
      {"error", outcome.problem.empty() ? json(nullptr) : json(outcome.problem)},
      {"writes", json(nullptr)}};
  if (const auto& w = outcome.writes) {
    entry["writes"] = {{"space", "holding"},
                       {"first", w->address},
                       {"last", w->last()},
                       {"count", w->count},
                       {"well_formed", w->well_formed}};
  }
  return entry;
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

int send_usage(std::string_view message, bool json_out, std::ostream& out, std::ostream& err) {
  return usage_error("send", message, json_out, out, err);
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
  send->add_flag("--allow-destructive", options.allow_destructive,
                 "allow FC 08 sub-functions 0001 (Restart Communications) and 0004 (Force Listen "
                 "Only Mode), which cut the device off its network (RULES.md)");
  send->add_flag("--restore", options.restore,
                 "After the last PDU, write back the original of every holding register the "
                 "PDUs wrote and read it back (exit 4 when one is not back)");
  send->add_option("--journal", options.journal,
                   "The write journal: the original of every register a PDU writes, on disk "
                   "before the PDU goes out (default: a new mbharness-journal-*.jsonl here, "
                   "printed before the first write)")
      ->type_name("FILE");
  add_capture_option(*send, options.pcap);
  send->footer(
      "PDUs are sent as given, well formed or not, each with the next transaction id.\n"
      "A PDU with function code 06, 16, 22 or 23 writes holding registers: before it goes out, "
      "their originals are read (FC 03) and appended to the write journal; without --restore "
      "they are left as written, and `mbharness restore JOURNAL` puts them back. SIGINT, "
      "SIGTERM or SIGHUP stop the sending, and what was written is put back.\n"
      "Exit status: 0 every request got a well-formed answer to it (an exception response is "
      "one), 1 any did not (or the journal could not be written: nothing more sent), 2 usage "
      "error (bad hex, target or --journal), 3 target unreachable, 4 a value written could not "
      "be put back, 130 interrupted (what was written put back).\n\n"
      "Examples:\n"
      "  mbharness send --target 127.0.0.1:5020 --unit 230 --pdu 03:9C:41:00:01\n"
      "  mbharness send --target 127.0.0.1:5020 --unit 50 --restore --pdu 06:00:50:00:05");
}

namespace {

std::string restore_item_text(const SendRestoreItem& item) {
  return fmt::format("holding {} [{}]: {}: {}", item.address, fmt::join(item.original, " "),
                     item.restored ? "restored" : "NOT RESTORED", item.how);
}

json restore_json(const std::vector<SendRestoreItem>& items) {
  json array = json::array();
  for (const auto& item : items) {
    array.push_back({{"space", "holding"},
                     {"address", item.address},
                     {"original", item.original},
                     {"restored", item.restored},
                     {"how", item.how}});
  }
  return array;
}

std::string_view signal_name(int number) {
  switch (number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "a signal";
  }
}

}  // namespace

int run_send(const SendOptions& options, std::ostream& out, std::ostream& err) {
  const auto target = client::parse_target(options.target);
  if (!target) return send_usage(target.error(), options.json, out, err);

  std::vector<std::vector<std::byte>> pdus;
  std::vector<std::optional<PduWrite>> writes;
  for (std::size_t i = 0; i < options.pdus.size(); ++i) {
    const std::string text = joined(options.pdus[i]);
    auto bytes = parse_hex(text);
    if (!bytes) {
      const int status = send_usage(fmt::format("--pdu {}: {}", i + 1, message(bytes.error())),
                                    options.json, out, err);
      if (bytes.error().kind != HexErrorKind::kEmpty) err << pointer(bytes.error(), text);
      return status;
    }
    pdus.push_back(std::move(bytes).value());
    writes.push_back(write_of(pdus.back()));
    // RULES.md: Restart Communications (08 0001) and Force Listen Only Mode (08 0004) cut the
    // device off its network; no subcommand sends them without --allow-destructive.
    const auto& pdu = pdus.back();
    if (!options.allow_destructive && pdu.size() >= 3 && pdu[0] == std::byte{0x08} &&
        pdu[1] == std::byte{0x00} && (pdu[2] == std::byte{0x01} || pdu[2] == std::byte{0x04})) {
      return send_usage(
          fmt::format(
              "--pdu {}: FC 08 sub-function 00{:02X} ({}) is destructive: only "
              "with --allow-destructive",
              i + 1, std::to_integer<unsigned>(pdu[2]),
              pdu[2] == std::byte{0x01} ? "Restart Communications" : "Force Listen Only Mode"),
          options.json, out, err);
    }
  }

  const std::string target_text = client::target_text(*target);
  SendJournal journal(options.journal,
                      journal::JournalHeader{options.version, "send", "", target_text, options.unit,
                                             journal::utc_now_iso8601()},
                      target_text, options.unit, err);
  const bool may_write = std::ranges::any_of(writes, [](const auto& w) { return w.has_value(); });
  if (may_write) {
    if (auto problem = journal.load()) return send_usage(*problem, options.json, out, err);
  }

  RunCapture capture("send", err);
  if (auto problem = capture.open(options.pcap))
    return send_usage(*problem, options.json, out, err);

  const InterruptFlag interrupt;
  const std::chrono::milliseconds timeout(options.timeout_ms);
  client::ModbusClient client(*target, {.connect_timeout = timeout,
                                        .response_timeout = timeout,
                                        .rate = 0,
                                        .interrupt = interrupt.flag(),
                                        .tap = capture.tap()});
  std::vector<Outcome> outcomes;
  bool journal_failed = false;
  for (std::size_t i = 0; i < pdus.size() && !interrupt.raised(); ++i) {
    if (writes[i]) {
      const auto prepared = journal.prepare(client, *writes[i]);
      if (prepared == SendJournal::Prepared::kStopped) break;
      if (prepared == SendJournal::Prepared::kJournalFailed) {
        journal_failed = true;
        break;
      }
      if (interrupt.raised()) break;
    }
    outcomes.push_back(judge(client.exchange(options.unit, pdus[i]), writes[i]));
    const Outcome& outcome = outcomes.back();
    const auto& ex = outcome.exchange;
    if (outcomes.size() == 1 && ex.status == client::ExchangeStatus::kConnectFailed &&
        journal.journalled() == 0) {
      journal.end();
      err << fmt::format("mbharness send: {}\n", ex.error);
      if (options.json) {
        print_json(out, {{"target", target_text},
                         {"unit", options.unit},
                         {"exchanges", json::array()},
                         {"error", ex.error}});
      }
      return kUnreachable;
    }
    if (writes[i] && outcome.answered) {
      const auto& frame = std::get<DecodedFrame>(*outcome.read.answer);
      const auto* response = std::get_if<codec::Response>(&frame.message);
      if (response != nullptr && !std::holds_alternative<codec::ExceptionResponse>(*response)) {
        journal.written(*writes[i]);
      }
    }
  }
  const bool interrupted = interrupt.raised();
  if (interrupted) {
    err << fmt::format("mbharness send: interrupted by {}: nothing more sent\n",
                       signal_name(interrupt.signal_number()));
  }
  if (journal_failed) {
    err << fmt::format("mbharness send: {}; PDU {} and those after it were not sent\n",
                       journal.journal_error(), outcomes.size() + 1);
  }

  const auto answered = static_cast<std::size_t>(
      std::ranges::count_if(outcomes, [](const Outcome& o) { return o.answered; }));
  if (!options.json) {
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      print_text(outcomes[i], i, pdus.size(), out);
    out << fmt::format("{} of {} request{} answered ({}, unit {})\n", answered, outcomes.size(),
                       outcomes.size() == 1 ? "" : "s", target_text, options.unit);
    if (outcomes.size() < pdus.size()) {
      out << fmt::format("{} of {} PDU{} not sent\n", pdus.size() - outcomes.size(), pdus.size(),
                         pdus.size() == 1 ? "" : "s");
    }
    out.flush();
  }

  // Put back what was written: asked for, or the run was cut short. A second signal ends the
  // restore's waits and stops it.
  std::optional<std::vector<SendRestoreItem>> restored;
  if ((options.restore || interrupted) && journal.journalled() > 0) {
    const auto restore_timeout = std::min(timeout, std::chrono::milliseconds(2000));
    if (!options.json) {
      out << fmt::format("putting back {} register(s) (journal {}):\n", journal.journalled(),
                         journal.path());
      out.flush();
    }
    restored = journal.restore(*target, restore_timeout, interrupt.abort_flag(), capture.tap());
  } else {
    journal.end();
  }
  const bool all_back =
      !restored || std::ranges::all_of(*restored, [](const auto& item) { return item.restored; });
  const std::string left_note =
      !restored && journal.journalled() > 0
          ? fmt::format(
                "{} register(s) written and left as written; `mbharness restore {}` puts them "
                "back",
                journal.journalled(), journal.path())
          : "";

  if (options.json) {
    json exchanges = json::array();
    for (const auto& outcome : outcomes)
      exchanges.push_back(outcome_json(outcome));
    json report = {{"target", target_text},
                   {"unit", options.unit},
                   {"sent", outcomes.size()},
                   {"answered", answered},
                   {"exchanges", exchanges},
                   {"interrupted", interrupted},
                   {"journal", journal.opened() ? json(journal.path()) : json(nullptr)},
                   {"journalled", journal.journalled()},
                   {"restore", restored ? restore_json(*restored) : json(nullptr)}};
    if (journal_failed) report["error"] = journal.journal_error();
    print_json(out, report);
    if (!left_note.empty()) err << "mbharness send: " << left_note << '\n';
  } else {
    if (restored) {
      for (const auto& item : *restored)
        out << "  " << restore_item_text(item) << '\n';
    }
    if (!left_note.empty()) out << left_note << '\n';
  }
  if (!all_back) {
    err << fmt::format(
        "mbharness send: some registers written are not back: the journal {} still holds them; "
        "`mbharness restore {}` once the device answers\n",
        journal.path(), journal.path());
    return kNotRestored;
  }
  if (interrupted) return kInterrupted;
  if (journal_failed) return kViolation;
  return answered == outcomes.size() ? kOk : kViolation;
}

}  // namespace mbh::cli
