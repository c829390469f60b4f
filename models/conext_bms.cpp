// The Conext Gateway Li-Ion BMS map, row by row as in conext-gateway-li-ion-bms-modbus-map.md.
// Columns in each row: space, Modbus Address, Name, Type, R/W, Units, Scale, Offset, then the
// valid values the Notes list, safety class and reason (RULES.md "Writes and safety").
// A blank Scale / Offset in the document is written as 1 / 0 (physical = raw x 1 + 0).
#include "models/conext_bms.hpp"

namespace mbh::models {
namespace {

using codec::kSint16;
using codec::kUint16;
using codec::kUint32;
using codec::str;
constexpr Space kH = Space::kHolding;
constexpr Access kR = Access::kRead;
constexpr Access kRW = Access::kReadWrite;

// --- 2 Data Point Enumerations -----------------------------------------------------------------

// clang-format off
// 2.1 Battery Type
constexpr EnumEntry kBatteryType[] = {
    {0, "Unknown"}, {1, "Lead-Acid"}, {2, "Nickel-Metal Hydrate"}, {3, "Nickel-Cadmium"},
    {4, "Lithium-Ion"}, {5, "Carbon-Zinc"}, {6, "Zinc Chloride"}, {7, "Alkaline"},
    {8, "Rechargeable Alkaline"}, {9, "Sodium-Sulfur"}, {10, "Flow"}, {99, "Other"},
};

// 2.2 Battery State
constexpr EnumEntry kBatteryState[] = {
    {1, "Disconnected"}, {2, "Initializing"}, {3, "Connected"}, {4, "Standby"},
    {5, "SoC Protection"}, {6, "Suspending"}, {99, "Fault"},
};

// 2.3 Vendor Specific Battery State
constexpr EnumEntry kVendorSpecificBatteryState[] = {
    {0, "SelfCheck"}, {1, "Soft-Starting"}, {2, "Standby"}, {3, "Charging"}, {4, "Discharging"},
    {5, "Fault"}, {6, "Connect"}, {7, "ShutDown"}, {8, "Idle"}, {9, "Online"}, {10, "Offline"},
    {255, "NotApplicable"},
};

// 2.4 Battery Events (bitmap of Alarm Event Map 1).
// RULES.md R-BITS: bit27 "Reserved" counts as undefined (as do bits 30-31), so it is not listed.
constexpr BitEntry kBatteryEvents[] = {
    {0, "CommunicationError"},
    {1, "OverTemperatureAlarm"},
    {2, "OverTemperatureWarning"},
    {3, "UnderTemperatureAlarm"},
    {4, "UnderTemperatureWarning"},
    {5, "OverChargeCurrentAlarm"},
    {6, "OverChargeCurrentWarning"},
    {7, "OverDischargeCurrentAlarm"},
    {8, "OverDischargeCurrentWarning"},
    {9, "OverVoltageAlarm"},
    {10, "OverVoltageWarning"},
    {11, "UnderVoltageAlarm"},
    {12, "UnderVoltageWarning"},
    {13, "UnderStateofChargeMinAlarm"},
    {14, "UnderStateofChargeMinWarning"},
    {15, "OverStateofChargeMaxAlarm"},
    {16, "OverStateofChargeMaxWarning"},
    {17, "VoltageImbalanceWarning"},
    {18, "TemperatureImbalanceAlarm"},
    {19, "TemperatureImbalanceWarning"},
    {20, "ContactorError"},
    {21, "FanError"},
    {22, "GroundFaultError"},
    {23, "OpenDoorError"},
    {24, "CurrentImbalanceWarning"},
    {25, "OtherBatteryAlarm"},
    {26, "OtherBatteryWarning"},
    // bit27 "Reserved": undefined (RULES.md R-BITS)
    {28, "ConfigurationAlarm"},
    {29, "ConfigurationWarning"},
};

// 2.5 Request Inverter State
constexpr EnumEntry kRequestInverterState[] = {
    {0, "No Request"}, {1, "Start Inverter"}, {2, "Stop Inverter"},
};

// 2.6 Set Inverter State
constexpr EnumEntry kSetInverterState[] = {
    {1, "Inverter is Stopped"}, {2, "Inverter is in Standby"}, {3, "Inverter is Started"},
};

// Values listed in a row's own Notes.
constexpr EnumEntry kControlMode[] = {{0, "Remote Control"}, {1, "Local Control"}};  // 40087
constexpr EnumEntry kSetOperation[] = {{1, "Connect"}, {2, "Disconnect"}};            // 40120
// clang-format on

constexpr std::string_view kModbusAddressReason =
    "connectivity: the Modbus slave address; a wrong value cuts the harness off (RULES.md)";
constexpr std::string_view kHeartbeatReason =
    "setting: BMS Controller Heartbeat, written, read back, restored (RULES.md)";
constexpr std::string_view kModelFieldNote =
    "RULES.md: the document names both 40004 and 40020 \"Manufacturer Name\"; 40020 is "
    "SunSpec's Model (Md) field, the document's name is kept";

// --- 1 Register Map for Li-Ion Battery Management System ---------------------------------------

// clang-format off
constexpr RegisterRow kRows[] = {
    // Start Marker
    {kH, 40000, "Start Marker", kUint32, kR, "", 1, 0, {}, {}, SafetyClass::kReadOnly, "", "", Display::kAscii, 0x53756E53},
    // Common Base Model
    {kH, 40002, "Common Base Model ID", kUint16, kR, "", 1.0, 0.0, {}, {}, SafetyClass::kReadOnly, "", "", Display::kNumber, 1},
    {kH, 40003, "Common Base Model Length", kUint16, kR, "", 1.0, 0.0},
    {kH, 40004, "Manufacturer Name", str(32), kR, "", 1.0, 0.0},
    // RULES.md: second "Manufacturer Name" is SunSpec's Model (Md); the document's name is kept.
    {kH, 40020, "Manufacturer Name", str(32), kR, "", 1.0, 0.0, {}, {}, SafetyClass::kReadOnly, "", kModelFieldNote},
    {kH, 40036, "Options", str(16), kR, "", 1.0, 0.0},
    {kH, 40044, "Software Version", str(16), kR, "", 1.0, 0.0},
    {kH, 40052, "Serial Number", str(32), kR, "", 1.0, 0.0},
    {kH, 40068, "Modbus Address", kUint16, kRW, "", 1.0, 0.0, {}, {}, SafetyClass::kConnectivity, kModbusAddressReason},
    {kH, 40069, "Pad", kUint16, kR, "", 1.0, 0.0},
    // Battery Base Model, first table
    {kH, 40070, "Battery Base Model ID", kUint16, kR, "", 1.0, 0.0},
    {kH, 40071, "Battery Base Model Length", kUint16, kR, "", 1.0, 0.0},
    {kH, 40072, "Full Charge Capacity", kUint16, kR, "mAh", 1.0, 0.0},
    {kH, 40073, "Nameplate Energy Capacity", kUint16, kR, "", 1.0, 0.0},
    {kH, 40074, "Nameplate Max Charge Rate", kUint16, kR, "", 1.0, 0.0},
    {kH, 40075, "Nameplate Max Discharge Rate", kUint16, kR, "", 1.0, 0.0},
    {kH, 40076, "Self Discharge Rate", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40077, "Nameplate Max Soc", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40078, "Nameplate Min SoC", kUint16, kR, "%", 1.0, 0.0},
    // Battery Base Model, second table
    {kH, 40079, "SOC Reserve Maximum", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40080, "SOC Reserve Minimum", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40081, "State of Charge", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40082, "Depth of Discharge", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40083, "State of Health", kUint16, kR, "%", 1.0, 0.0},
    {kH, 40084, "Full Charge Cycle Count", kUint32, kR, "", 1.0, 0.0},
    {kH, 40086, "Charge Status", kUint16, kR, "", 1.0, 0.0},
    {kH, 40087, "Control Mode", kUint16, kR, "", 1.0, 0.0, kControlMode},
    {kH, 40088, "Battery Heartbeat", kUint16, kR, "", 1.0, 0.0},
    {kH, 40089, "Controller Heartbeat", kUint16, kRW, "", 1.0, 0.0, {}, {}, SafetyClass::kSetting, kHeartbeatReason},
    {kH, 40090, "Alarm Reset", kUint16, kR, "", 1.0, 0.0},
    {kH, 40091, "Battery Type", kUint16, kR, "", 1.0, 0.0, kBatteryType},
    {kH, 40092, "Battery State", kUint16, kR, "", 1.0, 0.0, kBatteryState},
    {kH, 40093, "State", kUint16, kR, "", 1.0, 0.0, kVendorSpecificBatteryState},
    {kH, 40094, "Warranty Date", kUint32, kR, "", 1.0, 0.0},
    {kH, 40096, "Alarm Event Map 1", kUint32, kR, "", 1.0, 0.0, {}, kBatteryEvents},
    {kH, 40098, "Vendor Event 2 Bitfield", kUint32, kR, "", 1.0, 0.0},
    {kH, 40100, "Fault Status Bitmap 0", kUint32, kR, "", 1.0, 0.0},
    {kH, 40102, "Warning Status Bitmap 0", kUint32, kR, "", 1.0, 0.0},
    {kH, 40104, "Voltage", kUint16, kR, "V", 0.001, 0.0},
    {kH, 40105, "Max Battery Voltage", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40106, "Min Battery Voltage", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40107, "Maximum Cell Voltage", kUint16, kR, "V", 0.001, 0.0},
    {kH, 40108, "Max Cell Voltage String", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40109, "Max Cell Voltage Module", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40110, "Minimum Cell Voltage", kUint16, kR, "V", 0.001, 0.0},
    {kH, 40111, "Min Cell Voltage String", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40112, "Min Cell Voltage Module", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40113, "Average Cell Voltage", kUint16, kR, "V", 0.01, 0.0},
    {kH, 40114, "Current", kSint16, kR, "A", 0.001, 0.0},
    {kH, 40115, "Max Charge Current", kUint16, kR, "A", 0.01, 0.0},
    // Battery Base Model, third table
    {kH, 40116, "Max Discharge Current", kUint16, kR, "A", 0.01, 0.0},
    {kH, 40117, "Battery Power", kSint16, kR, "W", 1.0, 0.0},
    {kH, 40118, "Inverter State Request", kUint16, kR, "", 1.0, 0.0, kRequestInverterState},
    {kH, 40119, "Battery Power Request", kSint16, kR, "W", 1.0, 0.0},
    {kH, 40120, "Set Operation", kUint16, kR, "", 1.0, 0.0, kSetOperation},
    {kH, 40121, "Inverter State", kUint16, kR, "", 1.0, 0.0, kSetInverterState},
    {kH, 40122, "AHRtg Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40123, "WHRtg Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40124, "WChaDisChaMax Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40125, "DisChaRte Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40126, "SoC Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40127, "DoD Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40128, "SoH Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40129, "V Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40130, "CellV Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40131, "A Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40132, "AMax Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40133, "W Scale Factor", kSint16, kR, "", 1.0, 0.0},
    // BMS Custom Map
    {kH, 40134, "BMS Custom Map ID", kUint16, kR, "", 1.0, 0.0},
    {kH, 40135, "BMS Custom Map Length", kUint16, kR, "", 1.0, 0.0},
    {kH, 40136, "Temperature", kSint16, kR, "degC", 0.01, -273.0},
    {kH, 40137, "Minimum Cell Temperature", kSint16, kR, "degC", 0.01, 0.0},
    {kH, 40138, "Cell Temperature Scale Factor", kSint16, kR, "", 1.0, 0.0},
    {kH, 40139, "Request Bitmap", kUint16, kR, "", 1.0, 0.0},
    // End Marker
    {kH, 40140, "End Marker", kUint16, kR, "", 1, 0, {}, {}, SafetyClass::kReadOnly, "", "", Display::kNumber, 0xFFFF},
    {kH, 40141, "End Marker 0", kUint16, kR, "", 1, 0, {}, {}, SafetyClass::kReadOnly, "", "", Display::kNumber, 0},
};

// One block per table of the document (a blank row ends a table): the five sections, and the
// Battery Base Model split where its table restarts (RULES.md "BMS block splits").
constexpr Block kBlocks[] = {
    {kH, 40000, 40001, "Start Marker"},
    {kH, 40002, 40069, "Common Base Model"},
    {kH, 40070, 40078, "Battery Base Model (first table)"},
    {kH, 40079, 40115, "Battery Base Model (second table)"},
    {kH, 40116, 40133, "Battery Base Model (third table)"},
    {kH, 40134, 40139, "BMS Custom Map"},
    {kH, 40140, 40141, "End Marker"},
};
// clang-format on

}  // namespace

const RegisterMap& conext_bms_map() {
  // Built on first use: the rule table is another translation unit's.
  static const RegisterMap map{
      .id = "conext-bms",
      .document = "conext-gateway-li-ion-bms-modbus-map.md",
      .title =
          "Conext Gateway Modbus Interface Specification (502): Li-Ion Battery Management "
          "System, 990-91344B Rev B",
      .port = 502,
      .first_unit = 230,
      .last_unit = 234,
      .rows = kRows,
      .blocks = kBlocks,
      .rules = conext_bms_rules(),
      .configuration = std::nullopt,
      .structure = ModelStructure::kSunSpec,
      .answers_any_unit = false,
      .word_order = codec::WordOrder::kHighFirst,
      .simulation = "conext-bms",
      .rows_by_address = {},
  };
  return map;
}

}  // namespace mbh::models
