#include "harness/simulator/ags_device.hpp"

#include <fmt/format.h>

#include <optional>
#include <span>

#include "harness/simulator/simulation_random.hpp"

namespace mbh::simulator {
namespace {

// Holding addresses (the document's Reg. Addr. column).
constexpr std::uint16_t kDeviceName = 0x0000;
constexpr std::uint16_t kFgaNumber = 0x000A;
constexpr std::uint16_t kUniqueId = 0x0014;
constexpr std::uint16_t kFirmwareVersion = 0x001E;
constexpr std::uint16_t kSlaveAddress = 0x0028;
constexpr std::uint16_t kHardwareSerialNumber = 0x002B;
constexpr std::uint16_t kConfigurationStatus = 0x0035;
constexpr std::uint16_t kConfigurationRefreshCounter = 0x0036;
constexpr std::uint16_t kDeviceState = 0x0040;
constexpr std::uint16_t kDevicePresent = 0x0041;
constexpr std::uint16_t kAutoGeneratorState = 0x0042;
constexpr std::uint16_t kAutoGeneratorAction = 0x0043;
constexpr std::uint16_t kGeneratorOnReason = 0x0044;
constexpr std::uint16_t kGeneratorOffReason = 0x0045;
constexpr std::uint16_t kActiveWarningsFlag = 0x0047;
constexpr std::uint16_t kWarningBitmap = 0x0049;
constexpr std::uint16_t kOperatingMode = 0x004C;
constexpr std::uint16_t kGeneratorMode = 0x004D;
constexpr std::uint16_t kClear = 0x004F;
constexpr std::uint16_t kQuietTimeStart = 0x0050;
constexpr std::uint16_t kQuietTimeStop = 0x0051;
constexpr std::uint16_t kAutoStartOnDcV = 0x0053;
constexpr std::uint16_t kAutoStopOnDcV = 0x0054;
constexpr std::uint16_t kAutoStartOnSoc = 0x0055;
constexpr std::uint16_t kAutoStopOnSoc = 0x0056;
constexpr std::uint16_t kMaxAutoCycles = 0x005B;
constexpr std::uint16_t kGeneratorType = 0x0061;
constexpr std::uint16_t kPreheatTime = 0x0063;
constexpr std::uint16_t kCrankStartDelay = 0x0064;
constexpr std::uint16_t kCrankTime = 0x0065;
constexpr std::uint16_t kShutdownBypassTime = 0x0066;
constexpr std::uint16_t kStarterCoolDownTime = 0x0067;
constexpr std::uint16_t kCrankRetryTime = 0x0068;
constexpr std::uint16_t kWarmupTime = 0x0069;
constexpr std::uint16_t kMaxRunTime = 0x006A;
constexpr std::uint16_t kCoolDownTime = 0x006B;
constexpr std::uint16_t kSpinDownTime = 0x006C;
constexpr std::uint16_t kStopTimeout = 0x006D;
constexpr std::uint16_t kStartTries = 0x006E;
constexpr std::uint16_t kExercisePeriod = 0x006F;
constexpr std::uint16_t kExerciseDuration = 0x0070;
constexpr std::uint16_t kExerciseStartTime = 0x0071;
constexpr std::uint16_t kRunSignalHoldTime = 0x0072;
constexpr std::uint16_t kAcCurrentToStop = 0x0074;
constexpr std::uint16_t kAcCurrentToStart = 0x0076;
constexpr std::uint16_t kStartVoltage30s = 0x0078;
constexpr std::uint16_t kStartVoltage15min = 0x007A;
constexpr std::uint16_t kStartVoltage2h = 0x007C;
constexpr std::uint16_t kStartVoltage24h = 0x007E;
constexpr std::uint16_t kStopVoltage = 0x0080;
constexpr std::uint16_t kRefreshConfigurationData = 0x0082;
constexpr std::uint16_t kGeneratorAssociation = 0x0083;
constexpr std::uint16_t kAcInputAssociation = 0x0085;
constexpr std::uint16_t kDcInputAssociation = 0x0086;
constexpr std::uint16_t kSocToStop = 0x0087;
constexpr std::uint16_t kSocToStart = 0x0088;

// Values of the document's enumerations.
constexpr std::uint16_t kOperating = 3;   // 2.1 and 0x004C
constexpr std::uint16_t kActive = 1;      // 0x0041
constexpr std::uint16_t kDone = 1;        // 0x0035
constexpr std::uint16_t kRefreshing = 0;  // 0x0035
constexpr std::uint16_t kAutomatic = 2;   // 0x004D
constexpr std::uint16_t kEnabled = 1;
constexpr std::uint16_t kGenerator1 = 19;        // 2.10, 2.12
constexpr std::uint16_t kHouseBatteryBank1 = 3;  // 2.13
constexpr std::uint16_t kRefresh = 1;            // 0x0082
// 2.7 AGS Warning Bits
constexpr std::uint16_t kStoppedManually = 1U << 0;  // W200
constexpr std::uint16_t kStartedManually = 1U << 1;  // W201
// 2.8 Clear Command values that clear the active warnings
constexpr std::uint16_t kClearActiveWarnings = 8;
constexpr std::uint16_t kClearAll = 255;

constexpr std::uint16_t kRefreshSeconds = 3;

// The value a write from `first` puts into `address`, if it reaches it.
std::optional<std::uint16_t> written_to(std::uint16_t address, std::uint16_t first,
                                        std::span<const std::uint16_t> values) {
  if (address < first) return std::nullopt;
  const std::size_t index = std::size_t{address} - first;
  if (index >= values.size()) return std::nullopt;
  return values[index];
}

}  // namespace

AgsDevice::AgsDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
                     const ActiveFaults& faults)
    : Device(map, unit, faults), generator_(SimulationRandom(seed).between(45.0, 85.0)) {
  put_identity(seed);
  put_settings();
  publish();
}

