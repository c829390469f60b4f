#include "harness/cli/send_command.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/read_command.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/journal/client_register_access.hpp"
#include "harness/journal/journal_record.hpp"
#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"
#include "models/map_catalog.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace mbh::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Simulator = mbh::testing::LoopbackSimulator;

// "127.0.0.1:PORT" where nothing listens.
std::string unreachable_target() {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  return "127.0.0.1:" + std::to_string(port);  // closed when the acceptor goes
}

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run send(SendOptions options) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = run_send(options, out, err);
  return {status, out.str(), err.str()};
}

Run read(ReadOptions options) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = run_read(options, out, err);
  return {status, out.str(), err.str()};
}

SendOptions send_options(const std::string& target, std::vector<std::string> pdus,
                         std::uint8_t unit = 230) {
  SendOptions options;
  options.target = target;
  options.unit = unit;
  for (auto& pdu : pdus)
    options.pdus.push_back({std::move(pdu)});
  return options;
}

ReadOptions read_options(const std::string& map, const std::string& target) {
  ReadOptions options;
  options.map = map;
  options.target = target;
  return options;
}

// ---- send ----------------------------------------------------------------------------------

TEST(SendCommand, ShowsTheRequestAndItsAnswerDecoded) {
  Simulator simulator;
  const auto run = send(send_options(simulator.target(), {"03:9C:40:00:02"}));
  EXPECT_EQ(run.status, kOk) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Read Holding Registers request"));
  EXPECT_THAT(run.out, HasSubstr("Read Holding Registers response"));
  EXPECT_THAT(run.out, HasSubstr("00 01 00 00 00 06 E6 03 9C 40 00 02"));  // the request's hex
  EXPECT_THAT(run.out, HasSubstr("and matches it"));
  EXPECT_THAT(run.out, HasSubstr("1 of 1 request answered"));
}

TEST(SendCommand, CountsAnExceptionAsAnAnswer) {
  Simulator simulator;
  const auto run = send(send_options(simulator.target(), {"03 98 58 00 01"}));  // a gap
  EXPECT_EQ(run.status, kOk) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Illegal Data Address"));
}

TEST(SendCommand, SendsSeveralPdusInOrderAndReportsJson) {
  Simulator simulator;
  auto options = send_options(simulator.target(), {});
  options.pdus = {{"03", "9C", "40", "00", "02"}, {"03:00:00:00:00"}};  // pieces, as the shell
  options.json = true;
  const auto run = send(options);
  EXPECT_EQ(run.status, kOk) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["exchanges"].size(), 2U);
  EXPECT_EQ(json["answered"], 2);
  EXPECT_EQ(json["exchanges"][0]["transaction_id"], 1);
  EXPECT_EQ(json["exchanges"][1]["transaction_id"], 2);
  EXPECT_EQ(json["exchanges"][0]["response"]["type"], "ReadHoldingRegistersResponse");
  // Quantity 0 is malformed on purpose; its exception 03 answers it.
  EXPECT_EQ(json["exchanges"][1]["request"]["valid"], false);
  EXPECT_EQ(json["exchanges"][1]["response"]["type"], "ExceptionResponse");
  EXPECT_EQ(json["exchanges"][1]["answered"], true);
}

TEST(SendCommand, FailsWhenTheAnswerDoesNotAnswerTheRequest) {
  Simulator simulator({"tid-not-echoed"});
  const auto run = send(send_options(simulator.target(), {"03:9C:40:00:02"}));
  EXPECT_EQ(run.status, kViolation);
  EXPECT_THAT(run.out, HasSubstr("transaction id"));
  EXPECT_THAT(run.out, HasSubstr("0 of 1 request answered"));
}

TEST(SendCommand, FailsWhenNoAnswerComes) {
  Simulator simulator({"silence"});
  auto options = send_options(simulator.target(), {"03:9C:40:00:02"});
  options.timeout_ms = 200;
  const auto run = send(options);
  EXPECT_EQ(run.status, kViolation);
  EXPECT_THAT(run.out, HasSubstr("no answer within 200 ms"));
}

TEST(SendCommand, RejectsBadHexAndBadTargets) {
  auto bad_hex = send(send_options("127.0.0.1:5020", {"03 9C 4"}));
  EXPECT_EQ(bad_hex.status, kUsage);
  EXPECT_THAT(bad_hex.err, HasSubstr("--pdu 1:"));
  auto bad_target = send(send_options("127.0.0.1:0", {"03 9C 40 00 01"}));
  EXPECT_EQ(bad_target.status, kUsage);
  EXPECT_THAT(bad_target.err, HasSubstr("port 0"));
}

TEST(SendCommand, ExitsUnreachableWhenItCannotConnect) {
  const auto target = unreachable_target();
  const auto run = send(send_options(target, {"03 9C 40 00 01"}));
  EXPECT_EQ(run.status, kUnreachable);
  EXPECT_THAT(run.err, HasSubstr("connection refused by " + target));
}

