// The Enapter EL 2.1 map, row by row as in enapter-el21-modbus-tcp.md ("Modbus Table").
// Columns in each row: space, Register, Name, Data Type, access (the table's heading: holding
// registers are "Read / Write", input registers "Read Only"), units, then the valid values the
// Comment lists, safety class and reason (RULES.md "Writes and safety").
// The document has no units, scale or offset columns: units are taken from the name or comment
// where the document states them ("[%]", "bar", "[rpm]", ...), "" otherwise; scale 1, offset 0.
// Boolean registers are not enumerated (RULES.md R-ENUM: 0 false, anything else true).
#include "models/enapter_el21.hpp"

#include <array>
#include <cstddef>

namespace mbh::models {
namespace {

using codec::kBoolean;
using codec::kEventArray;
using codec::kFloat32;
using codec::kSint32;
using codec::kUint128;
using codec::kUint16;
using codec::kUint32;
using codec::kUint64;
constexpr Space kH = Space::kHolding;
constexpr Space kI = Space::kInput;
constexpr Access kR = Access::kRead;
constexpr Access kRW = Access::kReadWrite;
constexpr Display kNumber = Display::kNumber;
constexpr Display kIpv4 = Display::kIpv4;
constexpr Display kAscii = Display::kAscii;

// --- Error Codes -------------------------------------------------------------------------------

// clang-format off
constexpr EnapterErrorCode kErrorCodeRows[] = {
    {0x0000, "none", "--", "No error"},
    {0x0FFF, "int", "--", "Unexpected error, hardware failure, read logs for details"},
    {0x1F81, "FP_01", "--", "Brownout detected, restore power and reset system"},
    {0x108A, "FC_10", "P107", "Pump broken"},
    {0x128A, "FT_10", "TT106", "Too high electrolyte temperature (> 58 °C)"},
    {0x2EAC, "WT_20", "F103A", "Electrolyte cooling fan broken"},
    {0x228A, "ET_10", "TT102A", "Too low electrolyte temperature (< 6 °C)"},
    {0x2F22, "WU_10", "PT101A", "Gas side pressure isn't atmospheric. Ramp-Up isn't possible (pressure too high for start)"},
    {0x2E2C, "WS_20", "PT101C", "Max pressure state"},
    {0x2E2D, "WS_21", "PT101A", "Drifting PT101A"},
    {0x119E, "FR_30", "PT105", "Too high water inlet pressure"},
    {0x2DA2, "WR_10", "PT105", "Too high water inlet pressure"},
    {0x2DAC, "WR_20", "PT105", "Too low water inlet pressure"},
    {0x118A, "FR_10", "LSHH102A", "Too much high electrolyte level"},
    {0x1194, "FR_20", "LSL102D", "Too much low electrolyte level"},
    {0x11B2, "FR_50", "LSL102D LSM102C", "Water sensor conflict low-medium"},
    {0x11B3, "FR_51", "LSM102C LSH102B", "Water sensor conflict medium-high"},
    {0x11B4, "FR_52", "LSH102B LSHH102A", "Water sensor conflict high-very_high"},
    {0x11A8, "FR_40", "--", "Check water leaks"},
    {0x2DAD, "WR_21", "--", "Refilling timeout"},
    {0x2DCB, "WR_51", "LSL102D", "Drain completely"},
    {0x2DCC, "WR_52", "LSL102D", "Refill to high level"},
    {0x1114, "FD_20", "PT101A", "Hydrogen leaks"},
    {0x148A, "FF_10", "--", "Frozen pipes"},
    {0x1401, "FX_01", "PT101A", "High hydrogen inner pressure"},
    {0x1402, "FX_02", "WPS104", "Water presence"},
    {0x1403, "FX_03", "PSU 48V", "Broken PSU"},
    {0x1404, "FX_04", "HASS", "High stack current"},
    {0x1405, "FX_05", "TSH106", "High backflow temperature"},
    {0x1406, "FX_06", "PT101A", "Hydrogen leaks"},
    {0x1407, "FX_07", "TS108", "High electronic board temperature"},
    {0x1408, "FX_08", "PSH102", "High electrolyte tank pressure"},
    {0x1409, "FX_09", "TSLL102B", "Low electrolyte temperature"},
    {0x140A, "FX_10", "PSHH101B", "High hydrogen pressure"},
    {0x141E, "FX_30", "PT105", "Water inlet pressure transmitter broken"},
    {0x141F, "FX_31", "TT102A", "Electrolyte tank temperature transmitter broken"},
    {0x1420, "FX_32", "FM106", "Electrolyte flow meter broken"},
    {0x1421, "FX_33", "TT106", "Electrolyte backflow temperature transmitter broken"},
    {0x1422, "FX_34", "PT101A", "Hydrogen inner pressure transmitter broken"},
    {0x1423, "FX_35", "PT101C", "Outer hydrogen pressure transmitter broken"},
    {0x1424, "FX_36", "F1084B", "Chassis circulation fan broken"},
    {0x1425, "FX_37", "F108C", "Electronic compartment cooling fan broken"},
    {0x1426, "FX_38", "TS108", "Electronic board temperature transmitter broken"},
    {0x1427, "FX_39", "HASS", "Current sensor broken"},
    {0x1428, "FX_40", "External switch", "Dry contact error"},
    {0x1501, "FL_01", "--", "Huge H2 leak detected"},
    {0x358A, "WO_10", "PT101C", "Outer pressure is too high to run blowdown routine"},
    {0x3594, "WO_20", "--", "The Blowdown procedure will be started at H2-production start"},
    {0x159E, "FO_30", "PT101C", "The purge line is obstructed OR that the adjustable check valve (CV101B) cracking pressure is set incorrectly"},
};
// clang-format on

// The Error Codes table as the enum (code -> name) of the two event arrays: derived from the
// rows above so the codes are transcribed once.
template <std::size_t N>
constexpr std::array<EnumEntry, N> error_code_names(const EnapterErrorCode (&codes)[N]) {
  std::array<EnumEntry, N> entries{};
  for (std::size_t i = 0; i < N; ++i)
    entries[i] = EnumEntry{codes[i].code, codes[i].name};
  return entries;
}
constexpr auto kErrorCodes = error_code_names(kErrorCodeRows);

// --- Values listed in a row's Comment ----------------------------------------------------------

// clang-format off
// Input 18 System State
constexpr EnumEntry kSystemState[] = {
    {0, "Internal Error, System not Initialized yet"},
    {1, "System in Operation"},
    {2, "System in Maintenance Mode"},
    {3, "System Halted (e.g. during error)"},
    {4, "Fatal Error"},
};

// Input 1000 Product Code
constexpr EnumEntry kProductCode[] = {
    {0x00, "ELE210535A2AXV01_03"},
    {0x01, "ELE210508A2AXV01_03"},
};

// Input 4002 Last Configuration Result. The document writes "11 - Try again" where the other
// values use "="; 11 is read as one of the values.
constexpr EnumEntry kLastConfigurationResult[] = {
    {0, "OK, Configuration was completed successfully"},
    {1, "Permanent, The operation has failed (internal or general error)"},
    {2, "No Entry, Configuration was not started or interrupted"},
    {5, "I/O, Data save error"},
    {11, "Try again, Configuration needs to be tried again"},
    {13, "Access Denied, Some changed registers are read-only"},
    {16, "Busy, Another configuration was in progress"},
    {22, "Invalid, The data has invalid or wrong type"},
};
// clang-format on

// --- Safety (RULES.md "Writes and safety") -----------------------------------------------------

constexpr SafetyClass kSetting = SafetyClass::kSetting;
constexpr SafetyClass kActuating = SafetyClass::kActuating;
constexpr SafetyClass kDestructive = SafetyClass::kDestructive;
constexpr SafetyClass kConnectivity = SafetyClass::kConnectivity;
constexpr SafetyClass kClock = SafetyClass::kClock;
constexpr SafetyClass kCommand = SafetyClass::kCommand;

constexpr std::string_view kClockReason =
    "clock: sets the device's Unix time; read-back compared within 2 s (RULES.md)";
constexpr std::string_view kRebootReason = "destructive: reboots the electrolyser (RULES.md)";
constexpr std::string_view kLocateReason = "actuating: makes all LEDs blink (RULES.md)";
constexpr std::string_view kMaintenanceReason =
    "actuating: enters or leaves Maintenance Mode (RULES.md)";
constexpr std::string_view kStartStopReason =
    "actuating: starts or stops the electrolyser (RULES.md)";
constexpr std::string_view kProductionRateReason =
    "actuating: changes the production rate, also while producing H2 (RULES.md)";
constexpr std::string_view kBlowdownReason = "actuating: requests the blowdown routine (RULES.md)";
// RULES.md R-RANGE and R-EVENTS read these rows where the document is silent.
constexpr std::string_view kNanWhileIdle = "R-RANGE: NaN while not producing";
constexpr std::string_view kIntInErrors =
    "R-EVENTS: W codes in the warning array; E or F codes or 0x0FFF (int) in the error array";
constexpr std::string_view kConfigurationReason =
    "command: written by the configuration sequence only, never otherwise (RULES.md R-CONFIG)";
constexpr std::string_view kNetworkReason =
    "connectivity: Ethernet addressing; a wrong value cuts the harness off (RULES.md)";
constexpr std::string_view kSettingReason =
    "setting: written through the configuration sequence, read back, restored (RULES.md)";

// --- Modbus Table ------------------------------------------------------------------------------

// clang-format off
constexpr RegisterRow kRows[] = {
    // Holding Registers (Read / Write)
    {kH, 0, "Unix Time", kUint64, kRW, "", 1, 0, {}, {}, kClock, kClockReason},
    {kH, 4, "Reboot", kBoolean, kRW, "", 1, 0, {}, {}, kDestructive, kRebootReason},
    {kH, 5, "Locate Electrolyser", kBoolean, kRW, "", 1, 0, {}, {}, kActuating, kLocateReason},
    {kH, 6, "Maintenance Mode", kBoolean, kRW, "", 1, 0, {}, {}, kActuating, kMaintenanceReason},
    {kH, 1000, "Start / Stop Electrolyser", kBoolean, kRW, "", 1, 0, {}, {}, kActuating, kStartStopReason},
    {kH, 1002, "Production Rate [%]", kFloat32, kRW, "%", 1, 0, {}, {}, kActuating, kProductionRateReason},
    {kH, 1010, "Request Blowdown routine", kBoolean, kRW, "", 1, 0, {}, {}, kActuating, kBlowdownReason},
    {kH, 4000, "Configuration Begin", kBoolean, kRW, "", 1, 0, {}, {}, kCommand, kConfigurationReason},
    {kH, 4001, "Configuration Commit", kBoolean, kRW, "", 1, 0, {}, {}, kCommand, kConfigurationReason},
    {kH, 4020, "Ethernet IP Address", kUint32, kRW, "", 1, 0, {}, {}, kConnectivity, kNetworkReason, "", kIpv4},
    {kH, 4022, "Ethernet IP Netmask", kUint32, kRW, "", 1, 0, {}, {}, kConnectivity, kNetworkReason, "", kIpv4},
    {kH, 4024, "Ethernet Gateway IP Address", kUint32, kRW, "", 1, 0, {}, {}, kConnectivity, kNetworkReason, "", kIpv4},
    {kH, 4308, "Max Tank Pressure (Outlet)", kFloat32, kRW, "bar", 1, 0, {}, {}, kSetting, kSettingReason},
    {kH, 4310, "Restart Pressure (Outlet)", kFloat32, kRW, "bar", 1, 0, {}, {}, kSetting, kSettingReason},
    {kH, 4396, "Default Production Rate [%]", kFloat32, kRW, "%", 1, 0, {}, {}, kSetting, kSettingReason},
    // Input Registers (Read Only)
    {kI, 0, "Device Model", kUint32, kR, "", 1, 0, {}, {}, SafetyClass::kReadOnly, "", "", kAscii, 0x454C3231},
    {kI, 2, "Firmware MAJOR and MINOR Version", kUint16, kR, ""},
    {kI, 3, "Firmware PATCH Version", kUint16, kR, ""},
    {kI, 4, "Firmware Build Number", kUint32, kR, ""},
    {kI, 6, "Device Control Board Serial Number", kUint128, kR, ""},
    {kI, 14, "Cabinet (Chassis) Serial Number", kUint64, kR, ""},
    {kI, 18, "System State", kUint16, kR, "", 1, 0, kSystemState},
    {kI, 20, "Live time [seconds]", kUint32, kR, "seconds"},
    {kI, 22, "Uptime [seconds]", kUint32, kR, "seconds"},
    {kI, 768, "Warning Events Array", kEventArray, kR, "", 1, 0, kErrorCodes, {}, SafetyClass::kReadOnly, "", kIntInErrors, kNumber, std::nullopt, false, "W"},
    {kI, 832, "Error Events Array", kEventArray, kR, "", 1, 0, kErrorCodes, {}, SafetyClass::kReadOnly, "", kIntInErrors, kNumber, std::nullopt, false, "EF*"},
    {kI, 1000, "Product Code", kUint32, kR, "", 1, 0, kProductCode},
    {kI, 1002, "Stack Start/Stop Cycles Quantity", kUint32, kR, ""},
    {kI, 1004, "Stack Total Runtime", kUint32, kR, "seconds"},
    {kI, 1006, "Stack Total H2 Production", kFloat32, kR, "NL"},
    {kI, 1008, "H2 Flow Rate", kFloat32, kR, "NL/hour", 1, 0, {}, {}, SafetyClass::kReadOnly, "", kNanWhileIdle, kNumber, std::nullopt, true},
    {kI, 4000, "Configuration Progress", kBoolean, kR, ""},
    {kI, 4001, "Configuration Source", kBoolean, kR, ""},
    {kI, 4002, "Last Configuration Result", kSint32, kR, "", 1, 0, kLastConfigurationResult},
    {kI, 4004, "Last Configuration Wrong Holding", kUint16, kR, ""},
    {kI, 7002, "High Electrolyte Level Switch (LSH102B_in)", kBoolean, kR, ""},
    {kI, 7003, "Very High Electrolyte Level Switch (LSHH102A_in)", kBoolean, kR, ""},
    {kI, 7004, "Low Electrolyte Level Switch (LSL102D_in)", kBoolean, kR, ""},
    {kI, 7005, "Medium Electrolyte Level Switch (LSM102C_in)", kBoolean, kR, ""},
    {kI, 7006, "Electrolyte Tank High Pressure Switch (PSH102_in)", kBoolean, kR, ""},
    {kI, 7007, "Very High Hydrogen Pressure Switch (PSHH101B_in)", kBoolean, kR, ""},
    {kI, 7008, "Downstream High Temperature Switch (TSH106_in)", kBoolean, kR, ""},
    {kI, 7009, "Electronic Compartment High Temperature Switch (TSH108_in)", kBoolean, kR, ""},
    {kI, 7010, "Very Low Electrolyte Temperature Switch (TSLL102B_in)", kBoolean, kR, ""},
    {kI, 7011, "Chassis Water Presence Switch (WPS104_in)", kBoolean, kR, ""},
    {kI, 7500, "Electrolyte Cooler Fan Speed (F103A_in_rpm)", kFloat32, kR, "rpm"},
    {kI, 7502, "Air Circulation Fan Speed (F104B_in_rpm)", kFloat32, kR, "rpm"},
    {kI, 7504, "Electronic Compartment Cooling Fan Speed (F108C_in_rpm)", kFloat32, kR, "rpm"},
    {kI, 7506, "Electrolyte Flow Meter (FM106_in_lmin)", kFloat32, kR, "Liters per minute"},
    {kI, 7508, "Stack Current (HASS_in_a)", kFloat32, kR, "Ampere"},
    {kI, 7510, "PSU Voltage Signal (PSU_in_v)", kFloat32, kR, "Volt"},
    {kI, 7512, "Inner Hydrogen Pressure (PT101A_in_bar)", kFloat32, kR, "bar"},
    {kI, 7514, "Outer Hydrogen Pressure (PT101C_in_bar)", kFloat32, kR, "bar"},
    {kI, 7516, "Water Inlet Pressure (PT105_in_bar)", kFloat32, kR, "bar"},
    {kI, 7518, "Electrolyte Temperature (TT102A_in_c)", kFloat32, kR, "°C"},
    {kI, 7520, "Downstream Temperature (TT106_in_c)", kFloat32, kR, "°C"},
    {kI, 8000, "Inner Hydrogen Pressure Raw Sensor Value (PT101A_in_v)", kFloat32, kR, "Volt"},
    {kI, 8002, "Outer Hydrogen Pressure Raw Sensor Value (PT101C_in_v)", kFloat32, kR, "Volt"},
    {kI, 8004, "Stack Current Raw Sensor Value (HASS_in_v)", kFloat32, kR, "Volt"},
};

// Every run of contiguous rows in a space is one block; the two event arrays are one block each
// although they adjoin (RULES.md "Enapter event arrays").
constexpr Block kBlocks[] = {
    {kH, 0, 6, "Unix Time .. Maintenance Mode"},
    {kH, 1000, 1000, "Start / Stop Electrolyser"},
    {kH, 1002, 1003, "Production Rate [%]"},
    {kH, 1010, 1010, "Request Blowdown routine"},
    {kH, 4000, 4001, "Configuration Begin, Configuration Commit"},
    {kH, 4020, 4025, "Ethernet IP Address .. Ethernet Gateway IP Address"},
    {kH, 4308, 4311, "Max Tank Pressure (Outlet), Restart Pressure (Outlet)"},
    {kH, 4396, 4397, "Default Production Rate [%]"},
    {kI, 0, 18, "Device Model .. System State"},
    {kI, 20, 23, "Live time, Uptime"},
    {kI, 768, 831, "Warning Events Array"},
    {kI, 832, 895, "Error Events Array"},
    {kI, 1000, 1009, "Product Code .. H2 Flow Rate"},
    {kI, 4000, 4004, "Configuration Progress .. Last Configuration Wrong Holding"},
    {kI, 7002, 7011, "Electrolyte level, pressure, temperature and water switches"},
    {kI, 7500, 7521, "Fan speeds, flow, current, voltage, pressures, temperatures"},
    {kI, 8000, 8005, "Raw sensor values"},
};
// clang-format on

}  // namespace

const RegisterMap& enapter_el21_map() {
  // Built on first use: the rule table is another translation unit's.
  static const RegisterMap map{
      .id = "enapter-el21",
      .document = "enapter-el21-modbus-tcp.md",
      .title = "Enapter Electrolyser EL 2.1 FW 1.1.2 Modbus TCP Communication Interface",
      .port = 502,
      .first_unit = 1,
      .last_unit = 1,
      .rows = kRows,
      .blocks = kBlocks,
      .rules = enapter_el21_rules(),
      // RULES.md R-CONFIG: Begin 4000, Commit 4001, Last Configuration Result input 4002; every
      // holding register after Commit is a configuration register.
      .configuration = ConfigurationSequence{.begin = 4000,
                                             .commit = 4001,
                                             .progress = 4000,
                                             .result = 4002,
                                             .first = 4002,
                                             .last = 0xFFFF},
      .structure = ModelStructure::kNone,
      .answers_any_unit = true,  // RULES.md R-UNIT: "or a normal answer as unit 1"
      .word_order = codec::WordOrder::kHighFirst,
      .simulation = "enapter-el21",
      .rows_by_address = {},
  };
  return map;
}

std::span<const EnapterErrorCode> enapter_error_codes() {
  return kErrorCodeRows;
}

}  // namespace mbh::models
