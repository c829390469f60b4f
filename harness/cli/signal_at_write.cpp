#include "harness/cli/signal_at_write.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

#include "harness/codec/function_code.hpp"

namespace mbh::cli {

SignalAtWrite::SignalAtWrite(conformance::DeviceChannel& inner) : inner_(inner) {
  const char* setting = std::getenv("MBHARNESS_SIGNAL_AT_WRITE");
  if (setting == nullptr) return;
  const std::string text(setting);
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const std::string item = text.substr(start, comma - start);
    const auto colon = item.find(':');
    try {
      if (colon != std::string::npos) {
        signals_.emplace_back(std::stoull(item.substr(0, colon)),
                              std::stoi(item.substr(colon + 1)));
      }
    } catch (const std::exception&) {
      // A test's typo: no signal from that item.
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

client::ClientExchange SignalAtWrite::exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                               std::optional<std::uint16_t> transaction_id) {
  auto answer = inner_.exchange(unit, pdu, transaction_id);
  if (signals_.empty() || pdu.empty()) return answer;
  if (!codec::is_write_function(std::to_integer<std::uint8_t>(pdu[0]))) return answer;
  ++writes_;
  for (const auto& [at, number] : signals_) {
    if (at == writes_) std::raise(number);
  }
  return answer;
}

}  // namespace mbh::cli
