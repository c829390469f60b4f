#include "harness/netfuzz/restart_command.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace mbh::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// The shell's $? for a wait status: the exit code, or 128 + the signal that ended it.
int shell_status(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return wait_status;
}

// The group gets SIGTERM, then after a grace SIGKILL; the child is always reaped.
void kill_group(pid_t child) {
  ::kill(-child, SIGTERM);
  const auto grace = Clock::now() + std::chrono::milliseconds(500);
  int status = 0;
  while (Clock::now() < grace) {
    if (::waitpid(child, &status, WNOHANG) == child) {
      ::kill(-child, SIGKILL);  // what the shell left behind in its group
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-child, SIGKILL);
  ::waitpid(child, &status, 0);
}

}  // namespace

CommandOutcome run_restart_command(const std::string& command, std::chrono::milliseconds limit,
                                   const std::atomic<bool>* interrupt) {
  const pid_t child = ::fork();
  if (child < 0) {
    return {CommandOutcome::End::kNotStarted, 0, fmt::format("fork: {}", std::strerror(errno))};
  }
  if (child == 0) {
    ::setpgid(0, 0);  // a group of its own: a timeout kills what it started too
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);  // as the shell says for a command it cannot run
  }
  ::setpgid(child, child);  // both sides, so that no kill can come before the child's own call
  const auto deadline = Clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) return {CommandOutcome::End::kExited, shell_status(status), ""};
    if (done < 0 && errno != EINTR) {
      return {CommandOutcome::End::kNotStarted, 0,
              fmt::format("waitpid: {}", std::strerror(errno))};
    }
    if (interrupt != nullptr && interrupt->load()) {
      kill_group(child);
      return {CommandOutcome::End::kInterrupted, 0, ""};
    }
    if (Clock::now() >= deadline) {
      kill_group(child);
      return {CommandOutcome::End::kTimedOut, 0, ""};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string describe(const CommandOutcome& outcome, std::chrono::milliseconds limit) {
  switch (outcome.end) {
    case CommandOutcome::End::kExited:
      return outcome.status == 127 ? "exited with status 127 (command not found?)"
                                   : fmt::format("exited with status {}", outcome.status);
    case CommandOutcome::End::kTimedOut:
      return fmt::format("was still running after {} ms (--restart-wait): killed", limit.count());
    case CommandOutcome::End::kInterrupted:
      return "was interrupted: killed";
    case CommandOutcome::End::kNotStarted:
      return "could not be started: " + outcome.error;
  }
  return "ended";
}

}  // namespace mbh::netfuzz
