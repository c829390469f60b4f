#pragma once
// A conformance run's state shared by the suites: the channel to the device, what the run
// knows the device holds, the checks and writes recorded so far, and when to stop. Every
// request goes through send(), which also watches the framing of every answer (R-MBAP).
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "conformance/probe.hpp"
#include "conformance/run_report.hpp"
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
  Session(DeviceChannel& channel, const ConformOptions& options, RunReport& report,
          const std::atomic<bool>* interrupt);

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

  // The write journal (RunReport::writes): the original before the first accepted write of a
  // row, the last value written, whether it was restored.
  void journal_original(const models::RegisterRow& row, std::vector<std::uint16_t> original);
  void journal_written(const models::RegisterRow& row, std::vector<std::uint16_t> written);
  void journal_restored(const models::RegisterRow& row, bool restored, std::string note);
  std::vector<const models::RegisterRow*> unrestored_rows() const;
  std::optional<std::vector<std::uint16_t>> original_of(const models::RegisterRow& row) const;
  std::optional<std::vector<std::uint16_t>> written_of(const models::RegisterRow& row) const;

  const std::vector<FramingFinding>& framing_findings() const { return framing_; }
  std::size_t answers() const { return answers_; }  // usable answers so far
  bool heard() const { return heard_; }             // any bytes at all came back
  std::string reproduce(std::span<const Probe* const> steps) const;

  // The run stops: no more suites (the write restore still runs).
  void stop(std::string why);
  // Lets requests out again after the suites stopped (for the restore).
  void resume_for_restore();

  RunReport& report() { return report_; }

 private:
  void note_framing(const Probe& probe);
  void note_transport(const Probe& probe, bool silence_allowed);
  WriteRecord* journal_entry(const models::RegisterRow& row);

  DeviceChannel& channel_;
  const ConformOptions& options_;
  RunReport& report_;
  const std::atomic<bool>* interrupt_;
  models::KnownState state_;
  std::vector<FramingFinding> framing_;
  std::map<const models::RegisterRow*, std::size_t> journal_;  // row -> report_.writes index
  std::size_t answers_ = 0;
  std::size_t consecutive_failures_ = 0;
  bool stopped_ = false;
  bool heard_ = false;
  bool restoring_ = false;
};

}  // namespace mbh::conformance
