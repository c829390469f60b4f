#pragma once
// `conform --plan`: every write a run would make, found by running the suites against the
// device with every write held back. Reads go to the device (so each register's value to
// restore is what it holds now); a write is recorded, not sent, and answered as a conforming
// device answers an accepted one (its echo), so that the suites go on as they would.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "models/register_map.hpp"

namespace mbh::conformance {

struct PlannedRow {
  const models::RegisterRow* row = nullptr;
  std::optional<std::vector<std::uint16_t>> writing;  // the row's value the write carries, whole
  std::optional<std::vector<std::uint16_t>> current;  // what it holds now: the value to restore
};

struct PlannedWrite {
  std::uint8_t unit = 0;
  std::vector<std::byte> pdu;
  std::string request;  // "FC 06 write holding 116 = 4999"
  std::uint16_t first = 0;
  std::uint32_t count = 0;       // registers (or coils) written
  bool coils = false;            // FC 05 / 15
  std::vector<PlannedRow> rows;  // the map's rows it touches (none: a gap, or coils)
};

struct WritePlan {
  std::vector<PlannedWrite> writes;
  std::optional<std::string> unreachable;  // why the device could not be read
};

WritePlan plan_writes(DeviceChannel& device, const ConformOptions& options);

}  // namespace mbh::conformance
