#include "harness/simulator/bms_device.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mbh::simulator {
namespace {

// Holding addresses, as in conext-gateway-li-ion-bms-modbus-map.md.
constexpr std::uint16_t kStartMarker = 40000;
constexpr std::uint16_t kCommonModelId = 40002;
constexpr std::uint16_t kCommonModelLength = 40003;
constexpr std::uint16_t kManufacturer = 40004;
constexpr std::uint16_t kModel = 40020;  // the document's second "Manufacturer Name"
constexpr std::uint16_t kOptions = 40036;
constexpr std::uint16_t kSoftwareVersion = 40044;
constexpr std::uint16_t kSerialNumber = 40052;
constexpr std::uint16_t kModbusAddress = 40068;
constexpr std::uint16_t kBatteryModelId = 40070;
constexpr std::uint16_t kBatteryModelLength = 40071;
constexpr std::uint16_t kFullChargeCapacity = 40072;
constexpr std::uint16_t kNameplateEnergy = 40073;
constexpr std::uint16_t kNameplateMaxCharge = 40074;
constexpr std::uint16_t kNameplateMaxDischarge = 40075;
constexpr std::uint16_t kSelfDischargeRate = 40076;
constexpr std::uint16_t kNameplateMaxSoc = 40077;
constexpr std::uint16_t kNameplateMinSoc = 40078;
constexpr std::uint16_t kSocReserveMax = 40079;
constexpr std::uint16_t kSocReserveMin = 40080;
constexpr std::uint16_t kStateOfCharge = 40081;
constexpr std::uint16_t kDepthOfDischarge = 40082;
constexpr std::uint16_t kStateOfHealth = 40083;
constexpr std::uint16_t kFullChargeCycles = 40084;
constexpr std::uint16_t kChargeStatus = 40086;
constexpr std::uint16_t kBatteryHeartbeat = 40088;
constexpr std::uint16_t kBatteryType = 40091;
constexpr std::uint16_t kBatteryState = 40092;
constexpr std::uint16_t kVendorState = 40093;
constexpr std::uint16_t kWarrantyDate = 40094;
constexpr std::uint16_t kAlarmEventMap1 = 40096;
constexpr std::uint16_t kVoltage = 40104;
constexpr std::uint16_t kMaxBatteryVoltage = 40105;
constexpr std::uint16_t kMinBatteryVoltage = 40106;
constexpr std::uint16_t kMaxCellVoltage = 40107;
constexpr std::uint16_t kMaxCellString = 40108;
constexpr std::uint16_t kMaxCellModule = 40109;
constexpr std::uint16_t kMinCellVoltage = 40110;
constexpr std::uint16_t kMinCellString = 40111;
constexpr std::uint16_t kMinCellModule = 40112;
constexpr std::uint16_t kAverageCellVoltage = 40113;
constexpr std::uint16_t kCurrent = 40114;
constexpr std::uint16_t kMaxChargeCurrent = 40115;
constexpr std::uint16_t kMaxDischargeCurrent = 40116;
constexpr std::uint16_t kBatteryPower = 40117;
constexpr std::uint16_t kSetOperation = 40120;
constexpr std::uint16_t kInverterState = 40121;
constexpr std::uint16_t kVoltageScaleFactor = 40129;
constexpr std::uint16_t kCellVoltageScaleFactor = 40130;
constexpr std::uint16_t kCurrentScaleFactor = 40131;
constexpr std::uint16_t kMaxCurrentScaleFactor = 40132;
constexpr std::uint16_t kCustomMapId = 40134;
constexpr std::uint16_t kCustomMapLength = 40135;
constexpr std::uint16_t kTemperature = 40136;
constexpr std::uint16_t kMinCellTemperature = 40137;
constexpr std::uint16_t kCellTemperatureScaleFactor = 40138;
constexpr std::uint16_t kEndMarker = 40140;

constexpr std::uint32_t kSunSpecStartMarker = 0x53756E53;  // "SunS"
constexpr std::uint16_t kSunSpecEndMarker = 0xFFFF;
constexpr std::uint16_t kCommonModel = 1;
constexpr std::uint16_t kCommonLength = 66;    // 40004..40069
constexpr std::uint16_t kBatteryModel = 802;   // SunSpec Battery Base Model
constexpr std::uint16_t kBatteryLength = 62;   // 40072..40133
constexpr std::uint16_t kCustomModel = 64900;  // vendor range
constexpr std::uint16_t kCustomLength = 4;     // 40136..40139

// Values of the document's enumerations (sections 2.1, 2.2, 2.3, 2.6, 40120).
constexpr std::uint16_t kLithiumIon = 4;
constexpr std::uint16_t kConnected = 3;
constexpr std::uint16_t kVendorCharging = 3;
constexpr std::uint16_t kVendorDischarging = 4;
constexpr std::uint16_t kConnect = 1;
constexpr std::uint16_t kInverterStarted = 3;
// SunSpec ChaSt (the map lists no values): 3 discharging, 4 charging.
constexpr std::uint16_t kChargeStatusDischarging = 3;
constexpr std::uint16_t kChargeStatusCharging = 4;
// Battery Events (section 2.4) the simulation raises.
constexpr std::uint32_t kUnderSocMinWarning = 1U << 14;
constexpr std::uint32_t kOverSocMaxWarning = 1U << 16;

constexpr double kTopOfCycle = 95.0;     // % where charging turns to discharging
constexpr double kBottomOfCycle = 15.0;  // % where discharging turns to charging
constexpr double kChargePerSecond = 0.02;
constexpr double kDischargePerSecond = 0.03;
constexpr int kCells = 16;

std::uint16_t unsigned_raw(double physical, double scale) {
  return static_cast<std::uint16_t>(std::clamp(std::lround(physical / scale), 0L, 65535L));
}
std::int16_t signed_raw(double physical, double scale) {
  return static_cast<std::int16_t>(std::clamp(std::lround(physical / scale), -32768L, 32767L));
}

}  // namespace

