#include "harness/simulator/enapter_device.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "harness/codec/values/value_encoders.hpp"
#include "models/map_catalog.hpp"
#include "models/readout.hpp"

namespace mbh::simulator {
namespace {

// Holding registers (the document's Modbus Table).
constexpr std::uint16_t kUnixTime = 0;
constexpr std::uint16_t kReboot = 4;
constexpr std::uint16_t kMaintenanceMode = 6;
constexpr std::uint16_t kStartStop = 1000;
constexpr std::uint16_t kProductionRate = 1002;
constexpr std::uint16_t kIpAddress = 4020;
constexpr std::uint16_t kNetmask = 4022;
constexpr std::uint16_t kGateway = 4024;
constexpr std::uint16_t kMaxTankPressure = 4308;
constexpr std::uint16_t kRestartPressure = 4310;
constexpr std::uint16_t kDefaultProductionRate = 4396;
// Input registers.
constexpr std::uint16_t kDeviceModel = 0;
constexpr std::uint16_t kFirmwareMajorMinor = 2;
constexpr std::uint16_t kFirmwarePatch = 3;
constexpr std::uint16_t kFirmwareBuild = 4;
constexpr std::uint16_t kBoardSerial = 6;
constexpr std::uint16_t kChassisSerial = 14;
constexpr std::uint16_t kSystemState = 18;
constexpr std::uint16_t kLiveTime = 20;
constexpr std::uint16_t kUptime = 22;
constexpr std::uint16_t kConfigurationSource = 4001;
constexpr std::uint16_t kWrongHolding = 4004;
constexpr std::uint16_t kWarningEvents = 768;
constexpr std::uint16_t kErrorEvents = 832;
constexpr std::uint16_t kStackCycles = 1002;
constexpr std::uint16_t kStackRuntime = 1004;
constexpr std::uint16_t kH2Production = 1006;
constexpr std::uint16_t kH2FlowRate = 1008;
constexpr std::uint16_t kLowLevelSwitch = 7004;
constexpr std::uint16_t kMediumLevelSwitch = 7005;
constexpr std::uint16_t kCoolerFan = 7500;
constexpr std::uint16_t kCirculationFan = 7502;
constexpr std::uint16_t kCompartmentFan = 7504;
constexpr std::uint16_t kElectrolyteFlow = 7506;
constexpr std::uint16_t kStackCurrent = 7508;
constexpr std::uint16_t kPsuVoltage = 7510;
constexpr std::uint16_t kInnerPressure = 7512;
constexpr std::uint16_t kOuterPressure = 7514;
constexpr std::uint16_t kWaterInletPressure = 7516;
constexpr std::uint16_t kElectrolyteTemperature = 7518;
constexpr std::uint16_t kDownstreamTemperature = 7520;
constexpr std::uint16_t kInnerPressureRaw = 8000;
constexpr std::uint16_t kOuterPressureRaw = 8002;
constexpr std::uint16_t kStackCurrentRaw = 8004;

constexpr std::uint32_t kEl21 = 0x454C3231;          // "EL21"
constexpr std::uint16_t kFirmware112 = 1 * 256 + 1;  // 1.1, patch 2: FW 1.1.2
constexpr std::uint32_t kFirmwareBuildNumber = 0x4E343471;

// System State values (input 18).
constexpr std::uint16_t kInOperation = 1;
constexpr std::uint16_t kInMaintenance = 2;
constexpr std::uint16_t kHalted = 3;
constexpr std::uint16_t kFatalError = 4;

constexpr double kNominalFlow = 500.0;       // NL/hour at 100 %
constexpr std::uint64_t kEventPeriod = 300;  // seconds between changes of the event arrays
constexpr std::uint32_t kMaxWarnings = 3;

// The codes of one severity ('W', 'E', 'F') the map lists for its warning event array (the
// document's Error Codes table).
template <std::size_t N>
std::size_t codes_of(const models::RegisterMap& map, char severity,
                     std::array<std::uint16_t, N>& out) {
  const models::RegisterRow* row = models::row_at(map, kI, kWarningEvents);
  if (row == nullptr) return 0;
  std::size_t n = 0;
  for (const auto& code : row->enums) {
    if (models::event_severity(code.name) == severity && n < N) {
      out[n++] = static_cast<std::uint16_t>(code.value);
    }
  }
  return n;
}

void drift(float& value, double step, float low, float high, SimulationRandom& random) {
  value = std::clamp(value + static_cast<float>(random.between(-step, step)), low, high);
}

}  // namespace

EnapterDevice::EnapterDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
                             const ActiveFaults& faults)
    : Device(map, unit, faults),
      random_(seed),
      configuration_(map, faults.config_outside_applies, faults.config_commit_refused),
      live_time_(3'600'000 + random_.below(3'600'000)),
      stack_cycles_(100 + random_.below(900)),
      stack_runtime_(360'000 + random_.below(360'000)),
      h2_produced_(static_cast<double>(stack_runtime_) * kNominalFlow / 3600.0) {
  put_identity();
  put_settings();
  configuration_.publish(bank());
  roll_events();
  publish();
}