void AgsDevice::put_identity(std::uint64_t seed) {
  RegisterBank& r = bank();
  SimulationRandom random(seed ^ 0xA65ULL);
  r.set_string(kH, kDeviceName, 16, "Conext AGS");
  r.set_string(kH, kFgaNumber, 20, "865-1060-01");
  r.set_uint32(kH, kUniqueId, static_cast<std::uint32_t>(random.next()));
  r.set_uint32(kH, kFirmwareVersion, 0x0106'0000);  // v1.06
  r.set_uint16(kH, kSlaveAddress, unit());
  r.set_string(kH, kHardwareSerialNumber, 20,
               fmt::format("AGS{:010}", random.below(1'000'000'000)));
  r.set_uint16(kH, kDevicePresent, kActive);
  r.set_uint16(kH, kDeviceState, kOperating);
}

void AgsDevice::put_settings() {
  RegisterBank& r = bank();
  r.set_uint16(kH, kOperatingMode, kOperating);
  r.set_uint16(kH, kGeneratorMode, kAutomatic);
  r.set_uint16(kH, kQuietTimeStart, 22 * 60);  // minutes after midnight
  r.set_uint16(kH, kQuietTimeStop, 7 * 60);
  r.set_uint16(kH, kAutoStartOnDcV, kEnabled);
  r.set_uint16(kH, kAutoStopOnDcV, kEnabled);
  r.set_uint16(kH, kAutoStartOnSoc, kEnabled);
  r.set_uint16(kH, kAutoStopOnSoc, kEnabled);
  r.set_uint16(kH, kMaxAutoCycles, 5);
  r.set_uint16(kH, kGeneratorType, 1);
  r.set_uint16(kH, kPreheatTime, 10);
  r.set_uint16(kH, kCrankStartDelay, 5);
  r.set_uint16(kH, kCrankTime, 5);
  r.set_uint16(kH, kShutdownBypassTime, 20);
  r.set_uint16(kH, kStarterCoolDownTime, 30);
  r.set_uint16(kH, kCrankRetryTime, 15);
  r.set_uint16(kH, kWarmupTime, 60);
  r.set_uint16(kH, kMaxRunTime, 8 * 60);  // minutes: 8 hours at scale 0.016667
  r.set_uint16(kH, kCoolDownTime, 60);
  r.set_uint16(kH, kSpinDownTime, 10);
  r.set_uint16(kH, kStopTimeout, 30);
  r.set_uint16(kH, kStartTries, 2);  // offset 1: three tries
  r.set_uint16(kH, kExercisePeriod, 7);
  r.set_uint16(kH, kExerciseDuration, 15);
  r.set_uint16(kH, kExerciseStartTime, 10 * 60);
  r.set_uint16(kH, kRunSignalHoldTime, 100);  // 1.00 s at scale 0.01
  r.set_uint32(kH, kAcCurrentToStop, 5'000);  // 5 A at scale 0.001
  r.set_uint32(kH, kAcCurrentToStart, 30'000);
  r.set_sint32(kH, kStartVoltage30s, 44'000);  // volts at scale 0.001
  r.set_sint32(kH, kStartVoltage15min, 46'000);
  r.set_sint32(kH, kStartVoltage2h, 47'000);
  r.set_sint32(kH, kStartVoltage24h, 48'000);
  r.set_sint32(kH, kStopVoltage, 56'000);
  r.set_uint16(kH, kGeneratorAssociation, kGenerator1);
  r.set_uint16(kH, kAcInputAssociation, kGenerator1);
  r.set_uint16(kH, kDcInputAssociation, kHouseBatteryBank1);
  r.set_uint16(kH, kSocToStop, 80);
  r.set_uint16(kH, kSocToStart, 40);
}

GeneratorInputs AgsDevice::inputs() const {
  const RegisterBank& r = registers();
  return GeneratorInputs{
      .operating_mode = r.get(kH, kOperatingMode),
      .generator_mode = r.get(kH, kGeneratorMode),
      .start_on_soc = r.get(kH, kAutoStartOnSoc) != 0,
      .stop_on_soc = r.get(kH, kAutoStopOnSoc) != 0,
      .start_soc = r.get(kH, kSocToStart),
      .stop_soc = r.get(kH, kSocToStop),
  };
}

void AgsDevice::tick() {
  generator_.step(inputs());
  if (refreshing_seconds_ > 0 && --refreshing_seconds_ == 0) ++refresh_count_;
  publish();
}

std::optional<codec::ExceptionCode> AgsDevice::write(std::uint16_t first,
                                                     std::span<const std::uint16_t> values) {
  const bool was_turning = generator_.engine_turning();
  Device::write(first, values);
  if (const auto mode = written_to(kGeneratorMode, first, values)) {
    if (*mode == 0 && was_turning) warnings_ |= kStoppedManually;
    if (*mode == 1 && !was_turning) warnings_ |= kStartedManually;
  }
  if (const auto command = written_to(kClear, first, values)) {
    if (*command == kClearActiveWarnings || *command == kClearAll) warnings_ = 0;
  }
  if (written_to(kRefreshConfigurationData, first, values) == kRefresh) {
    refreshing_seconds_ = kRefreshSeconds;
  }
  publish();
  return std::nullopt;
}

void AgsDevice::publish() {
  RegisterBank& r = bank();
  const GeneratorReport report = generator_.report(inputs());
  r.set_uint16(kH, kAutoGeneratorState, report.state);
  r.set_uint16(kH, kAutoGeneratorAction, report.action);
  r.set_uint16(kH, kGeneratorOnReason, report.on_reason);
  r.set_uint16(kH, kGeneratorOffReason, report.off_reason);
  r.set_uint16(kH, kWarningBitmap, warnings_);
  r.set_uint16(kH, kActiveWarningsFlag, std::uint16_t{warnings_ != 0});
  r.set_uint16(kH, kConfigurationStatus, refreshing_seconds_ > 0 ? kRefreshing : kDone);
  r.set_uint32(kH, kConfigurationRefreshCounter, refresh_count_);
}

}  // namespace mbh::simulator
