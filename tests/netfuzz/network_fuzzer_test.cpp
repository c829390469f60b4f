#include "harness/netfuzz/network_fuzzer.hpp"

#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <variant>

#include <unistd.h>
#include <vector>

#include "harness/codec/request_codec.hpp"
#include "harness/journal/client_register_access.hpp"
#include "harness/journal/journal_record.hpp"
#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"
#include "models/command_register.hpp"
#include "models/map_catalog.hpp"
#include "models/model_text.hpp"

// `fuzz --allow-writes` against the bundled simulator over loopback, for a fixed seed (the
// issue: in 3 s it moved the AGS Modbus Slave Address from 50 to 42931 and left it there):
// every write the simulator handled reached only rows of the classes the flags allow, every
// read-write holding register reads its start value at the end, also after an interrupt, and
// the journal says what was written and that it is back.
namespace mbh::netfuzz {
namespace {

using namespace std::chrono_literals;

// One write the simulator handled, decoded by the test on its own.
struct SeenWrite {
  std::uint8_t unit;
  std::uint8_t function;
  std::uint32_t first;
  std::uint32_t count;
};

// The simulator of the three maps, behind a handler that records every valid write and every
// FC 08 sub-function it is sent.
class RecordingSimulator final : public transport::FrameHandler {
 public:
  void handle(const codec::Adu& request, transport::Reply& reply) override {
    record(request);
    simulator_.handle(request, reply);
  }
  std::vector<SeenWrite> writes() const {
    const std::scoped_lock lock(mutex_);
    return writes_;
  }
  std::vector<unsigned> diagnostics() const {
    const std::scoped_lock lock(mutex_);
    return diagnostics_;
  }
  void clear() {
    const std::scoped_lock lock(mutex_);
    writes_.clear();
    diagnostics_.clear();
  }

 private:
  void record(const codec::Adu& request) {
    const std::scoped_lock lock(mutex_);
    const auto& pdu = request.pdu;
    if (pdu.size() >= 3 && pdu[0] == std::byte{0x08}) {
      diagnostics_.push_back(std::to_integer<unsigned>(pdu[1]) * 256U +
                             std::to_integer<unsigned>(pdu[2]));
    }
    const auto decoded = codec::decode_request(pdu);
    if (!decoded) return;
    const std::uint8_t unit = request.header.unit_id;
    const auto function = std::to_integer<std::uint8_t>(pdu[0]);
    std::visit(
        [&](const auto& r) {
          using R = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<R, codec::WriteSingleCoilRequest> ||
                        std::is_same_v<R, codec::WriteSingleRegisterRequest> ||
                        std::is_same_v<R, codec::MaskWriteRegisterRequest>) {
            writes_.push_back({unit, function, r.address, 1});
          } else if constexpr (std::is_same_v<R, codec::WriteMultipleCoilsRequest>) {
            writes_.push_back({unit, function, r.address, r.quantity});
          } else if constexpr (std::is_same_v<R, codec::WriteMultipleRegistersRequest>) {
            writes_.push_back(
                {unit, function, r.address, static_cast<std::uint32_t>(r.values.size())});
          } else if constexpr (std::is_same_v<R, codec::ReadWriteMultipleRegistersRequest>) {
            writes_.push_back(
                {unit, function, r.write_address, static_cast<std::uint32_t>(r.values.size())});
          }
        },
        decoded.value());
  }