BmsDevice::BmsDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
                     const ActiveFaults& faults)
    : Device(map, unit, faults),
      random_(seed),
      state_of_charge_(random_.between(30.0, 80.0)),
      temperature_(random_.between(22.0, 28.0)),
      charging_(random_.one_in(2)) {
  put_identity(seed);
  publish();
}

void BmsDevice::put_identity(std::uint64_t seed) {
  RegisterBank& r = bank();
  r.set_uint32(kH, kStartMarker, kSunSpecStartMarker);
  r.set_uint16(kH, kCommonModelId, kCommonModel);
  r.set_uint16(kH, kCommonModelLength, kCommonLength);
  r.set_string(kH, kManufacturer, 32, "Schneider Electric");
  r.set_string(kH, kModel, 32, "Conext Li-Ion BMS (simulated)");
  r.set_string(kH, kOptions, 16, "mbharness");
  r.set_string(kH, kSoftwareVersion, 16, "1.06.00");
  r.set_string(kH, kSerialNumber, 32, fmt::format("SIM{:012}", seed % 1'000'000'000'000ULL));
  r.set_uint16(kH, kModbusAddress, unit());
  r.set_uint16(kH, kBatteryModelId, kBatteryModel);
  r.set_uint16(kH, kBatteryModelLength, kBatteryLength);
  r.set_uint16(kH, kFullChargeCapacity, 50'000);  // mAh
  r.set_uint16(kH, kNameplateEnergy, 2'560);
  r.set_uint16(kH, kNameplateMaxCharge, 2'500);
  r.set_uint16(kH, kNameplateMaxDischarge, 2'500);
  r.set_uint16(kH, kSelfDischargeRate, 2);
  r.set_uint16(kH, kNameplateMaxSoc, 100);
  r.set_uint16(kH, kNameplateMinSoc, 5);
  r.set_uint16(kH, kSocReserveMax, 95);
  r.set_uint16(kH, kSocReserveMin, 10);
  r.set_uint16(kH, kStateOfHealth, 98);
  r.set_uint16(kH, kBatteryType, kLithiumIon);
  r.set_uint16(kH, kBatteryState, kConnected);
  r.set_uint32(kH, kWarrantyDate, 20'321'231);  // 2032-12-31
  r.set_uint16(kH, kMaxBatteryVoltage, unsigned_raw(57.6, 0.01));
  r.set_uint16(kH, kMinBatteryVoltage, unsigned_raw(44.0, 0.01));
  r.set_uint16(kH, kMaxCellString, 1);
  r.set_uint16(kH, kMaxCellModule, 3);
  r.set_uint16(kH, kMinCellString, 1);
  r.set_uint16(kH, kMinCellModule, 11);
  r.set_uint16(kH, kMaxChargeCurrent, unsigned_raw(50.0, 0.01));
  r.set_uint16(kH, kMaxDischargeCurrent, unsigned_raw(50.0, 0.01));
  r.set_uint16(kH, kSetOperation, kConnect);
  r.set_uint16(kH, kInverterState, kInverterStarted);
  // The scale factors match the rows' scales: volts and amps in thousandths, maxima in
  // hundredths, the rest whole; cell temperatures in hundredths.
  r.set_sint16(kH, kVoltageScaleFactor, -3);
  r.set_sint16(kH, kCellVoltageScaleFactor, -3);
  r.set_sint16(kH, kCurrentScaleFactor, -3);
  r.set_sint16(kH, kMaxCurrentScaleFactor, -2);
  r.set_sint16(kH, kCellTemperatureScaleFactor, -2);
  r.set_uint16(kH, kCustomMapId, kCustomModel);
  r.set_uint16(kH, kCustomMapLength, kCustomLength);
  r.set_uint16(kH, kEndMarker, kSunSpecEndMarker);
  // End Marker 0 (40141) is already 0.
}

void BmsDevice::tick() {
  ++heartbeat_;  // wraps at 65535, as a 16-bit counter does
  if (charging_) {
    state_of_charge_ += kChargePerSecond;
    if (state_of_charge_ >= kTopOfCycle) charging_ = false;
  } else {
    state_of_charge_ -= kDischargePerSecond;
    if (state_of_charge_ <= kBottomOfCycle) {
      charging_ = true;
      ++full_cycles_;
    }
  }
  state_of_charge_ = std::clamp(state_of_charge_, 0.0, 100.0);
  temperature_ = std::clamp(temperature_ + random_.between(-0.05, 0.05), 15.0, 40.0);
  publish();
}

void BmsDevice::publish() {
  RegisterBank& r = bank();
  const double soc = state_of_charge_;
  const double volts =
      48.0 + 8.0 * soc / 100.0 + (charging_ ? 0.6 : -0.4) + random_.between(-0.05, 0.05);
  const double amps =
      charging_ ? 20.0 + random_.between(-1.0, 1.0) : -(25.0 + random_.between(-1.0, 1.0));
  const double cell = volts / kCells;
  const auto percent = static_cast<std::uint16_t>(std::lround(soc));

  r.set_uint16(kH, kStateOfCharge, percent);
  r.set_uint16(kH, kDepthOfDischarge, static_cast<std::uint16_t>(100 - percent));
  r.set_uint32(kH, kFullChargeCycles, full_cycles_);
  r.set_uint16(kH, kChargeStatus, charging_ ? kChargeStatusCharging : kChargeStatusDischarging);
  r.set_uint16(kH, kBatteryHeartbeat, heartbeat_);
  r.set_uint16(kH, kVendorState, charging_ ? kVendorCharging : kVendorDischarging);
  std::uint32_t events = 0;
  if (soc < 20.0) events |= kUnderSocMinWarning;
  if (soc > 94.0) events |= kOverSocMaxWarning;
  r.set_uint32(kH, kAlarmEventMap1, events);
  r.set_uint16(kH, kVoltage, unsigned_raw(volts, 0.001));
  r.set_uint16(kH, kMaxCellVoltage, unsigned_raw(cell + random_.between(0.010, 0.030), 0.001));
  r.set_uint16(kH, kMinCellVoltage, unsigned_raw(cell - random_.between(0.010, 0.030), 0.001));
  r.set_uint16(kH, kAverageCellVoltage, unsigned_raw(cell, 0.01));
  r.set_sint16(kH, kCurrent, signed_raw(amps, 0.001));
  r.set_sint16(kH, kBatteryPower, signed_raw(volts * amps, 1.0));
  r.set_sint16(kH, kTemperature, signed_raw(temperature_ + 273.0, 0.01));  // offset -273
  r.set_sint16(kH, kMinCellTemperature, signed_raw(temperature_ - 1.0, 0.01));
}

}  // namespace mbh::simulator
