#include "harness/netfuzz/fuzz_shared.hpp"

#include <utility>

#include "harness/codec/mbap_header.hpp"
#include "harness/journal/journal_record.hpp"

namespace mbh::netfuzz {
namespace {

journal::JournalHeader journal_header(const FuzzOptions& options) {
  journal::JournalHeader header;
  header.tool_version = options.tool_version;
  header.command = "fuzz";
  header.map = std::string(options.map->id);
  header.target = client::target_text(options.target);
  header.unit = options.unit;
  header.started = journal::utc_now_iso8601();
  return header;
}

}  // namespace

client::ClientOptions fuzz_client_options(const FuzzOptions& options) {
  return {.connect_timeout = options.timeout,
          .response_timeout = options.timeout,
          .interrupt = options.interrupt,
          .tap = options.tap,
          .reset_on_close = true};
}

FindingKey finding_key(const Finding& finding, const SentFrame& trigger) {
  const bool anomaly = finding.kind == Verdict::kAnomaly;
  const int function = trigger.bytes.size() > codec::kMbapSize &&
                               finding.anomaly != Anomaly::kAnsweredForeignProtocol
                           ? std::to_integer<int>(trigger.bytes[codec::kMbapSize])
                           : -1;
  return {finding.kind, finding.anomaly, anomaly ? FrameKind::kModelRead : trigger.kind, function};
}

FuzzShared::FuzzShared(const FuzzOptions& options, std::ostream& out)
    : progress(out),
      journal(*options.map, options.unit, journal_header(options), options.journal_path,
              journal_notes) {}

void FuzzShared::say(const std::string& text) {
  const std::scoped_lock lock(progress_mutex);
  progress << text;
  progress.flush();
}

void FuzzShared::pass_journal_notes() {
  if (journal_notes.tellp() <= 0) return;
  say(journal_notes.str());
  journal_notes.str({});
}

void FuzzShared::end(FuzzSummary::End how, std::string why) {
  const std::scoped_lock lock(end_mutex);
  if (!stop.exchange(true)) {
    end_how = how;
    reason = std::move(why);
  }
}

}  // namespace mbh::netfuzz
