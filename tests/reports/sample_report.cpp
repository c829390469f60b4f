#include "tests/reports/sample_report.hpp"

#include <chrono>
#include <span>

#include "conformance/check_id.hpp"
#include "harness/codec/mbap_header.hpp"

namespace mbh::reports::testing {
namespace {

using conformance::CheckRecord;
using models::Level;
using models::RuleId;
using models::Space;
using models::Status;

std::vector<std::byte> bytes(std::span<const std::byte> span) {
  return {span.begin(), span.end()};
}

CheckRecord check(RuleId rule, Level level, Status status, std::string name,
                  std::optional<std::uint16_t> address, std::string message) {
  CheckRecord c{rule,
                level,
                status,
                std::move(name),
                std::nullopt,
                address,
                std::move(message),
                {},
                std::nullopt,
                "",
                std::chrono::microseconds{1500},
                {},
                std::nullopt};
  c.id = conformance::check_id(rule, c.name);
  if (address) c.space = Space::kHolding;
  return c;
}

}  // namespace

std::vector<std::byte> frame(std::uint16_t transaction, std::uint8_t unit,
                             const codec::Request& request) {
  return bytes(codec::encode_adu(transaction, unit, request).span());
}

std::vector<std::byte> frame(std::uint16_t transaction, std::uint8_t unit,
                             const codec::Response& response) {
  return bytes(codec::encode_adu(transaction, unit, response).span());
}

std::vector<std::byte> gap_request() {
  return frame(7, 230, codec::ReadHoldingRegistersRequest{40036, 2});
}

std::vector<std::byte> gap_response() {
  return frame(7, 230, codec::ReadHoldingRegistersResponse{{0, 0}});
}

conformance::RunReport sample_report() {
  conformance::RunReport report;
  report.version = "0.1.0";
  report.map = "conext-bms";
  report.target = "127.0.0.1:5020";
  report.unit = 230;
  report.seed = 42;
  report.requests_sent = 120;
  report.started = "2026-12-06T14:20:00Z";
  report.duration = std::chrono::milliseconds{2400};

  auto pass = check(RuleId::kValidRead, Level::kMust, Status::kPass, "read 40000..40001", 40000,
                    "answered with 2 registers, as asked");
  pass.request = frame(1, 230, codec::ReadHoldingRegistersRequest{40000, 2});
  pass.response = frame(1, 230, codec::ReadHoldingRegistersResponse{{0x5375, 0x6E53}});
  report.checks.push_back(pass);

  auto gap = check(RuleId::kGap, Level::kMust, Status::kFail, "read 40036..40037", 40036,
                   "expected exception 02 (illegal data address), got 2 registers");
  gap.request = gap_request();
  gap.response = gap_response();
  gap.reproduce = kGapReproduce;
  report.checks.push_back(gap);

  auto bits =
      check(RuleId::kBits, Level::kShould, Status::kWarn, "bitmap 40110", 40110, kHostileMessage);
  bits.request = frame(9, 230, codec::ReadHoldingRegistersRequest{40110, 2});
  bits.response = frame(9, 230, codec::ReadHoldingRegistersResponse{{0x0800, 0}});
  bits.reproduce = "mbharness send --target 127.0.0.1:5020 000900000006E6039CAE0002";
  report.checks.push_back(bits);

  report.checks.push_back(check(RuleId::kReadback, Level::kMust, Status::kSkip, "write 40068",
                                40068, "connectivity register: needs --allow-destructive"));

  auto unit = check(RuleId::kUnit, Level::kEither, Status::kEither, "unit 99", std::nullopt,
                    "no answer to unit 99 (allowed: no answer, or exception 0A/0B)");
  unit.request = frame(11, 99, codec::ReadHoldingRegistersRequest{40000, 1});
  unit.reproduce = "mbharness send --target 127.0.0.1:5020 000B0000000663039C400001";
  report.checks.push_back(unit);

  auto mbap = check(RuleId::kMbap, Level::kMust, Status::kFail, "transaction id echo", 40000,
                    "expected transaction id 12 echoed, got 13");
  mbap.request = frame(12, 230, codec::ReadHoldingRegistersRequest{40000, 1});
  mbap.response = frame(13, 230, codec::ReadHoldingRegistersResponse{{0x5375}});
  mbap.reproduce = "mbharness send --target 127.0.0.1:5020 000C00000006E6039C400001";
  report.checks.push_back(mbap);

  auto function = check(RuleId::kFunction, Level::kMust, Status::kFail, "function 0x41",
                        std::nullopt, "expected exception 01, got bytes that are not a frame");
  // Function 0x41 is not one the codec implements: built by hand, as the suite sends it.
  function.request = {std::byte{0x00}, std::byte{0x0E}, std::byte{0x00}, std::byte{0x00},
                      std::byte{0x00}, std::byte{0x02}, std::byte{0xE6}, std::byte{0x41}};
  function.response =
      std::vector<std::byte>{std::byte{0xDE}, std::byte{0xAD}, std::byte{0xBE}, std::byte{0xEF}};
  function.reproduce = "mbharness send --target 127.0.0.1:5020 000E00000002E641";
  report.checks.push_back(function);

  auto silent = check(RuleId::kValidRead, Level::kMust, Status::kFail, "read 40002..40003", 40002,
                      "no answer within 1000 ms");
  silent.request = frame(15, 230, codec::ReadHoldingRegistersRequest{40002, 2});
  silent.reproduce = "mbharness send --target 127.0.0.1:5020 000F00000006E6039C420002";
  report.checks.push_back(silent);

  report.writes.push_back(
      {Space::kHolding, 40130, "Controller Heartbeat", {5}, {6}, true, "", "5", "6"});
  report.writes.push_back({Space::kHolding,
                           40131,
                           "Max Tank Pressure",
                           {16, 0},
                           {17, 0},
                           false,
                           "device answered exception 04 to the restoring write",
                           "16 bar",
                           "17 bar"});
  return report;
}

conformance::RunReport sample_report_expected() {
  auto report = sample_report_restored();
  report.complete = true;
  report.expect_file = "known.txt";
  report.checks[1].known =
      conformance::KnownDeviation{2, "R-GAP # vendor ticket 12", "vendor ticket 12"};
  report.xpass.push_back({5, "R-ENUM holding 68", ""});
  return report;
}

conformance::RunReport sample_report_restored() {
  auto report = sample_report();
  for (auto& write : report.writes)
    write.restored = true;
  return report;
}

}  // namespace mbh::reports::testing
