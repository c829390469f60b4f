// A run killed at every write (SIGKILL, a crash of the machine), then restored from its
// journal: every holding register of the device reads what it read before the run. Emulated
// in process so that every k of every map fits in seconds: the channel to the simulator dies
// once the k-th write was answered (nothing more is sent, no restore runs: the run's code is
// left by an exception, as a killed process leaves it), and the journal's restore steps (the
// ones `mbharness restore` takes) run against the same simulator. The CLI test
// journal_cli_test.sh does the same with real signals for a sample of k.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "conformance/conform_run.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"
#include "harness/journal/register_restore.hpp"
#include "harness/simulator/simulator.hpp"
#include "models/map_catalog.hpp"

namespace mbh::conformance {
namespace {

struct Killed {};

// Request and answer through Simulator::handle, as the TCP server would pass them.
std::vector<std::byte> answer_of(simulator::Simulator& device, std::uint8_t unit,
                                 std::span<const std::byte> pdu, std::uint16_t id,
                                 std::vector<std::byte>& request) {
  const auto length = static_cast<std::uint16_t>(pdu.size() + 1);
  const codec::MbapHeader header{id, 0, length, unit};
  request.resize(codec::kMbapSize + pdu.size());
  codec::encode_mbap(header, std::span<std::byte>(request).first<codec::kMbapSize>());
  std::ranges::copy(pdu, request.begin() + codec::kMbapSize);
  auto reply = std::make_unique<transport::Reply>();
  device.handle(codec::Adu{header, pdu}, *reply);
  if (reply->action != transport::Reply::Action::kSend) return {};
  return {reply->frame().begin(), reply->frame().end()};
}

// Dies (SIGKILL) once the k-th write was answered; or, given `interrupt`, raises it there
// instead (SIGINT: the run stops and restores by itself).
class DyingChannel final : public DeviceChannel {
 public:
  DyingChannel(simulator::Simulator& device, std::uint64_t die_after_writes,
               std::atomic<bool>* interrupt = nullptr)
      : device_(device), die_after_(die_after_writes), interrupt_(interrupt) {}
  std::optional<std::string> open() override { return std::nullopt; }
  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override {
    if (dead_) throw Killed{};
    client::ClientExchange out;
    out.transaction_id = transaction_id.value_or(next_id_++);
    out.response = answer_of(device_, unit, pdu, out.transaction_id, out.request);
    out.status =
        out.response.empty() ? client::ExchangeStatus::kTimeout : client::ExchangeStatus::kAnswered;
    ++sent_;
    const auto function = std::to_integer<std::uint8_t>(pdu[0]);
    if ((function == 0x06 || function == 0x10) && ++writes_ == die_after_) {
      if (interrupt_ != nullptr) {
        interrupt_->store(true);
      } else {
        dead_ = true;
      }
    }
    return out;
  }
  std::uint64_t requests_sent() const override { return sent_; }
  std::uint64_t writes() const { return writes_; }

 private:
  simulator::Simulator& device_;
  std::uint64_t die_after_;
  std::atomic<bool>* interrupt_;
  std::uint64_t writes_ = 0;
  std::uint64_t sent_ = 0;
  std::uint16_t next_id_ = 1;
  bool dead_ = false;
};

// The restore's RegisterAccess straight to the simulator.
class SimulatorAccess final : public journal::RegisterAccess {
 public:
  SimulatorAccess(simulator::Simulator& device, std::uint8_t unit) : device_(device), unit_(unit) {}
  std::optional<std::vector<std::uint16_t>> read(models::Space space, std::uint16_t address,
                                                 std::uint16_t count) override {
    const codec::Request request =
        space == models::Space::kInput
            ? codec::Request{codec::ReadInputRegistersRequest{address, count}}
            : codec::Request{codec::ReadHoldingRegistersRequest{address, count}};
    const auto response = send(request);
    if (!response) return std::nullopt;
    if (const auto* h = std::get_if<codec::ReadHoldingRegistersResponse>(&*response)) {
      return std::vector<std::uint16_t>(h->values.begin(), h->values.end());
    }
    if (const auto* i = std::get_if<codec::ReadInputRegistersResponse>(&*response)) {
      return std::vector<std::uint16_t>(i->values.begin(), i->values.end());
    }
    return std::nullopt;
  }
  bool write(std::uint16_t address, std::span<const std::uint16_t> words, bool multiple) override {
    codec::Request request = codec::WriteSingleRegisterRequest{address, words.front()};
    if (multiple || words.size() > 1) {
      codec::WriteMultipleRegistersRequest many{address, {}};
      many.values.assign(words.begin(), words.end());
      request = many;
    }
    const auto response = send(request);
    return response && !std::holds_alternative<codec::ExceptionResponse>(*response);
  }

