#pragma once
// A conformance run's state shared by the suites: the channel to the device, what the run
// knows the device holds, the checks and writes recorded so far, and when to stop. Every
// request goes through send(), which also watches the framing of every answer (R-MBAP).
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "conformance/check_id.hpp"
#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "conformance/probe.hpp"
#include "conformance/run_report.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"
#include "models/expectation.hpp"
#include "models/oracle.hpp"

namespace mbh::conformance {

// A framing problem seen in some answer during the run: the first example and how often.
struct FramingFinding {
  std::string kind;     // "transaction id", "unit id", "MBAP length", "exception flag", ...
  std::string message;  // about the first example
  Probe first;
  std::size_t count = 0;
};

class Session {
 public:
  // `journal` (may be null: then the journal is kept in memory only) gets the original of
  // every register before the first write that may change it (INTERFACE.md).
  Session(DeviceChannel& channel, const ConformOptions& options, RunReport& report,
          const std::atomic<bool>* interrupt, journal::JournalWriter* journal = nullptr);

  const models::RegisterMap& map() const { return *options_.map; }
  std::uint8_t unit() const { return options_.unit; }
  const ConformOptions& options() const { return options_; }
  models::Target target() const { return {options_.map, options_.unit}; }
  models::KnownState& state() { return state_; }

  // Connects; false (and the report says unreachable) when the device cannot be reached.
  bool open();
  // Interrupted, or the device stopped answering: suites return, nothing more is sent.
  bool stopped() const;
  bool interrupted() const;
  bool wants(models::RuleId rule) const;                          // --only
  std::optional<models::Level> level(models::RuleId rule) const;  // n/a: nullopt
  // Why the run may not write `row` (--read-only, its safety class), or nothing.
  std::optional<std::string> write_refusal(const models::RegisterRow& row) const;

  // Sends one request (to the device's unit unless told). Never records a check by itself,
  // but notes framing problems for the R-MBAP suite.
  Probe send(const codec::Request& request, std::optional<std::uint8_t> unit = std::nullopt,
             std::optional<std::uint16_t> transaction_id = std::nullopt);
  Probe send_pdu(std::span<const std::byte> pdu, std::optional<std::uint8_t> unit = std::nullopt,
                 std::optional<std::uint16_t> transaction_id = std::nullopt);

  // The oracle's verdict on a probe: judged on its answer, or on what went wrong instead.
  models::Verdict judge(const models::Expectation& expectation, const Probe& probe) const;

  // Sends, asks the oracle, judges, records; accepted writes update state().
  Probe check(std::string name, const codec::Request& request,
              std::optional<std::uint8_t> unit = std::nullopt);
  Probe check_pdu(std::string name, std::span<const std::byte> pdu,
                  std::optional<std::uint8_t> unit = std::nullopt);

  // Records a check. `probe` is the request that shows it (for the report's frames and the
  // reproduce command), `steps` the requests sent before it that the reproduction needs.
  void record(const models::Verdict& verdict, std::string name, std::optional<models::Space> space,
              std::optional<std::uint16_t> address, const Probe* probe,
              std::span<const Probe* const> steps = {});
  // A check decided by the suite itself (not by the oracle); the level is the map's.
  void record(models::RuleId rule, models::Status status, std::string name,
              std::optional<models::Space> space, std::optional<std::uint16_t> address,
              std::string message, const Probe* probe, std::span<const Probe* const> steps = {});
  void skip(models::RuleId rule, std::string name, std::string why,
            std::optional<models::Space> space = std::nullopt,
            std::optional<std::uint16_t> address = std::nullopt);

  // A read whose check is not recorded (learning a value before writing it).
  std::optional<std::vector<std::uint16_t>> read(models::Space space, std::uint16_t first,
                                                 std::uint16_t quantity);

