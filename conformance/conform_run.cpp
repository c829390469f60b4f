#include "conformance/conform_run.hpp"

#include <algorithm>
#include <chrono>

#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "conformance/write_restore.hpp"
#include "harness/journal/journal_file.hpp"
#include "models/readout.hpp"

namespace mbh::conformance {

std::optional<std::string> ClientChannel::open() {
  auto connected = client_.connect();
  if (connected) return std::nullopt;
  return connected.error();
}

RunReport start_report(const ConformOptions& options) {
  RunReport report;
  report.map = std::string(options.map->id);
  report.target = options.target;
  report.unit = options.unit;
  report.seed = options.seed;
  report.started = journal::utc_now_iso8601();
  report.options.strict = options.strict;
  report.options.read_only = options.read_only;
  report.options.allow_actuation = options.allow_actuation;
  report.options.allow_destructive = options.allow_destructive;
  report.options.only = options.only;
  return report;
}

RunReport run_conformance(DeviceChannel& channel, const ConformOptions& options,
                          const std::atomic<bool>* interrupt) {
  return run_conformance(channel, options, RunControl{interrupt, nullptr, nullptr, {}, {}});
}

namespace {

// The values each write record holds, as the readout shows them (with units, enum names).
void describe_writes(const models::RegisterMap& map, RunReport& report) {
  const auto text = [&](const WriteRecord& write, const std::vector<std::uint16_t>& words) {
    if (words.empty()) return std::string();
    const auto entries = models::read_out(map, write.space, write.address, words);
    return entries.size() == 1 && entries.front().row->address == write.address
               ? entries.front().text
               : std::string();
  };
  for (WriteRecord& write : report.writes) {
    write.original_text = text(write, write.original);
    write.written_text = text(write, write.written);
  }
}

}  // namespace

RunReport run_conformance(DeviceChannel& channel, const ConformOptions& options,
                          const RunControl& control) {
  const auto started = std::chrono::steady_clock::now();
  RunReport report = start_report(options);

  Session session(channel, options, report, control.interrupt, control.journal);
  const std::uint64_t sent_before = channel.requests_sent();
  // The suites this run takes: those with a rule it checks.
  std::vector<const Suite*> taken;
  for (const Suite& suite : suites()) {
    if (std::ranges::any_of(suite.rules, [&](auto rule) { return session.wants(rule); })) {
      taken.push_back(&suite);
    }
  }
  RunProgress progress{"", 0, taken.size(), 0, 0, 0, {}};
  const auto elapsed = [&] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 started);
  };
  if (control.progress) {
    session.on_exchange([&] {
      for (; progress.checks < report.checks.size(); ++progress.checks) {
        const auto status = report.checks[progress.checks].status;
        if (status == models::Status::kFail || status == models::Status::kWarn) ++progress.failing;
      }
      progress.requests = channel.requests_sent() - sent_before;
      progress.elapsed = elapsed();
      control.progress(progress);
    });
  }
  if (session.open()) {
    for (const Suite* suite : taken) {
      ++progress.suite_number;
      // The R-MBAP summary sends nothing: it also runs after the run stopped.
      const bool summary = suite->run == run_mbap_summary;
      if (session.stopped() && !summary) continue;
      progress.suite = suite->name;
      suite->run(session);
      if (control.after_suite) {
        report.requests_sent = channel.requests_sent() - sent_before;
        report.duration = elapsed();
        if (control.journal != nullptr && control.journal->opened()) {
          report.journal = control.journal->path();
        }
        describe_writes(*options.map, report);
        control.after_suite(report);
      }
    }
    progress.suite = "restore";
    session.resume_for_restore(control.abort_restore);
    restore_writes(session);
    if (!session.heard() && !session.interrupted() && channel.requests_sent() > sent_before) {
      // Connected and asked, but not a byte ever came back: no check could really run.
      report.unreachable = true;
      if (!report.stopped)
        report.stopped = "the device accepted the connection but answered nothing";
    }
  }
  if (control.journal != nullptr && control.journal->opened()) {
    report.journal = control.journal->path();
  }
  report.interrupted = session.interrupted();
  if (report.interrupted && !report.stopped) report.stopped = "interrupted";
  report.requests_sent = channel.requests_sent() - sent_before;
  report.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  describe_writes(*options.map, report);
  report.complete = true;
  return report;
}

}  // namespace mbh::conformance