void EnapterDevice::put_identity() {
  RegisterBank& r = bank();
  r.set_uint32(kI, kDeviceModel, kEl21);
  r.set_uint16(kI, kFirmwareMajorMinor, kFirmware112);
  r.set_uint16(kI, kFirmwarePatch, 2);
  r.set_uint32(kI, kFirmwareBuild, kFirmwareBuildNumber);
  r.set_uint64(kI, kBoardSerial, random_.next());
  r.set_uint64(kI, static_cast<std::uint16_t>(kBoardSerial + 4), random_.next());
  r.set_uint64(kI, kChassisSerial, 19'030'125'000'000ULL + random_.below(1'000'000));
  r.set_uint16(kI, kLowLevelSwitch, 1);  // electrolyte over the low and medium sensors
  r.set_uint16(kI, kMediumLevelSwitch, 1);
}

void EnapterDevice::put_settings() {
  RegisterBank& r = bank();
  r.set_uint64(kH, kUnixTime, 1'700'000'000ULL + random_.below(100'000'000));
  r.set_uint16(kH, kStartStop, 1);
  r.set_float32(kH, kProductionRate, 100.0F);
  r.set_uint32(kH, kIpAddress, 0xC0A8020A);  // 192.168.2.10
  r.set_uint32(kH, kNetmask, 0xFFFFFF00);
  r.set_uint32(kH, kGateway, 0xC0A802FE);
  r.set_float32(kH, kMaxTankPressure, 35.0F);
  r.set_float32(kH, kRestartPressure, 30.0F);
  r.set_float32(kH, kDefaultProductionRate, 100.0F);
}

void EnapterDevice::tick() {
  ++ticks_;
  ++live_time_;
  ++uptime_;
  RegisterBank& r = bank();
  r.set_uint64(kH, kUnixTime, r.get_uint64(kH, kUnixTime) + 1);
  if (ticks_ % kEventPeriod == 0) roll_events();
  advance();
  publish();
}

std::optional<codec::ExceptionCode> EnapterDevice::write(std::uint16_t first,
                                                         std::span<const std::uint16_t> values) {
  if (auto refused = configuration_.refusal(first, values.size())) return refused;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto address = static_cast<std::uint16_t>(first + i);
    if (configuration_.handles(address)) {
      configuration_.write(address, values[i], bank());
    } else {
      bank().set(kH, address, values[i]);
      // A reboot restarts the uptime. The Production Rate is left as written (the document
      // has a reset restore the default): R-READBACK reads back what was written.
      if (address == kReboot && values[i] != 0) uptime_ = 0;
    }
  }
  publish();
  return std::nullopt;
}

void EnapterDevice::roll_events() {
  // The warnings: up to three distinct W codes; now and then one E or F code.
  std::array<std::uint16_t, 64> warnings{};
  const std::size_t warning_codes = codes_of(map(), 'W', warnings);
  codec::DecodedEventArray listed;
  const std::size_t count = random_.below(kMaxWarnings + 1);
  for (std::size_t i = 0; i < count && warning_codes > 0; ++i) {
    const std::uint16_t code = warnings[random_.below(static_cast<std::uint32_t>(warning_codes))];
    if (std::ranges::find(listed.listed(), code) != listed.listed().end()) continue;
    listed.codes[listed.size++] = code;
  }
  listed.count = static_cast<std::uint16_t>(listed.size);
  bank().write(kI, kWarningEvents, codec::encode_event_array(listed).span());

  codec::DecodedEventArray errors;
  worst_event_ = '\0';
  if (random_.one_in(8)) {
    std::array<std::uint16_t, 64> candidates{};
    worst_event_ = random_.one_in(2) ? 'E' : 'F';
    const std::size_t n = codes_of(map(), worst_event_, candidates);
    if (n > 0) {
      errors.codes[0] = candidates[random_.below(static_cast<std::uint32_t>(n))];
      errors.size = 1;
      errors.count = 1;
    } else {
      worst_event_ = '\0';
    }
  }
  bank().write(kI, kErrorEvents, codec::encode_event_array(errors).span());
}