  // The write journal. Every write request send() lets out to the device's unit first has
  // the original of each row it may change on disk (read now unless journal_original gave
  // it), and Enapter's configuration sequence is journalled open before Begin and closed
  // after Commit. RunReport::writes lists the rows a write changed (was accepted for).
  // A suite that read a row's value before writing it hands it over (no second read).
  void journal_original(const models::RegisterRow& row, std::vector<std::uint16_t> original);
  // The last value the suite wrote to the whole row (accepted).
  void journal_written(const models::RegisterRow& row, std::vector<std::uint16_t> written);
  // The row is back (verified) or not; `wrote`: a restoring write was sent.
  void journal_restored(const models::RegisterRow& row, bool restored, std::string note,
                        bool wrote = true);
  // The journal record of a row to restore: how to put it back, from the model.
  std::optional<journal::JournalRegister> journal_entry_of(const models::RegisterRow& row) const;
  // Rows journalled and not yet back, in the order they were first journalled.
  std::vector<const models::RegisterRow*> rows_to_restore() const;
  // Whether a configuration sequence was opened (Begin sent) and not closed by an accepted
  // Commit or roll back.
  bool sequence_open() const { return sequence_open_; }
  // The run ended: the journal says so.
  void journal_end();
  const journal::JournalWriter* journal_file() const { return journal_file_; }

  const std::vector<FramingFinding>& framing_findings() const { return framing_; }
  std::size_t answers() const { return answers_; }  // usable answers so far
  bool heard() const { return heard_; }             // any bytes at all came back
  std::string reproduce(std::span<const Probe* const> steps) const;

  // The run stops: no more suites (the write restore still runs).
  void stop(std::string why);
  // Lets requests out again after the suites stopped (for the restore), through the
  // channel's restore connection. `abort` (may be null): a second signal ends the restore.
  void resume_for_restore(const std::atomic<bool>* abort = nullptr);
  bool restore_aborted() const { return abort_ != nullptr && abort_->load(); }
  bool restoring() const { return restoring_; }

  RunReport& report() { return report_; }
  // Called after every request that went out (a progress line).
  void on_exchange(std::function<void()> callback) { on_exchange_ = std::move(callback); }

 private:
  void note_framing(const Probe& probe);
  // The frames the client discarded during the probe's exchange (an answer sent twice, one to a
  // request never sent, one sent unasked): R-MBAP findings, one per kind; any makes it heard.
  void note_discarded(const Probe& probe);
  void note_transport(const Probe& probe, bool silence_allowed);
  WriteRecord* journal_entry(const models::RegisterRow& row);
  WriteRecord& changed_entry(const models::RegisterRow& row);
  std::optional<std::string> append_journal(const std::string& line);
  // Before a write goes out: its rows' originals on disk. The reason it must not go out.
  std::optional<std::string> before_write(const codec::Request& request);
  void after_write(const codec::Request& request, const Probe& probe);

  struct Original {
    std::vector<std::uint16_t> words;
    std::int64_t read_at = 0;
    std::optional<std::vector<std::uint16_t>> carried;  // what the first write carried for it
  };

  DeviceChannel& channel_;
  const ConformOptions& options_;
  RunReport& report_;
  const std::atomic<bool>* interrupt_;
  models::KnownState state_;
  std::vector<FramingFinding> framing_;
  journal::JournalWriter* journal_file_;
  CheckIds ids_;
  std::function<void()> on_exchange_;
  std::map<const models::RegisterRow*, std::size_t> journal_;  // row -> report_.writes index
  std::map<const models::RegisterRow*, Original> originals_;
  std::vector<const models::RegisterRow*> on_file_;  // journalled, not yet back
  const std::atomic<bool>* abort_ = nullptr;
  bool sequence_open_ = false;
  std::size_t answers_ = 0;
  std::size_t consecutive_failures_ = 0;
  bool stopped_ = false;
  bool heard_ = false;
  bool restoring_ = false;
};

}  // namespace mbh::conformance
