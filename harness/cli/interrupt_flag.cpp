#include "harness/cli/interrupt_flag.hpp"

#include <csignal>

namespace mbh::cli {
namespace {

std::atomic<bool> g_raised{false};

extern "C" void on_interrupt(int /*signal*/) {
  g_raised.store(true);
}

}  // namespace

InterruptFlag::InterruptFlag() {
  g_raised.store(false);
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

InterruptFlag::~InterruptFlag() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>* InterruptFlag::flag() const {
  return &g_raised;
}

bool InterruptFlag::raised() const {
  return g_raised.load();
}

}  // namespace mbh::cli
