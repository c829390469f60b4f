#include "harness/cli/interrupt_flag.hpp"

#include <unistd.h>

#include <array>
#include <csignal>

namespace mbh::cli {
namespace {

std::atomic<bool> g_raised{false};
std::atomic<bool> g_aborted{false};
std::atomic<int> g_signal{0};

constexpr std::array kStopSignals{SIGINT, SIGTERM, SIGHUP};

void install(void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking call returns, and the run looks at the flag
  for (const int number : kStopSignals)
    sigaction(number, &action, nullptr);
}

extern "C" void on_signal(int number) {
  if (!g_raised.exchange(true)) {
    g_signal.store(number);
    return;
  }
  if (!g_aborted.exchange(true)) {
    install(SIG_DFL);
    constexpr char kSaid[] =
        "\nmbharness: second signal: the restore stops here; what is left is listed below "
        "(another signal ends mbharness at once)\n";
    [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, kSaid, sizeof kSaid - 1);
  }
}

}  // namespace

InterruptFlag::InterruptFlag() {
  g_raised.store(false);
  g_aborted.store(false);
  g_signal.store(0);
  install(on_signal);
  std::signal(SIGPIPE, SIG_IGN);
}

InterruptFlag::~InterruptFlag() {
  install(SIG_DFL);
  std::signal(SIGPIPE, SIG_DFL);
}

const std::atomic<bool>* InterruptFlag::flag() const {
  return &g_raised;
}

const std::atomic<bool>* InterruptFlag::abort_flag() const {
  return &g_aborted;
}

bool InterruptFlag::raised() const {
  return g_raised.load();
}

bool InterruptFlag::aborted() const {
  return g_aborted.load();
}

int InterruptFlag::signal_number() const {
  return g_signal.load();
}

}  // namespace mbh::cli
