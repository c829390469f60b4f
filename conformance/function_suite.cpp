// R-FUNCTION: a function code the device does not implement gets exception 01 (Conext FC 04:
// 01, or the answer FC 03 would get). Each code is sent well formed, so that a device that
// does implement it shows that, and writes aim at an address no row defines, so that a device
// that wrongly carries them out changes nothing.
#include <fmt/format.h>

#include <vector>

#include "conformance/model_addresses.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "harness/codec/function_code.hpp"

namespace mbh::conformance {
namespace {

struct FunctionProbe {
  std::uint8_t function;
  bool writes;
  std::vector<std::byte> pdu;
};

std::vector<std::byte> bytes(std::initializer_list<unsigned> values) {
  std::vector<std::byte> out;
  for (unsigned v : values)
    out.push_back(static_cast<std::byte>(v));
  return out;
}

std::vector<FunctionProbe> probes(std::uint16_t unused, std::uint16_t first_holding) {
  const unsigned hi = unused >> 8U;
  const unsigned lo = unused & 0xFFU;
  const unsigned fh = first_holding >> 8U;
  const unsigned fl = first_holding & 0xFFU;
  // 03, 06 and 16 are probed only where the map's device lacks them (its `functions`).
  return {
      {0x03, false, bytes({0x03, fh, fl, 0x00, 0x01})},                   // Read Holding Registers
      {0x06, true, bytes({0x06, hi, lo, 0x00, 0x00})},                    // Write Single Register
      {0x10, true, bytes({0x10, hi, lo, 0x00, 0x01, 0x02, 0x00, 0x00})},  // Write Multiple
      {0x01, false, bytes({0x01, 0x00, 0x00, 0x00, 0x01})},               // Read Coils
      {0x02, false, bytes({0x02, 0x00, 0x00, 0x00, 0x01})},               // Read Discrete Inputs
      {0x04, false, bytes({0x04, fh, fl, 0x00, 0x01})},                   // Read Input Registers
      {0x05, true, bytes({0x05, hi, lo, 0x00, 0x00})},                    // Write Single Coil, off
      {0x07, false, bytes({0x07})},                                       // Read Exception Status
      {0x08, false, bytes({0x08, 0x00, 0x00, 0x12, 0x34})},  // Diagnostics: return query data
      {0x0B, false, bytes({0x0B})},                          // Get Comm Event Counter
      {0x0F, true, bytes({0x0F, hi, lo, 0x00, 0x01, 0x01, 0x00})},  // Write Multiple Coils
      {0x11, false, bytes({0x11})},                                 // Report Server ID
      {0x14, false, bytes({0x14, 0x07, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01})},
      {0x16, true, bytes({0x16, hi, lo, 0xFF, 0xFF, 0x00, 0x00})},  // Mask Write: a no-op mask
      {0x17, true, bytes({0x17, hi, lo, 0x00, 0x01, hi, lo, 0x00, 0x01, 0x02, 0x00, 0x00})},
      {0x2B, false, bytes({0x2B, 0x0E, 0x01, 0x00})},        // Read Device Identification
      {0x41, false, bytes({0x41, 0x00, 0x00, 0x00, 0x01})},  // user-defined range
      {0x64, false, bytes({0x64, 0x00, 0x00, 0x00, 0x01})},  // user-defined range
  };
}

}  // namespace

void run_function_suite(Session& session) {
  const auto& map = session.map();
  const models::RegisterRow* holding = first_row(map, models::Space::kHolding);
  const std::uint16_t first_holding = holding != nullptr ? holding->address : 0;
  for (const FunctionProbe& p : probes(unused_holding_address(map), first_holding)) {
    if (models::implements(map, p.function)) continue;  // the other suites check those
    if (session.stopped()) return;
    const std::string name =
        fmt::format("function {:02X} ({})", p.function, codec::function_name(p.function));
    if (p.writes && session.options().read_only) {
      session.skip(models::RuleId::kFunction, name, "a write function code: --read-only");
      continue;
    }
    session.check_pdu(name, p.pdu);
  }
}

}  // namespace mbh::conformance
