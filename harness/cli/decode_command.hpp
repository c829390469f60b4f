#pragma once
// `mbharness decode HEX... [--pdu] [--response-to HEX] [--json]`: what one frame pasted from a
// capture or a log is, field by field, or exactly what is wrong with it.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mbh::cli {

struct DecodeOptions {
  std::vector<std::string> hex;  // the frame, in one or more pieces; "-" reads stdin
  bool pdu = false;              // a bare PDU: no MBAP header
  // The request a response answers, same syntax, in one argument or several.
  std::optional<std::vector<std::string>> response_to;
  bool json = false;  // one JSON object instead of text
};

// Adds the `decode` subcommand to `app`, storing what it parses in `options`.
void setup_decode(CLI::App& app, DecodeOptions& options);

// Decodes and prints; returns the exit status (kOk, kViolation when malformed, kUsage when
// not hex). Results go to `out`, usage errors to `err`; "-" reads `in`.
int run_decode(const DecodeOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err);
// The same, reading "-" from standard input.
int run_decode(const DecodeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
