// The reports explain a malformed answer exactly as `mbharness decode --response-to` explains
// the same bytes: for every fault of the simulator's catalogue that a run survives, each check
// whose answer decode calls malformed has decode's message and detail in its report line, and
// the HTML marks the byte decode names, with the same words.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <sstream>
#include <string>

#include "conformance/conform_run.hpp"
#include "conformance/device_channel.hpp"
#include "harness/cli/decode_command.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/exchange/frame_hex.hpp"
#include "harness/simulator/fault_catalogue.hpp"
#include "models/map_catalog.hpp"
#include "reports/console_report.hpp"
#include "reports/frame_marks.hpp"
#include "reports/frame_text.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace mbh::cli {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// The fault as switched on for the run, or "" for one a run cannot survive or that only slows
// it down (no frame of it is malformed): crashes, hangs, late or missing answers.
std::string fault_spec(const simulator::FaultInfo& fault) {
  static const std::set<std::string_view> kSkipped{"crash-on", "hang-on", "bug",    "split-header",
                                                   "slow-on",  "slow",    "silence"};
  if (kSkipped.contains(fault.name)) return "";
  std::string spec(fault.name);
  if (fault.argument == "SHAPE") spec += "=03";  // the reads every run sends
  if (fault.argument == "N") spec += "=5";
  return spec;
}

conformance::RunReport conform(std::uint16_t port, const models::RegisterMap& map) {
  client::ClientOptions client_options;
  client_options.connect_timeout = 300ms;
  client_options.response_timeout = 300ms;
  client::ModbusClient client(client::TargetAddress{"127.0.0.1", port}, client_options);
  conformance::ClientChannel channel(client);
  conformance::ConformOptions options{.seed = 3};
  options.map = &map;
  options.unit = map.first_unit;
  options.target = "127.0.0.1:" + std::to_string(port);
  return conformance::run_conformance(channel, options, nullptr);
}

// decode --response-to REQUEST ANSWER --json: the error it names, or null when the answer is
// well formed (or the request itself is not a valid one, which decode will not pair with).
nlohmann::json decode_error(const conformance::CheckRecord& check) {
  DecodeOptions options;
  options.hex = {exchange::hex_spaced(*check.response)};
  options.response_to = std::vector<std::string>{exchange::hex_spaced(check.request)};
  options.json = true;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  if (run_decode(options, in, out, err) != 1) return nullptr;
  const auto decoded = nlohmann::json::parse(out.str());
  return decoded.at("error");
}

bool shown(const conformance::CheckRecord& check) {
  return check.status == models::Status::kFail || check.status == models::Status::kWarn;
}

TEST(ReportExplanation, EveryMalformedAnswerIsExplainedAsDecodeExplainsIt) {
  std::set<std::string> explained;  // faults with a malformed answer compared
  std::size_t compared = 0;
  std::size_t faults = 0;
  for (const simulator::FaultInfo& fault : simulator::fault_catalogue()) {
    const std::string spec = fault_spec(fault);
    if (spec.empty()) continue;
    // One map per fault, the three in turn: a fault malforms answers whatever the map, and the
    // maps' different checks still meet every fault between them over the catalogue.
    const models::RegisterMap* map = models::all_maps()[faults++ % models::all_maps().size()];
    SCOPED_TRACE(spec + " on " + std::string(map->id));
    mbh::testing::LoopbackSimulator server({spec});
    {
      const auto report = conform(server.port(), *map);
      std::ostringstream console;
      reports::write_console_report(report, console, false);
      for (const auto& check : report.checks) {
        if (!check.response || check.response->empty() || check.request.empty()) continue;
        const auto error = decode_error(check);
        if (error.is_null()) continue;
        SCOPED_TRACE(check.name + ": " + exchange::hex_spaced(*check.response));
        const auto message = error.at("message").get<std::string>();
        const auto detail = error.at("detail").get<std::string>();
        const auto offset = error.at("offset").get<std::size_t>();
        const std::string line = reports::describe_response(*check.response, check.request);
        EXPECT_THAT(line, HasSubstr(message + " at byte " + std::to_string(offset)));
        EXPECT_THAT(line, HasSubstr(detail));
        if (shown(check)) {
          EXPECT_THAT(console.str(), HasSubstr(line));
        }
        const auto marks = reports::response_marks(*check.response, check.request);
        const bool marked = std::ranges::any_of(marks, [&](const reports::ByteMark& mark) {
          return mark.offset == offset && mark.why == (detail.empty() ? message : detail);
        });
        EXPECT_TRUE(marked) << "no mark at byte " << offset << " saying: " << detail;
        explained.insert(std::string(fault.name));
        ++compared;
      }
    }
  }
  // The faults whose answers are malformed by design are among those compared.
  for (const std::string fault : {"tid-not-echoed", "mbap-length-wrong", "exception-flag-missing",
                                  "short-read", "truncate", "wrong-function-on"}) {
    EXPECT_TRUE(explained.contains(fault)) << fault << ": no malformed answer compared";
  }
  EXPECT_GT(compared, 0U);
  std::string names;
  for (const auto& name : explained)
    names += name + " ";
  RecordProperty("faults", names);
  RecordProperty("answers", static_cast<int>(compared));
}

}  // namespace
}  // namespace mbh::cli
