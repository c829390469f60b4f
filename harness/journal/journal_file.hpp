#pragma once
// The journal on disk: opened at its first record (a run that writes nothing leaves no file),
// every line appended and flushed with fsync before the caller goes on, so that what a write
// announces is on disk before the write is sent.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "harness/journal/journal_record.hpp"

namespace mbh::journal {

class JournalWriter {
 public:
  // `path` empty: a new file mbharness-journal-YYYYMMDDTHHMMSSZ-PID.jsonl in the current
  // directory. An existing `path` is appended to (a new run's header after what it holds).
  JournalWriter(std::string path, JournalHeader header);
  // Lines are still written at once, but not forced to disk: for tests that make thousands
  // of runs, never for a run against a device.
  void skip_fsync_for_tests() { fsync_ = false; }
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Called once, with the path, when the file is opened (before its first record).
  void on_open(std::function<void(const std::string&)> callback) { on_open_ = std::move(callback); }

  // Appends `line` (with its newline) and flushes it to disk. The error sentence when it could
  // not: the write it announces must then not be made.
  std::optional<std::string> append(std::string_view line);

  bool opened() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }  // the default name once opened
  const JournalHeader& header() const { return header_; }

 private:
  std::optional<std::string> open();

  std::string path_;
  JournalHeader header_;
  std::function<void(const std::string&)> on_open_;
  int fd_ = -1;
  bool fsync_ = true;
  std::optional<std::string> broken_;  // once a write failed, every later one fails too
};

// The current time as the journal and the reports write it: "2026-12-06T14:20:00Z".
std::string utc_now_iso8601();
std::int64_t unix_now();

}  // namespace mbh::journal