void EnapterDevice::advance() {
  Sensors& s = sensors_;
  if (producing_) {
    ++stack_runtime_;
    h2_produced_ += kNominalFlow * static_cast<double>(production_rate()) / 100.0 / 3600.0;
  }
  const float warming = producing_ ? 0.02F : -0.02F;
  s.electrolyte_temperature = std::clamp(s.electrolyte_temperature + warming, 25.0F, 52.0F);
  drift(s.cooler_fan, 50.0, producing_ ? 2000.0F : 600.0F, producing_ ? 2800.0F : 1000.0F, random_);
  drift(s.circulation_fan, 30.0, 1500.0F, 2100.0F, random_);
  drift(s.compartment_fan, 30.0, 1200.0F, 1800.0F, random_);
  drift(s.electrolyte_flow, 0.05, producing_ ? 1.2F : 0.6F, producing_ ? 1.6F : 1.0F, random_);
  drift(s.psu_voltage, 0.2, 46.0F, 50.0F, random_);
  drift(s.inner_pressure, 0.1, 28.0F, 34.0F, random_);
  drift(s.outer_pressure, 0.1, 20.0F, 30.0F, random_);
  drift(s.water_inlet_pressure, 0.05, 2.0F, 4.0F, random_);
  drift(s.flow_jitter, 0.002, 0.99F, 1.01F, random_);
}

float EnapterDevice::production_rate() const {
  const float rate = registers().get_float32(kH, kProductionRate);
  return std::isfinite(rate) ? std::clamp(rate, 0.0F, 100.0F) : 0.0F;
}

void EnapterDevice::publish() {
  RegisterBank& r = bank();
  // The document's status registers beside the sequence's own: Configuration Source ("over
  // Modbus") and Last Configuration Wrong Holding.
  r.set_uint16(kI, kConfigurationSource, std::uint16_t{configuration_.configured_over_modbus()});
  r.set_uint16(kI, kWrongHolding, configuration_.wrong_holding());
  std::uint16_t state = kInOperation;
  if (r.get(kH, kMaintenanceMode) != 0) {
    state = kInMaintenance;
  } else if (worst_event_ == 'F') {
    state = kFatalError;
  } else if (worst_event_ == 'E') {
    state = kHalted;
  }
  const bool was_producing = producing_;
  producing_ = state == kInOperation && r.get(kH, kStartStop) != 0;
  if (producing_ && !was_producing) ++stack_cycles_;

  const Sensors& s = sensors_;
  const float rate = production_rate();
  const float flow = static_cast<float>(kNominalFlow) * rate / 100.0F * s.flow_jitter;
  const float current = producing_ ? 8.0F + 52.0F * rate / 100.0F : 0.0F;
  r.set_uint16(kI, kSystemState, state);
  r.set_uint32(kI, kLiveTime, live_time_);
  r.set_uint32(kI, kUptime, uptime_);
  r.set_uint32(kI, kStackCycles, stack_cycles_);
  r.set_uint32(kI, kStackRuntime, stack_runtime_);
  r.set_float32(kI, kH2Production, static_cast<float>(h2_produced_));
  // RULES.md R-RANGE: NaN while not producing, finite otherwise.
  r.set_float32(kI, kH2FlowRate, producing_ ? flow : std::numeric_limits<float>::quiet_NaN());
  r.set_float32(kI, kCoolerFan, s.cooler_fan);
  r.set_float32(kI, kCirculationFan, s.circulation_fan);
  r.set_float32(kI, kCompartmentFan, s.compartment_fan);
  r.set_float32(kI, kElectrolyteFlow, s.electrolyte_flow);
  r.set_float32(kI, kStackCurrent, current);
  r.set_float32(kI, kPsuVoltage, s.psu_voltage);
  r.set_float32(kI, kInnerPressure, s.inner_pressure);
  r.set_float32(kI, kOuterPressure, s.outer_pressure);
  r.set_float32(kI, kWaterInletPressure, s.water_inlet_pressure);
  r.set_float32(kI, kElectrolyteTemperature, s.electrolyte_temperature);
  r.set_float32(kI, kDownstreamTemperature, s.electrolyte_temperature - 5.0F);
  // Raw sensor voltages: 0.5 V at zero, 4.5 V at full scale (40 bar, 100 A).
  r.set_float32(kI, kInnerPressureRaw, 0.5F + 4.0F * s.inner_pressure / 40.0F);
  r.set_float32(kI, kOuterPressureRaw, 0.5F + 4.0F * s.outer_pressure / 40.0F);
  r.set_float32(kI, kStackCurrentRaw, 0.5F + 4.0F * current / 100.0F);
}

}  // namespace mbh::simulator
