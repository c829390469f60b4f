#include "harness/cli/restore_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <iterator>
#include <ostream>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/interrupt_flag.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/client/target_address.hpp"
#include "harness/journal/client_register_access.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"
#include "harness/journal/register_restore.hpp"

namespace mbh::cli {
namespace {

struct Tally {
  std::size_t back = 0;
  std::size_t not_back = 0;
  std::size_t unreachable = 0;
};

// Restores what one device holds; appends every outcome to the journal.
void restore_on(const journal::DeviceWork& work, const RestoreOptions& options,
                const InterruptFlag& interrupt, journal::JournalWriter& writer, Tally& tally,
                std::ostream& out) {
  const std::string target_text = options.target.empty() ? work.target : options.target;
  const auto unit = static_cast<std::uint8_t>(options.unit.value_or(work.unit));
  const std::size_t items = work.open_sequences.size() + work.registers.size();
  const auto target = client::parse_target(target_text);
  if (!target) {
    out << fmt::format("{}: bad target: {}\n", target_text, target.error());
    tally.unreachable += items;
    return;
  }
  client::ClientOptions client_options;
  client_options.connect_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.response_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.interrupt = interrupt.flag();
  client::ModbusClient client(target.value(), client_options);
  out << fmt::format("{} unit {}: {} to put back\n", client::target_text(target.value()), unit,
                     items);
  if (auto connected = client.connect(); !connected) {
    out << fmt::format("  cannot reach the device: {}\n", connected.error());
    tally.unreachable += items;
    return;
  }
  journal::ClientRegisterAccess device(client, unit);
  const auto outcomes = journal::restore_device(
      device, work, [&](const std::string& line) { writer.append(line); },
      [&] { return interrupt.raised(); }, journal::unix_now());
  for (const auto& item : outcomes) {
    out << fmt::format("  {}: {}: {}\n", item.what, item.restored ? "restored" : "NOT RESTORED",
                       item.how);
    ++(item.restored ? tally.back : tally.not_back);
  }
}

}  // namespace

void setup_restore(CLI::App& app, RestoreOptions& options) {
  CLI::App* sub = app.add_subcommand(
      "restore",
      "Put back what a run's write journal holds as not restored (a run killed, or whose restore "
      "failed): roll back an open configuration sequence, write each original, read it back.");
  sub->add_option("journal", options.journal, "the write journal (mbharness-journal-*.jsonl)")
      ->required();
  sub->add_option("--target", options.target,
                  "HOST[:PORT] of the device, when it is no longer where the journal says");
  sub->add_option("--unit", options.unit, "unit id (default: the journal's)")
      ->check(CLI::Range(0U, 255U));
  sub->add_option("--timeout", options.timeout_ms, "milliseconds to wait for each answer")
      ->check(CLI::Range(1U, 600000U));
  sub->footer(
      "Safe to run twice: each outcome is appended to the journal, and a register already back "
      "is only read.\nExit status: 0 all back, 4 some not (listed), 3 the device cannot be "
      "reached, 2 not a journal.");
}

int run_restore(const RestoreOptions& options, std::ostream& out, std::ostream& err) {
  std::ifstream in(options.journal, std::ios::binary);
  if (!in) {
    err << fmt::format("mbharness restore: cannot read '{}'\n", options.journal);
    return kUsage;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const auto read = journal::read_journal(text);
  if (!read) {
    err << fmt::format("mbharness restore: '{}' is {}\n", options.journal, read.error());
    return kUsage;
  }
  const journal::JournalState& state = read.value();
  if (!options.target.empty()) {
    if (auto target = client::parse_target(options.target); !target) {
      err << fmt::format("mbharness restore: bad --target '{}': {}\n", options.target,
                         target.error());
      return kUsage;
    }
  }
  if (state.damaged_lines > 0) {
    err << fmt::format("mbharness restore: {} damaged line(s) in the journal were skipped\n",
                       state.damaged_lines);
  }
  const auto work = journal::work_of(state);
  if (work.empty()) {
    out << fmt::format("nothing to restore: every value '{}' journalled ({} in all) is back\n",
                       options.journal, state.registers_journalled);
    return kOk;
  }
  const journal::JournalHeader& last = state.runs.back();
  journal::JournalWriter writer(
      options.journal, journal::JournalHeader{options.version, "restore", last.map, last.target,
                                              last.unit, journal::utc_now_iso8601()});
  const InterruptFlag interrupt;
  Tally tally;
  for (const journal::DeviceWork& device : work)
    restore_on(device, options, interrupt, writer, tally, out);
  writer.append(journal::end_line());

  out << fmt::format("{} back, {} not back, {} not reached\n", tally.back, tally.not_back,
                     tally.unreachable);
  if (tally.not_back + tally.unreachable == 0) return kOk;
  out << fmt::format(
      "the journal still holds what is not back: run `mbharness restore {}` again "
      "once the device answers\n",
      options.journal);
  if (tally.not_back == 0 && tally.back == 0) return kUnreachable;
  return kNotRestored;
}

}  // namespace mbh::cli