// ---- send under the write-safety rules ---------------------------------------------------

// AGS Generator Quiet Time Start (holding 0x0050, a setting) on unit 50; 0x0016 is in a gap.
constexpr std::uint8_t kAgs = 50;
constexpr std::uint16_t kQuietStart = 0x0050;

std::optional<std::uint16_t> holding(const std::string& target, std::uint8_t unit,
                                     std::uint16_t address) {
  client::ModbusClient client(*client::parse_target(target));
  journal::ClientRegisterAccess device(client, unit);
  const auto words = device.read(models::Space::kHolding, address, 1);
  if (!words) return std::nullopt;
  return (*words)[0];
}

// A folder of its own for each test's journal, removed afterwards.
class TempFolder {
 public:
  TempFolder()
      : path_(std::filesystem::temp_directory_path() /
              ("mbh-send-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

journal::JournalState journal_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto state = journal::read_journal(text);
  if (!state) ADD_FAILURE() << path << ": " << state.error();
  return state ? state.value() : journal::JournalState{};
}

std::string hex_word(std::uint16_t value) {
  return fmt::format("{:02X}:{:02X}", value >> 8U, value & 0xFFU);
}

TEST(SendCommand, PutsAWrittenRegisterBackUnderRestore) {
  Simulator simulator;
  TempFolder folder;
  const auto before = holding(simulator.target(), kAgs, kQuietStart);
  ASSERT_TRUE(before);
  const std::uint16_t value = *before == 7 ? 8 : 7;
  auto options =
      send_options(simulator.target(), {"06:00:50:" + hex_word(value), "03:00:50:00:01"}, kAgs);
  options.restore = true;
  options.journal = folder.file("journal.jsonl");
  options.json = true;
  const auto run = send(options);
  EXPECT_EQ(run.status, kOk) << run.out << run.err;
  const auto json = nlohmann::json::parse(run.out);
  // The read after the write saw the value written; the register holds its original again.
  EXPECT_EQ(json["exchanges"][1]["response"]["fields"]["values"][0], value) << run.out;
  EXPECT_EQ(json["exchanges"][0]["writes"]["first"], kQuietStart);
  EXPECT_EQ(json["exchanges"][0]["writes"]["last"], kQuietStart);
  EXPECT_TRUE(json["exchanges"][1]["writes"].is_null());
  ASSERT_EQ(json["restore"].size(), 1U);
  EXPECT_EQ(json["restore"][0]["restored"], true);
  EXPECT_EQ(holding(simulator.target(), kAgs, kQuietStart), before);
  EXPECT_THAT(run.err, HasSubstr("write journal " + options.journal));

  const auto state = journal_of(options.journal);
  EXPECT_EQ(state.registers_journalled, 1U);
  EXPECT_TRUE(state.pending.empty());
  EXPECT_TRUE(state.ended);
  ASSERT_EQ(state.runs.size(), 1U);
  EXPECT_EQ(state.runs[0].command, "send");
}

TEST(SendCommand, SaysWhatItWroteAndLeavesItWithoutRestore) {
  Simulator simulator;
  TempFolder folder;
  const auto before = holding(simulator.target(), kAgs, kQuietStart);
  ASSERT_TRUE(before);
  const std::uint16_t value = *before == 7 ? 8 : 7;
  auto options = send_options(simulator.target(), {"10:00:50:00:01:02:" + hex_word(value)}, kAgs);
  options.journal = folder.file("journal.jsonl");
  const auto run = send(options);
  EXPECT_EQ(run.status, kOk) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("== request 1 of 1: writes holding 80 =="));
  EXPECT_THAT(run.out, HasSubstr("1 register(s) written and left as written; `mbharness restore " +
                                 options.journal + "` puts them back"));
  EXPECT_EQ(holding(simulator.target(), kAgs, kQuietStart), value);

  const auto state = journal_of(options.journal);
  ASSERT_EQ(state.pending.size(), 1U);
  EXPECT_EQ(state.pending[0].key.address, kQuietStart);
  EXPECT_EQ(state.pending[0].original, std::vector<std::uint16_t>{*before});
  EXPECT_TRUE(state.pending[0].multiple);
  EXPECT_TRUE(state.ended);
}

TEST(SendCommand, SendsAWriteWhoseOriginalCannotBeReadAndSaysSo) {
  Simulator simulator;
  TempFolder folder;
  auto options = send_options(simulator.target(), {"06:00:16:00:01"}, kAgs);  // a gap
  options.restore = true;
  options.journal = folder.file("journal.jsonl");
  const auto run = send(options);
  EXPECT_EQ(run.status, kOk) << run.out << run.err;  // its exception 02 answers it
  EXPECT_THAT(run.err, HasSubstr("original of holding 22 unreadable"));
  EXPECT_THAT(run.err, HasSubstr("not journalled, it cannot be restored"));
  EXPECT_THAT(run.out, HasSubstr("Write Single Register request"));
  EXPECT_THAT(run.out, HasSubstr("1 of 1 request answered"));
  EXPECT_FALSE(std::filesystem::exists(options.journal));  // nothing journalled
}

TEST(SendCommand, RefusesAJournalItCannotWriteBeforeSendingAnything) {
  Simulator simulator;
  TempFolder folder;
  const auto before = holding(simulator.target(), kAgs, kQuietStart);
  ASSERT_TRUE(before);
  const std::uint16_t value = *before == 7 ? 8 : 7;
  auto options = send_options(simulator.target(), {"06:00:50:" + hex_word(value)}, kAgs);
  options.journal = folder.file("no-such-folder/journal.jsonl");
  const auto run = send(options);
  EXPECT_EQ(run.status, kUsage) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cannot write --journal file"));
  EXPECT_THAT(run.out, Not(HasSubstr("request")));
  EXPECT_EQ(holding(simulator.target(), kAgs, kQuietStart), before);
}

// ---- read ----------------------------------------------------------------------------------

TEST(ReadCommand, ReadsEveryRowOfEachMapFromACleanSimulator) {
  Simulator simulator;
  for (const auto* map : models::all_maps()) {
    SCOPED_TRACE(map->id);
    auto options = read_options(std::string(map->id), simulator.target());
    options.json = true;
    const auto run = read(options);
    EXPECT_EQ(run.status, kOk) << run.out << run.err;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["map"], map->id);
    EXPECT_EQ(json["unit"], map->first_unit);
    EXPECT_EQ(json["errors"].size(), 0U) << json["errors"].dump(2);
    EXPECT_EQ(json["registers"].size(), map->rows.size());
    for (const auto& row : json["registers"]) {
      for (const char* key : {"space", "address", "name", "raw", "value", "text", "issues"})
        EXPECT_TRUE(row.contains(key)) << key;
    }
  }
}