  simulator::Simulator simulator_{simulator::SimulatorOptions{}};
  mutable std::mutex mutex_;
  std::vector<SeenWrite> writes_;
  std::vector<unsigned> diagnostics_;
};

class Server {
 public:
  Server() {
    transport::ServerOptions options;
    options.port = 0;
    server_ = std::make_unique<transport::TcpServer>(io_, options, handler_);
    port_ = server_->local_endpoint().port();
    runner_ = std::thread([this] { io_.run(); });
  }
  ~Server() {
    asio::post(io_, [this] { server_->stop(); });
    runner_.join();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const { return port_; }
  RecordingSimulator& handler() { return handler_; }

 private:
  asio::io_context io_{1};
  RecordingSimulator handler_;
  std::unique_ptr<transport::TcpServer> server_;
  std::uint16_t port_ = 0;
  std::thread runner_;
};

struct Flags {
  bool actuation = false;
  bool destructive = false;
};

// RULES.md's table as the test reads it.
bool allowed(const models::RegisterMap& map, const models::RegisterRow& row, Flags flags) {
  if (row.space != models::Space::kHolding || row.access != models::Access::kReadWrite) {
    return false;
  }
  if (map.id == "enapter-el21" && row.address >= 4000) return false;
  switch (row.safety) {
    case models::SafetyClass::kSetting:
      return true;
    case models::SafetyClass::kActuating:
    case models::SafetyClass::kClock:
      return flags.actuation;
    case models::SafetyClass::kDestructive:
    case models::SafetyClass::kConnectivity:
      return flags.destructive;
    default:
      return false;
  }
}

const models::RegisterRow* row_at(const models::RegisterMap& map, std::uint32_t address) {
  for (const auto& row : map.rows) {
    if (row.space == models::Space::kHolding && address >= row.address &&
        address < row.address + row.type.register_count()) {
      return &row;
    }
  }
  return nullptr;
}

// Every read-write holding register of the map, read whole.
std::map<std::uint16_t, std::vector<std::uint16_t>> snapshot(std::uint16_t port,
                                                             const models::RegisterMap& map) {
  client::ModbusClient client(client::TargetAddress{"127.0.0.1", port},
                              {.connect_timeout = 1000ms, .response_timeout = 1000ms});
  journal::ClientRegisterAccess access(client, map.first_unit);
  std::map<std::uint16_t, std::vector<std::uint16_t>> out;
  for (const auto& row : map.rows) {
    if (row.space != models::Space::kHolding || row.access != models::Access::kReadWrite) continue;
    const auto value =
        access.read(row.space, row.address, static_cast<std::uint16_t>(row.type.register_count()));
    if (value) out[row.address] = *value;
  }
  return out;
}

// Registers that do not hold a stored value to compare: the clock moves on by itself, and a
// command register is an order, never written back (RULES.md).
bool compared(const models::RegisterMap& map, std::uint16_t address) {
  const auto* row = row_at(map, address);
  return row != nullptr && row->safety != models::SafetyClass::kClock &&
         !models::is_command_register(*row);
}

std::string temp_journal(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("mbh-netfuzz-test-" + std::to_string(::getpid()) + "-" + name + ".jsonl");
  std::filesystem::remove(path);
  return path.string();
}

struct Outcome {
  FuzzSummary summary;
  std::string journal_text;
};

Outcome fuzz(Server& server, const models::RegisterMap& map, Flags flags, const std::string& name,
             std::uint64_t max_frames, std::chrono::seconds duration,
             const std::atomic<bool>* interrupt = nullptr, std::size_t connections = 1) {
  FuzzOptions options;
  options.map = &map;
  options.unit = map.first_unit;
  options.seed = 7;
  options.allow_writes = true;
  options.allow_actuation = flags.actuation;
  options.allow_destructive = flags.destructive;
  options.journal_path = temp_journal(name);
  options.tool_version = "test";
  options.target = client::TargetAddress{"127.0.0.1", server.port()};
  options.timeout = 300ms;
  options.duration = duration;
  options.max_frames = max_frames;
  options.out_dir = (std::filesystem::temp_directory_path() / "mbh-netfuzz-test-findings").string();
  options.interrupt = interrupt;
  options.connections = connections;
  std::ostringstream progress;
  Outcome outcome{run_network_fuzz(options, progress), {}};
  std::ifstream in(options.journal_path);
  outcome.journal_text.assign(std::istreambuf_iterator<char>(in), {});
  std::filesystem::remove(options.journal_path);
  return outcome;
}

void expect_safe_and_restored(Server& server, const models::RegisterMap& map, Flags flags,
                              const Outcome& outcome,
                              const std::map<std::uint16_t, std::vector<std::uint16_t>>& before) {
  const auto& summary = outcome.summary;
  // Enapter's settings are all configuration registers, which the fuzzer leaves out: with
  // settings alone it writes nothing there, and keeps no journal.
  const bool writable = std::ranges::any_of(
      map.rows, [&](const models::RegisterRow& row) { return allowed(map, row, flags); });
  // (a) Every write the simulator handled reached only allowed rows of the fuzzed unit.
  const auto writes = server.handler().writes();
  if (!writable) {
    EXPECT_TRUE(writes.empty()) << map.id;
    EXPECT_EQ(summary.writes, 0U);
    EXPECT_TRUE(summary.written.empty());
    EXPECT_TRUE(outcome.journal_text.empty()) << map.id << ": a journal without a write";
    return;
  }
  EXPECT_GT(writes.size(), 0U) << map.id << ": the run wrote nothing: the test proves nothing";
  for (const auto& w : writes) {
    EXPECT_EQ(w.unit, map.first_unit) << map.id << " FC " << unsigned{w.function};
    EXPECT_NE(w.function, 0x05);
    EXPECT_NE(w.function, 0x0F);
    for (std::uint32_t a = w.first; a < w.first + w.count; ++a) {
      const auto* row = row_at(map, a);
      ASSERT_NE(row, nullptr) << map.id << ": FC " << unsigned{w.function} << " wrote gap " << a;
      EXPECT_TRUE(allowed(map, *row, flags))
          << map.id << ": FC " << unsigned{w.function} << " wrote " << row->name << " ("
          << models::safety_name(row->safety) << ") at " << a;
    }
  }
  if (!flags.destructive) {
    for (const unsigned sub : server.handler().diagnostics()) {
      EXPECT_NE(sub, 0x0001U) << map.id;
      EXPECT_NE(sub, 0x0004U) << map.id;
    }
  }
  // (b) Every read-write holding register reads its start value.
  const auto after = snapshot(server.port(), map);
  ASSERT_EQ(after.size(), before.size()) << map.id;
  for (const auto& [address, value] : before) {
    if (!compared(map, address)) continue;
    EXPECT_EQ(after.at(address), value)
        << map.id << ": " << row_at(map, address)->name << " not back at its start value";
  }
  // The summary and the journal: each written register listed, restored, of an allowed class.
  EXPECT_GT(summary.writes, 0U);
  EXPECT_FALSE(summary.written.empty());
  EXPECT_TRUE(summary.all_restored()) << map.id;
  for (const auto& w : summary.written) {
    EXPECT_TRUE(w.restored) << map.id << ": " << w.entry.name << ": " << w.how;
    const auto* row = row_at(map, w.entry.key.address);
    ASSERT_NE(row, nullptr);
    EXPECT_TRUE(allowed(map, *row, flags)) << w.entry.name;
  }
  const auto journal = journal::read_journal(outcome.journal_text);
  ASSERT_TRUE(journal) << map.id << ": " << outcome.journal_text.substr(0, 200);
  const auto& state = journal.value();
  EXPECT_TRUE(state.pending.empty()) << map.id;
  EXPECT_TRUE(state.ended) << map.id;
  EXPECT_EQ(state.registers_journalled, summary.written.size());
  ASSERT_EQ(state.runs.size(), 1U);
  EXPECT_EQ(state.runs[0].command, "fuzz");
  // Every register written was journalled first: the written rows are all in the journal.
  for (const auto& w : writes) {
    const auto* row = row_at(map, w.first);
    ASSERT_NE(row, nullptr);
    EXPECT_TRUE(std::ranges::any_of(
        summary.written,
        [&](const WrittenRegister& r) { return r.entry.key.address == row->address; }))
        << map.id << ": " << row->name << " written but not journalled";
  }
}

class FuzzWrites : public ::testing::TestWithParam<std::tuple<std::string, bool>> {};

TEST_P(FuzzWrites, WritesOnlyAllowedClassesAndRestoresEveryRegister) {
  const auto& [id, everything] = GetParam();
  const auto& map = *models::find_map(id);
  const Flags flags{everything, everything};
  Server server;
  const auto before = snapshot(server.port(), map);
  ASSERT_FALSE(before.empty());
  server.handler().clear();
  const auto outcome =
      fuzz(server, map, flags, id + (everything ? "-all" : "-settings"), 1500, 20s);
  EXPECT_EQ(outcome.summary.end, FuzzSummary::End::kCompleted) << outcome.summary.reason;
  EXPECT_EQ(outcome.summary.frames, 1500U);
  EXPECT_EQ(outcome.summary.refused, 0U);
  expect_safe_and_restored(server, map, flags, outcome, before);
}

INSTANTIATE_TEST_SUITE_P(EveryMap, FuzzWrites,
                         ::testing::Combine(::testing::Values("conext-bms", "conext-ags",
                                                              "enapter-el21"),
                                            ::testing::Bool()),
                         [](const auto& param_info) {
                           std::string name =
                               std::get<0>(param_info.param) +
                               (std::get<1>(param_info.param) ? "_all" : "_settings");
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

// Four connections writing at once share one journal: every register any of them wrote was
// journalled before, once, and is back at the end; the frame cap holds for all of them together
// (each may send the one it had started).
TEST(FuzzWritesOnSeveralConnections, ShareOneJournalAndRestoreEveryRegister) {
  for (const std::string id : {"conext-ags", "enapter-el21"}) {
    const auto& map = *models::find_map(id);
    const Flags flags{true, false};
    Server server;
    const auto before = snapshot(server.port(), map);
    server.handler().clear();
    const auto outcome = fuzz(server, map, flags, id + "-connections", 1500, 20s, nullptr, 4);
    EXPECT_EQ(outcome.summary.end, FuzzSummary::End::kCompleted) << outcome.summary.reason;
    EXPECT_EQ(outcome.summary.connections, 4U);
    EXPECT_GE(outcome.summary.frames, 1500U);
    EXPECT_LE(outcome.summary.frames, 1503U);
    expect_safe_and_restored(server, map, flags, outcome, before);
  }
}

// Raises `interrupt` once the run has written a few registers (or after 10 s, and the test
// fails).
std::thread interrupt_after_writes(Server& server, std::atomic<bool>& interrupt) {
  return std::thread([&server, &interrupt] {
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (server.handler().writes().size() < 5 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(5ms);
    interrupt = true;
  });
}

// SIGINT mid-run (the CLI's InterruptFlag raises this flag): the run stops, then puts back
// everything it wrote, on a client without the flag.
TEST(FuzzWritesInterrupted, RestoresEveryRegisterAfterTheInterrupt) {
  for (const auto& [id, flags] :
       {std::pair{"conext-ags", Flags{}}, std::pair{"enapter-el21", Flags{true, false}}}) {
    const auto& map = *models::find_map(id);
    Server server;
    const auto before = snapshot(server.port(), map);
    server.handler().clear();
    std::atomic<bool> interrupt{false};
    std::thread raiser = interrupt_after_writes(server, interrupt);
    const auto outcome =
        fuzz(server, map, flags, std::string(id) + "-interrupted", 0, 0s, &interrupt);
    raiser.join();
    EXPECT_EQ(outcome.summary.end, FuzzSummary::End::kInterrupted) << id;
    expect_safe_and_restored(server, map, flags, outcome, before);
  }
}

// The same on four connections: the interrupt ends every one of them, then the restore runs.
TEST(FuzzWritesInterrupted, OnSeveralConnectionsRestoresEveryRegister) {
  const auto& map = *models::find_map("conext-ags");
  Server server;
  const auto before = snapshot(server.port(), map);
  server.handler().clear();
  std::atomic<bool> interrupt{false};
  std::thread raiser = interrupt_after_writes(server, interrupt);
  const auto outcome =
      fuzz(server, map, Flags{}, "ags-interrupted-connections", 0, 0s, &interrupt, 4);
  raiser.join();
  EXPECT_EQ(outcome.summary.end, FuzzSummary::End::kInterrupted);
  EXPECT_EQ(outcome.summary.connections, 4U);
  expect_safe_and_restored(server, map, Flags{}, outcome, before);
}

}  // namespace
}  // namespace mbh::netfuzz