 private:
  std::optional<codec::Response> send(const codec::Request& request) {
    std::array<std::byte, codec::kMaxPduSize> pdu{};
    const auto size = codec::encode_request(request, pdu);
    std::vector<std::byte> sent;
    const auto frame = answer_of(device_, unit_, std::span(pdu).first(size.value()), 7, sent);
    const auto adu = codec::decode_adu(frame);
    if (!adu) return std::nullopt;
    auto response = codec::decode_response(adu.value().pdu, request);
    if (!response) return std::nullopt;
    return std::move(response).value();
  }

  simulator::Simulator& device_;
  std::uint8_t unit_;
};

// Every writable holding row's registers, read whole (read-only ones hold live values that
// move on by themselves, and so does the clock).
std::map<std::uint16_t, std::vector<std::uint16_t>> holding_values(SimulatorAccess& device,
                                                                   const models::RegisterMap& map) {
  std::map<std::uint16_t, std::vector<std::uint16_t>> values;
  for (const auto& row : map.rows) {
    if (row.space != models::Space::kHolding || row.access != models::Access::kReadWrite ||
        row.safety == models::SafetyClass::kClock) {
      continue;
    }
    const auto words =
        device.read(row.space, row.address, static_cast<std::uint16_t>(row.type.register_count()));
    values[row.address] = words.value_or(std::vector<std::uint16_t>{});
  }
  return values;
}

simulator::SimulatorOptions one_device(const models::RegisterMap& map) {
  simulator::SimulatorOptions options;
  options.devices = {{&map, map.first_unit}};
  return options;
}

// A default run of `map` (fewer random reads: they write nothing).
ConformOptions run_options(const models::RegisterMap& map) {
  ConformOptions options;
  options.map = &map;
  options.unit = map.first_unit;
  options.target = "127.0.0.1:5020";
  options.seed = 1;
  options.random_reads = 20;
  return options;
}

journal::JournalHeader header_of(const ConformOptions& options) {
  return {"test", "conform", std::string(options.map->id), options.target, options.unit, "now"};
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The addresses whose values differ, one after another ("" when every one is back).
std::string not_back(const std::map<std::uint16_t, std::vector<std::uint16_t>>& before,
                     const std::map<std::uint16_t, std::vector<std::uint16_t>>& after) {
  std::string text;
  for (const auto& [address, words] : before) {
    if (after.at(address) != words) text += std::to_string(address) + " not back; ";
  }
  return text;
}

struct KillOutcome {
  std::uint64_t writes = 0;  // writes the run sent before it died (or in all)
  std::size_t pending = 0;   // what the journal held as not restored
  std::string differences;   // registers not back after the restore
};

KillOutcome kill_and_restore(const models::RegisterMap& map, std::uint64_t k,
                             const std::string& journal_path) {
  simulator::Simulator device(one_device(map));
  SimulatorAccess access(device, map.first_unit);
  const auto before = holding_values(access, map);

  const ConformOptions options = run_options(map);
  std::filesystem::remove(journal_path);
  journal::JournalWriter journal(journal_path, header_of(options));
  journal.skip_fsync_for_tests();
  DyingChannel channel(device, k);
  try {
    run_conformance(channel, options, RunControl{nullptr, nullptr, &journal, {}, {}});
  } catch (const Killed&) {
  }
  KillOutcome outcome;
  outcome.writes = channel.writes();
  const std::string text = file_text(journal_path);
  if (text.empty()) return outcome;
  const auto state = journal::read_journal(text);
  if (!state) {
    outcome.differences = "journal unreadable: " + state.error();
    return outcome;
  }
  outcome.pending = state.value().pending.size() + state.value().open_sequences.size();
  for (const auto& work : journal::work_of(state.value())) {
    journal::restore_device(
        access, work, [](const std::string&) {}, [] { return false; }, 0);
  }
  outcome.differences = not_back(before, holding_values(access, map));
  return outcome;
}

// Interrupted at the k-th write: the run restores by itself (rolling back a configuration
// sequence it had open), and its journal is left with nothing to do.
std::string interrupt_and_compare(const models::RegisterMap& map, std::uint64_t k,
                                  const std::string& journal_path) {
  simulator::Simulator device(one_device(map));
  SimulatorAccess access(device, map.first_unit);
  const auto before = holding_values(access, map);
  const ConformOptions options = run_options(map);
  std::filesystem::remove(journal_path);
  journal::JournalWriter journal(journal_path, header_of(options));
  journal.skip_fsync_for_tests();
  std::atomic<bool> interrupt{false};
  DyingChannel channel(device, k, &interrupt);
  const RunReport report =
      run_conformance(channel, options, RunControl{&interrupt, nullptr, &journal, {}, {}});
  std::string problems;
  if (!report.interrupted) problems += "not interrupted; ";
  if (left_changed(report)) problems += "left changed; ";
  const std::string text = file_text(journal_path);
  if (!text.empty()) {
    const auto state = journal::read_journal(text);
    if (!state || !state.value().pending.empty() || !state.value().open_sequences.empty()) {
      problems += "the journal holds work; ";
    }
  }
  return problems + not_back(before, holding_values(access, map));
}

class JournalKill : public ::testing::TestWithParam<const char*> {};

TEST_P(JournalKill, EveryWriteKilledThenRestoredLeavesEveryRegisterAsItWas) {
  const models::RegisterMap& map = *models::find_map(GetParam());
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("mbh-kill-" + std::string(GetParam()) + "-" + std::to_string(::getpid()) + ".jsonl"))
          .string();
  const KillOutcome whole = kill_and_restore(map, 0, path);
  ASSERT_GT(whole.writes, 0U);
  ASSERT_EQ(whole.differences, "");
  std::size_t left_pending = 0;
  for (std::uint64_t k = 1; k <= whole.writes; ++k) {
    const KillOutcome killed = kill_and_restore(map, k, path);
    ASSERT_EQ(killed.writes, k);
    EXPECT_EQ(killed.differences, "") << "killed after write " << k << " of " << whole.writes;
    if (killed.pending > 0) ++left_pending;
  }
  // The kills must have left work to do (else the test shows nothing).
  EXPECT_GT(left_pending, whole.writes / 2) << "of " << whole.writes << " kills";
  std::filesystem::remove(path);
  RecordProperty("writes", static_cast<int>(whole.writes));
}

TEST_P(JournalKill, EveryWriteInterruptedRestoresByItself) {
  const models::RegisterMap& map = *models::find_map(GetParam());
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("mbh-int-" + std::string(GetParam()) + "-" + std::to_string(::getpid()) + ".jsonl"))
          .string();
  const std::uint64_t writes = kill_and_restore(map, 0, path).writes;
  for (std::uint64_t k = 1; k <= writes; ++k) {
    EXPECT_EQ(interrupt_and_compare(map, k, path), "") << "interrupted at write " << k;
  }
  std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(EveryMap, JournalKill,
                         ::testing::Values("conext-bms", "conext-ags", "enapter-el21"));

}  // namespace
}  // namespace mbh::conformance
