#include "harness/journal/journal_file.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace mbh::journal {
namespace {

std::string errno_text() {
  return std::strerror(errno);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t put = ::write(fd, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;  // a signal during the write: not an error
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(put));
  }
  return true;
}

int fsync_retrying(int fd) {
  int result = 0;
  do {
    result = ::fsync(fd);
  } while (result != 0 && errno == EINTR);
  return result;
}

// The new file's directory entry must survive a crash too.
void sync_directory(const std::string& path) {
  const auto parent = std::filesystem::absolute(path).parent_path();
  const int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  fsync_retrying(dir);
  ::close(dir);
}

std::string default_name() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("mbharness-journal-{:%Y%m%dT%H%M%SZ}-{}.jsonl", utc, ::getpid());
}

// Whether an existing file ends inside a line (its writer died mid-line).
bool ends_mid_line(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size <= 0) return false;
  char last = '\n';
  if (::pread(fd, &last, 1, size - 1) != 1) return false;
  return last != '\n';
}

}  // namespace

JournalWriter::JournalWriter(std::string path, JournalHeader header)
    : path_(std::move(path)), header_(std::move(header)) {}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<std::string> JournalWriter::open() {
  const bool fresh = path_.empty();
  if (fresh) path_ = default_name();
  const int flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | (fresh ? O_EXCL : 0);
  fd_ = ::open(path_.c_str(), flags, 0644);
  if (fd_ < 0) return fmt::format("cannot open the write journal '{}': {}", path_, errno_text());
  // A run before this one died mid-line: end that line, so this run's header stands alone.
  std::string lead = ends_mid_line(fd_) ? "\n" : "";
  if (!write_all(fd_, lead + header_line(header_)) || fsync_retrying(fd_) != 0) {
    const auto why = fmt::format("cannot write the write journal '{}': {}", path_, errno_text());
    ::close(fd_);
    fd_ = -1;
    return why;
  }
  sync_directory(path_);
  if (on_open_) on_open_(path_);
  return std::nullopt;
}

std::optional<std::string> JournalWriter::append(std::string_view line) {
  if (broken_) return broken_;
  if (fd_ < 0) {
    if (auto error = open()) {
      broken_ = error;
      return error;
    }
  }
  if (!write_all(fd_, line) || (fsync_ && fsync_retrying(fd_) != 0)) {
    broken_ = fmt::format("cannot write the write journal '{}': {}", path_, errno_text());
    return broken_;
  }
  return std::nullopt;
}

std::string utc_now_iso8601() {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace mbh::journal
