#include "harness/cli/decode_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <span>
#include <variant>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/hex_input.hpp"
#include "harness/cli/json_output.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/rtu_frame.hpp"
#include "harness/exchange/frame_json.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"

namespace mbh::cli {
namespace {

constexpr std::string_view kStdin = "-";

using exchange::DecodedFrame;
using exchange::MalformedFrame;
using exchange::ReferenceRequest;
using Outcome = exchange::FrameReading;

// ---- Input ---------------------------------------------------------------------------------

// A usage error: what to say, and for hex errors the text to point into.
struct UsageError {
  std::string id;
  std::string message;
  std::string text;
  std::optional<HexError> hex;
};

// The pieces of one hex argument list as one text, "-" standing for `standard_input`.
std::string join(const std::vector<std::string>& pieces, const std::string& standard_input) {
  std::string text;
  for (const auto& piece : pieces) {
    if (!text.empty()) text += ' ';
    text += piece == kStdin ? standard_input : piece;
  }
  return text;
}

std::variant<std::vector<std::byte>, UsageError> bytes_of(std::string_view what, std::string text) {
  auto bytes = parse_hex(text);
  if (bytes) return std::move(bytes).value();
  const HexError error = bytes.error();
  const std::string id = error.kind == HexErrorKind::kEmpty ? "no-input" : "not-hex";
  return UsageError{id, fmt::format("{}: {}", what, message(error)), std::move(text), error};
}

// ---- Output --------------------------------------------------------------------------------

int usage_error(const UsageError& error, bool json, std::ostream& out, std::ostream& err) {
  err << "mbharness decode: " << error.message << '\n';
  if (error.hex && error.hex->kind != HexErrorKind::kEmpty) err << pointer(*error.hex, error.text);
  if (json) {
    nlohmann::ordered_json body = {{"id", error.id}, {"message", error.message}};
    if (error.hex) body["position"] = error.hex->position;
    print_json(out, {{"valid", false}, {"error", body}});
  }
  return kUsage;
}

int invalid_reference(const MalformedFrame& reference, bool json, std::ostream& out,
                      std::ostream& err) {
  err << "mbharness decode: --response-to is not a valid request\n"
      << exchange::render_text(reference);
  if (json) {
    print_json(out, {{"valid", false},
                     {"error",
                      {{"id", "invalid-response-to"},
                       {"message", "--response-to is not a valid request"},
                       {"cause", exchange::render_json(reference)}}}});
  }
  return kUsage;
}

// `extra` adds fields to the JSON object (how the frame was read).
int report(const Outcome& outcome, bool json, std::ostream& out,
           const nlohmann::ordered_json& extra = nlohmann::ordered_json::object()) {
  std::visit(
      [&](const auto& result) {
        if (json) {
          auto body = exchange::render_json(result);
          for (const auto& [key, value] : extra.items())
            body[key] = value;
          print_json(out, body);
        } else {
          out << exchange::render_text(result);
        }
      },
      outcome);
  return std::holds_alternative<DecodedFrame>(outcome) ? kOk : kViolation;
}

}  // namespace

void setup_decode(CLI::App& app, DecodeOptions& options) {
  CLI::App* decode = app.add_subcommand(
      "decode", "Decode one Modbus TCP frame given as hex: every field, or what is wrong with it");
  decode
      ->add_option("HEX", options.hex,
                   "The frame as hex, in one argument or several: \"00 01 00 00 00 06 11 03 00 6B "
                   "00 03\", 00:01:00:00:00:06:11:03:00:6b:00:03, 0x00 0x01 ..., or - to read it "
                   "from standard input")
      ->required()
      ->type_name("");
  decode->add_flag("--pdu", options.pdu,
                   "The hex is a bare PDU (function code first), with no MBAP header");
  decode
      ->add_option("--response-to", options.response_to,
                   "Decode the frame as the response to this request (hex, the same syntax, in "
                   "one argument or several: put it last; a full ADU, or a PDU with --pdu) and "
                   "check that it answers it")
      ->expected(1, CLI::detail::expected_max_vector_size)
      ->type_name("HEX");
  decode->add_flag("--json", options.json, "Print one JSON object instead of text");
  decode->footer(
      "Without --response-to, the frame is read as a request, and failing that as a response.\n"
      "Hex dumps with offsets are read as such (Wireshark, tshark -x, hexdump -C, xxd); several\n"
      "Modbus TCP frames back to back are decoded one by one; a Modbus RTU frame (unit, PDU,\n"
      "CRC) is recognised by its CRC.\n"
      "Exit status: 0 well formed, 1 malformed, 2 not hex or a usage error.\n\n"
      "Examples:\n"
      "  mbharness decode 00 01 00 00 00 06 11 03 00 6B 00 03\n"
      "  mbharness decode --pdu 03 06 02 2B 00 00 00 64 --response-to 03 00 6B 00 03\n"
      "  mbharness decode 11 03 00 6B 00 03 76 87\n"
      "  xxd capture.bin | mbharness decode -\n"
      "  pbpaste | mbharness decode - --json");
}

int run_decode(const DecodeOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err) {
  const std::vector<std::string> no_request;
  const auto& response_to = options.response_to ? *options.response_to : no_request;
  const auto stdin_uses =
      std::ranges::count(options.hex, kStdin) + std::ranges::count(response_to, kStdin);
  if (stdin_uses > 1) {
    return usage_error({"usage", "standard input (-) can give only one frame", "", std::nullopt},
                       options.json, out, err);
  }
  std::string standard_input;
  if (stdin_uses == 1) {
    standard_input.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  const auto frame_bytes = bytes_of("HEX", join(options.hex, standard_input));
  if (const auto* error = std::get_if<UsageError>(&frame_bytes)) {
    return usage_error(*error, options.json, out, err);
  }
  const auto& bytes = std::get<std::vector<std::byte>>(frame_bytes);
  std::optional<ReferenceRequest> answers;
  if (options.response_to) {
    const auto request_bytes = bytes_of("--response-to", join(response_to, standard_input));
    if (const auto* error = std::get_if<UsageError>(&request_bytes)) {
      return usage_error(*error, options.json, out, err);
    }
    const auto reference =
        exchange::read_reference(std::get<std::vector<std::byte>>(request_bytes), options.pdu);
    if (const auto* bad = std::get_if<MalformedFrame>(&reference)) {
      return invalid_reference(*bad, options.json, out, err);
    }
    answers = std::get<ReferenceRequest>(reference);
  }
  const auto decode = [&](std::span<const std::byte> frame, bool pdu) {
    return answers ? exchange::read_answer(frame, pdu, *answers) : exchange::read_frame(frame, pdu);
  };
  if (!options.pdu) {
    if (const auto frames = exchange::frames_back_to_back(bytes); frames.size() > 1) {
      int status = kOk;
      for (std::size_t i = 0; i < frames.size(); ++i) {
        if (!options.json)
          out << fmt::format("{}frame {} of {}\n\n", i == 0 ? "" : "\n", i + 1, frames.size());
        if (report(decode(frames[i], false), options.json, out) != kOk) status = kViolation;
      }
      return status;
    }
    if (!codec::decode_adu(bytes) && !answers) {
      if (const auto rtu = codec::rtu_frame(bytes)) {
        if (!options.json) {
          out << fmt::format(
              "Modbus RTU frame: unit {} (0x{:02X}), CRC 0x{:04X} correct; its PDU follows\n\n",
              rtu->unit, rtu->unit, rtu->crc);
        }
        return report(decode(rtu->pdu, true), options.json, out,
                      {{"rtu", {{"unit", rtu->unit}, {"crc", rtu->crc}}}});
      }
    }
  }
  return report(decode(bytes, options.pdu), options.json, out);
}

int run_decode(const DecodeOptions& options, std::ostream& out, std::ostream& err) {
  return run_decode(options, std::cin, out, err);
}

}  // namespace mbh::cli
