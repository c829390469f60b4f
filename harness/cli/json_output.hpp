#pragma once
// How the subcommands that answer in JSON (--json) print it, and print a usage error in it.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace mbh::cli {

// One line, for jq and log files. Everything put in is ASCII already; `replace` keeps a stray
// byte from throwing regardless.
void print_json(std::ostream& out, const nlohmann::ordered_json& value);

// "mbharness COMMAND: MESSAGE" on err, and {"error": MESSAGE} on out with --json; kUsage.
int usage_error(std::string_view command, std::string_view message, bool json_out,
                std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
