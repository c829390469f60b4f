#include "harness/cli/read_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <variant>
#include <vector>

#include "conformance/register_requests.hpp"
#include "conformance/value_reading.hpp"
#include "harness/cli/capture_option.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/hex_input.hpp"
#include "harness/cli/json_output.hpp"
#include "harness/cli/map_argument.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"
#include "models/map_catalog.hpp"
#include "models/model_text.hpp"
#include "models/readout.hpp"

namespace mbh::cli {
namespace {

using json = nlohmann::ordered_json;

// ---- Reading -------------------------------------------------------------------------------

struct ReadError {
  conformance::PlannedRead read;
  std::string message;
  std::vector<std::byte> request;
  std::vector<std::byte> response;
};

struct Readout {
  std::vector<models::ReadoutEntry> entries;
  std::vector<ReadError> errors;
  std::vector<models::ValueIssue> structure;  // the checks across rows (SunSpec lengths)
  std::size_t answered = 0;
  std::size_t requests = 0;
};

// The registers an exchange brought, or why there are none.
std::variant<std::vector<std::uint16_t>, std::string> registers_of(
    const client::ClientExchange& sent) {
  if (sent.status != client::ExchangeStatus::kAnswered) return sent.error;
  const auto read = exchange::read_exchange(sent.request, sent.response);
  const codec::Response* response = exchange::answered(read);
  if (response == nullptr) {
    if (!read.answer) return std::string("the answer is empty");
    return exchange::answer_problem(std::get<exchange::MalformedFrame>(*read.answer));
  }
  if (const auto* refused = std::get_if<codec::ExceptionResponse>(response)) {
    return fmt::format("the device refused it: exception {:02X} ({})",
                       static_cast<unsigned>(refused->code), codec::name(refused->code));
  }
  // Paired with an FC 03 or 04 request, a valid answer is the same function's or an exception.
  if (const auto* holding = std::get_if<codec::ReadHoldingRegistersResponse>(response)) {
    return std::vector<std::uint16_t>(holding->values.begin(), holding->values.end());
  }
  if (const auto* input = std::get_if<codec::ReadInputRegistersResponse>(response)) {
    return std::vector<std::uint16_t>(input->values.begin(), input->values.end());
  }
  return std::string("the answer is not a register read");
}

struct Unreachable {
  std::string message;
};

std::variant<Readout, Unreachable> read_all(const models::RegisterMap& map,
                                            client::ModbusClient& client, std::uint8_t unit) {
  Readout readout;
  const auto plan = conformance::plan_reads(map);
  std::vector<conformance::RangeRegisters> brought;  // one per read of the plan
  brought.reserve(plan.size());
  std::optional<std::string> lost;  // the connection could not be reopened
  for (const auto& planned : plan) {
    brought.push_back({planned.range, {}});
    const codec::Request request = conformance::read_request(planned.range);
    if (lost) {
      readout.errors.push_back({planned, fmt::format("not read: {}", *lost), {}, {}});
      continue;
    }
    std::array<std::byte, codec::kMaxPduSize> pdu{};
    const auto size = codec::encode_request(request, pdu);
    const auto exchange = client.exchange(unit, std::span(pdu).first(size.ok() ? *size : 0));
    ++readout.requests;
    if (exchange.status == client::ExchangeStatus::kConnectFailed) {
      if (readout.requests == 1) return Unreachable{exchange.error};
      lost = exchange.error;
    }
    auto registers = registers_of(exchange);
    if (auto* message = std::get_if<std::string>(&registers)) {
      readout.errors.push_back({planned, std::move(*message), exchange.request, exchange.response});
      continue;
    }
    ++readout.answered;
    brought.back().registers = std::get<std::vector<std::uint16_t>>(std::move(registers));
  }
  auto values = conformance::read_values(map, brought);
  for (auto& entries : values.entries)
    std::ranges::move(entries, std::back_inserter(readout.entries));
  if (values.structure) readout.structure = std::move(*values.structure);
  return readout;
}

std::size_t issues_at(const Readout& readout, models::Level level) {
  std::size_t count = 0;
  const auto at_level = [level](const models::ValueIssue& issue) { return issue.level == level; };
  for (const auto& entry : readout.entries)
    count += static_cast<std::size_t>(std::ranges::count_if(entry.issues, at_level));
  count += static_cast<std::size_t>(std::ranges::count_if(readout.structure, at_level));
  return count;
}

// ---- Output --------------------------------------------------------------------------------

std::string range_text(const conformance::ReadRange& range) {
  return fmt::format("{} {}..{}", models::space_name(range.space), range.first,
                     range.first + range.quantity - 1);
}

std::string issue_text(const models::ValueIssue& issue) {
  return fmt::format("{} {}: {}", models::rule_name(issue.rule), models::level_name(issue.level),
                     issue.message);
}

void print_text(const models::RegisterMap& map, const std::string& target, std::uint8_t unit,
                const Readout& readout, std::ostream& out) {
  out << fmt::format("{} at {}, unit {}\n", map.id, target, unit);
  const models::Block* block = nullptr;
  for (const auto& entry : readout.entries) {
    const auto* here = models::block_of(map, entry.row->space, entry.row->address);
    if (here != block && here != nullptr) {
      out << fmt::format("\n-- {} {}..{} '{}'\n", models::space_name(here->space), here->first,
                         here->last, here->name);
      block = here;
    }
    out << fmt::format("{:>6} 0x{:04X}  {:<44} {}\n", entry.row->address, entry.row->address,
                       entry.row->name, entry.text);
    for (const auto& issue : entry.issues)
      out << fmt::format("{:>17}{}\n", "! ", issue_text(issue));
  }
  for (const auto& issue : readout.structure)
    out << fmt::format("\n! {}\n", issue_text(issue));
  if (!readout.errors.empty()) out << "\nnot read:\n";
  for (const auto& error : readout.errors) {
    out << fmt::format("  {} '{}': {}\n", range_text(error.read.range), error.read.block->name,
                       error.message);
    if (!error.request.empty()) out << fmt::format("    request  {}\n", to_hex(error.request));
    if (!error.response.empty()) out << fmt::format("    response {}\n", to_hex(error.response));
  }
  out << fmt::format(
      "\n{} values from {} of {} read requests; {} MUST and {} SHOULD issue(s)\n",
      readout.entries.size(), readout.answered, readout.answered + readout.errors.size(),
      issues_at(readout, models::Level::kMust), issues_at(readout, models::Level::kShould));
}

// A number where the value is one (the physical value where the row scales it), the text of a
// string, a 128-bit value as hex; null for event arrays and non-finite floats (see `text`).
json value_json(const models::ReadoutEntry& entry) {
  return std::visit(
      [&entry](const auto& value) -> json {
        using T = std::decay_t<decltype(value)>;
        const auto& row = *entry.row;
        if constexpr (std::is_same_v<T, codec::DecodedString>) {
          return value.text;
        } else if constexpr (std::is_same_v<T, codec::DecodedEventArray>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, codec::Uint128>) {
          return codec::to_hex(value);
        } else if constexpr (std::is_same_v<T, bool>) {
          return value ? 1 : 0;
        } else if constexpr (std::is_same_v<T, float>) {
          if (!entry.physical || !std::isfinite(*entry.physical)) return nullptr;
          return *entry.physical;
        } else {
          if (entry.physical && (row.scale != 1.0 || row.offset != 0.0)) return *entry.physical;
          return value;
        }
      },
      entry.value);
}

json issues_json(const std::vector<models::ValueIssue>& issues) {
  json out = json::array();
  for (const auto& issue : issues) {
    out.push_back({{"rule", models::rule_name(issue.rule)},
                   {"level", models::level_name(issue.level)},
                   {"message", issue.message}});
  }
  return out;
}

json readout_json(const models::RegisterMap& map, const std::string& target, std::uint8_t unit,
                  const Readout& readout) {
  json registers = json::array();
  for (const auto& entry : readout.entries) {
    registers.push_back({{"space", models::space_name(entry.row->space)},
                         {"address", entry.row->address},
                         {"name", entry.row->name},
                         {"raw", entry.raw},
                         {"value", value_json(entry)},
                         {"text", entry.text},
                         {"issues", issues_json(entry.issues)}});
  }
  json errors = json::array();
  for (const auto& error : readout.errors) {
    errors.push_back(
        {{"space", models::space_name(error.read.range.space)},
         {"first", error.read.range.first},
         {"last", error.read.range.first + error.read.range.quantity - 1},
         {"block", error.read.block->name},
         {"message", error.message},
         {"request", error.request.empty() ? json(nullptr) : json(to_hex(error.request))},
         {"response", error.response.empty() ? json(nullptr) : json(to_hex(error.response))}});
  }
  return {{"map", map.id},
          {"target", target},
          {"unit", unit},
          {"registers", registers},
          {"structure", issues_json(readout.structure)},
          {"errors", errors}};
}

int read_usage(std::string_view message, bool json_out, std::ostream& out, std::ostream& err) {
  return usage_error("read", message, json_out, out, err);
}

}  // namespace

void setup_read(CLI::App& app, ReadOptions& options) {
  CLI::App* read =
      app.add_subcommand("read", "Read every register of a map from a device, decoded");
  read->add_option("--map", options.map, map_argument_help())->required()->type_name("NAME");
  read->add_option("--target", options.target, "The device: HOST[:PORT], port 502 by default")
      ->required()
      ->type_name("HOST[:PORT]");
  read->add_option("--unit", options.unit, "Unit id (0..255); the map's first by default")
      ->type_name("N");
  read->add_option("--timeout", options.timeout_ms,
                   "Milliseconds to connect, and to wait for each answer")
      ->default_val(1000)
      ->check(CLI::Range(1U, 3'600'000U))
      ->type_name("MS");
  read->add_flag("--json", options.json,
                 "Print one JSON object: map, target, unit, registers, structure, errors");
  add_capture_option(*read, options.pcap);
  read->footer(
      "Each block of the map is read with FC 03 (holding) or FC 04 (input), at most 125 "
      "registers a request, never splitting a value.\n"
      "Exit status: 0 everything read and no value breaks a MUST rule, 1 otherwise, 2 usage "
      "error (unknown map, bad target), 3 target unreachable.\n\n"
      "Example:\n"
      "  mbharness read --map conext-bms --target 127.0.0.1:5020");
}

int run_read(const ReadOptions& options, std::ostream& out, std::ostream& err) {
  const auto resolved = resolve_map(options.map);
  if (!resolved) return read_usage(resolved.error(), options.json, out, err);
  const models::RegisterMap* map = resolved.value();
  const auto target = client::parse_target(options.target);
  if (!target) return read_usage(target.error(), options.json, out, err);
  const std::uint8_t unit = options.unit.value_or(models::default_unit(*map));
  const std::string target_name = client::target_text(*target);

  RunCapture capture("read", err);
  if (auto problem = capture.open(options.pcap))
    return read_usage(*problem, options.json, out, err);

  const std::chrono::milliseconds timeout(options.timeout_ms);
  client::ModbusClient client(
      *target, {.connect_timeout = timeout, .response_timeout = timeout, .tap = capture.tap()});
  const auto result = read_all(*map, client, unit);
  if (const auto* unreachable = std::get_if<Unreachable>(&result)) {
    err << fmt::format("mbharness read: {}\n", unreachable->message);
    if (options.json) {
      print_json(out, {{"map", map->id},
                       {"target", target_name},
                       {"unit", unit},
                       {"error", unreachable->message}});
    }
    return kUnreachable;
  }
  const auto& readout = std::get<Readout>(result);
  if (options.json) {
    print_json(out, readout_json(*map, target_name, unit, readout));
  } else {
    print_text(*map, target_name, unit, readout, out);
  }
  const bool clean = readout.errors.empty() && issues_at(readout, models::Level::kMust) == 0;
  return clean ? kOk : kViolation;
}

}  // namespace mbh::cli