TEST(ReadCommand, PrintsNamesAndValues) {
  Simulator simulator;
  const auto run = read(read_options("conext-bms", simulator.target()));
  EXPECT_EQ(run.status, kOk) << run.out;
  EXPECT_THAT(run.out, HasSubstr("conext-bms at " + simulator.target() + ", unit 230"));
  EXPECT_THAT(run.out, HasSubstr("Start Marker"));
  EXPECT_THAT(run.out, HasSubstr("0 MUST and 0 SHOULD issue(s)"));
}

TEST(ReadCommand, FailsOnAValueThatBreaksAMustRule) {
  Simulator simulator({"enum-out-of-range"});
  auto options = read_options("conext-ags", simulator.target());
  options.json = true;
  const auto run = read(options);
  EXPECT_EQ(run.status, kViolation);
  const auto json = nlohmann::json::parse(run.out);
  bool found = false;
  for (const auto& row : json["registers"]) {
    for (const auto& issue : row["issues"])
      found = found || (issue["rule"] == "R-ENUM" && issue["level"] == "MUST");
  }
  EXPECT_TRUE(found);
}

TEST(ReadCommand, ReportsBlocksTheDeviceDoesNotAnswerAndReadsTheRest) {
  Simulator simulator;
  auto options = read_options("conext-ags", simulator.target());
  options.unit = 99;  // no device there: every block is refused or unanswered
  options.timeout_ms = 200;
  options.json = true;
  const auto run = read(options);
  EXPECT_EQ(run.status, kViolation);
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["unit"], 99);
  EXPECT_EQ(json["errors"].size(), models::find_map("conext-ags")->blocks.size());
}

TEST(ReadCommand, ListsTheKnownMapsForAnUnknownOne) {
  const auto run = read(read_options("modicon", "127.0.0.1:5020"));
  EXPECT_EQ(run.status, kUsage);
  EXPECT_THAT(run.err, HasSubstr("unknown map 'modicon' (known: conext-bms, conext-ags, "
                                 "enapter-el21; or the path of a map file)"));
}

TEST(ReadCommand, ExitsUnreachableWhenItCannotConnect) {
  const auto run = read(read_options("conext-bms", unreachable_target()));
  EXPECT_EQ(run.status, kUnreachable);
  EXPECT_THAT(run.err, HasSubstr("connection refused"));
}

TEST(ReadCommand, RejectsABadTarget) {
  const auto run = read(read_options("conext-bms", "[::1"));
  EXPECT_EQ(run.status, kUsage);
  EXPECT_THAT(run.err, HasSubstr("unclosed '['"));
}

}  // namespace
}  // namespace mbh::cli
