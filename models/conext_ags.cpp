// The Conext AGS map, row by row as in conext-ags-modbus-map.txt. Columns in each row: space,
// Reg. Addr. (zero-based; the document's Reg. No. is address + 1), Name (the lines it spans
// joined), Type, R/W, Units, Scale, Offset, then the valid values the Notes list, safety class
// and reason (RULES.md "Writes and safety"). A blank Scale / Offset is written as 1 / 0.
#include "models/conext_ags.hpp"

#include <array>
#include <cstddef>

namespace mbh::models {
namespace {

using codec::kSint32;
using codec::kUint16;
using codec::kUint32;
using codec::str;
constexpr Space kH = Space::kHolding;
constexpr Access kR = Access::kRead;
constexpr Access kRW = Access::kReadWrite;

// RULES.md R-ENUM: a command register (Reset 0x004E, Clear 0x004F, Refresh Configuration Data
// 0x0082) may also read 0 when no command is pending; this adds 0 to the values the document
// lists for it (Reset lists 0=Reboot already).
constexpr std::string_view kIdleZeroName =
    "No command (RULES.md R-ENUM: a command register may read 0)";
template <std::size_t N>
constexpr std::array<EnumEntry, N + 1> with_idle_zero(const EnumEntry (&documented)[N]) {
  std::array<EnumEntry, N + 1> entries{};
  entries[0] = EnumEntry{0, kIdleZeroName};
  for (std::size_t i = 0; i < N; ++i)
    entries[i + 1] = documented[i];
  return entries;
}

// --- 2 Data Point Enumerations -----------------------------------------------------------------

// clang-format off
// 2.1 AGS Operating States
constexpr EnumEntry kAgsOperatingStates[] = {
    {0, "Hibernate"}, {1, "Power Save"}, {2, "Safe Mode"}, {3, "Operating"},
    {4, "Diagnostic Mode"}, {5, "Remote Power Off"}, {255, "Data Not Available"},
};

// 2.2 Generator State
constexpr EnumEntry kGeneratorState[] = {
    {0, "Quiet Time"}, {1, "Auto On"}, {2, "Auto Off"}, {3, "Manual On"}, {4, "Manual Off"},
    {5, "Gen Shutdown"}, {6, "Ext Shutdown"}, {7, "AGS Fault"}, {8, "Suspend"},
    {9, "Not Operating"},
};

// 2.3 Generator Actions
constexpr EnumEntry kGeneratorActions[] = {
    {0, "Preheating"}, {1, "Start Delay"}, {2, "Cranking"}, {3, "Starter Cooling"},
    {4, "Warming Up"}, {5, "Cooling Down"}, {6, "Spinning Down"}, {7, "Shutdown Bypass"},
    {8, "Stopping"}, {9, "Running"}, {10, "Stopped"}, {11, "Crank Delay"},
};

// 2.4 Generator On Reason
constexpr EnumEntry kGeneratorOnReason[] = {
    {0, "Not On"}, {1, "DC Voltage Low"}, {2, "Battery SOC Low"}, {3, "AC Current High"},
    {4, "Contact Closed"}, {5, "Manual On"}, {6, "Exercise"}, {7, "Non Quiet Time"},
    {8, "Ext On via AGS"}, {9, "Ext On via Gen"}, {10, "Unable To Stop"}, {11, "AC Power High"},
    {12, "DC Current High"},
};

// 2.5 Generator Off Reasons
constexpr EnumEntry kGeneratorOffReasons[] = {
    {0, "Not Off"}, {1, "DC Voltage High"}, {2, "Battery SOC High"}, {3, "AC Current Low"},
    {4, "Contact Opened"}, {5, "Reached Absorp"}, {6, "Reached Float"}, {7, "Manual Off"},
    {8, "Max Run Time"}, {9, "Max Auto Cycle"}, {10, "Exercise Done"}, {11, "Quiet Time"},
    {12, "Ext Off via AGS"}, {13, "Safe Mode"}, {14, "Ext Off via Gen"}, {15, "Ext Shutdown"},
    {16, "Auto Off"}, {17, "Fault"}, {18, "Unable To Start"}, {19, "Power Low"},
    {20, "DC Current Low"}, {21, "AC Good"},
};

// 2.6 AGS Fault Status (bits of Fault Bitmap 0)
constexpr BitEntry kAgsFaultStatus[] = {
    {0, "F69:Node Instance Duplicated"},
    {1, "F200:Exceeded max number of start tries"},
    {2, "F201:Unable to stop gen"},
    {3, "F203:Gen Stopped by ext sensor"},
    {4, "F500:Serial Number Failure"},
    {5, "F501:Memory Failure"},
    {6, "F505:Internal Failure"},
};

// 2.7 AGS Warning Bits (bits of Warning Bitmap 0)
constexpr BitEntry kAgsWarningBits[] = {
    {0, "W200:Generator was stopped manually"},
    {1, "W201:Generator was started manually"},
    {2, "W202:Unable to start generator"},
    {3, "W203:Manual Off"},
    {4, "W204:Max Genset Cycle with no user intervention"},
    {5, "W205:Generator started by its switch"},
    {6, "W206:Mismatched triggers"},
    {7, "W207:Mismatched triggers"},
    {8, "W208:Automatic start and stop triggers not enabled"},
    {9, "W209:Generator external stop"},
    {10, "W250:Value failed to change"},
    {11, "W500:Network connection lost"},
    {12, "W501:Memory problem - cleared memory"},
    {13, "W599:Invalid Associations"},
};

// 2.8 Clear Command
constexpr EnumEntry kClearCommand[] = {
    {1, "Fault Log"}, {2, "Active Faults"}, {4, "Warning Log"}, {8, "Active Warnings"},
    {16, "State Event Log"}, {32, "Communication Statistics"}, {64, "Statistics"},
    {128, "User Statistics"}, {255, "All"},
};

// 2.9 Relay 3 Functions
constexpr EnumEntry kRelay3Functions[] = {
    {0, "Not Used"}, {1, "Run"}, {2, "Glow and Stop"}, {3, "Glow stop with Shutdown bypass"},
    {4, "Crank"}, {5, "Preheat"}, {6, "Warm Up and Cool Down"}, {7, "Start and Stop"},
    {8, "Preheat with Shutdown Bypass"}, {9, "Momentary Run"}, {10, "Pulse Stop"},
};

// 2.10 Generator Association
constexpr EnumEntry kGeneratorAssociation[] = {
    {19, "Generator 1"}, {20, "Generator 2"}, {21, "Generator 3"}, {22, "Generator 4"},
    {23, "Generator 5"}, {24, "Generator 6"}, {25, "Generator 7"}, {26, "Generator 8"},
    {27, "Generator 9"}, {28, "Generator 10"},
};

// 2.11 AC Load Association (the AC Output Association row refers here)
constexpr EnumEntry kAcLoadAssociation[] = {
    {1, "None"}, {51, "AC Load 1"}, {52, "AC Load 2"}, {53, "AC Load 3"}, {54, "AC Load 4"},
    {55, "AC Load 5"}, {56, "AC Load 6"}, {57, "AC Load 7"}, {58, "AC Load 8"},
    {59, "AC Load 9"}, {60, "AC Load 10"},
};

// 2.12 AC Input Association (in the document's order: None, the grids, then the generators)
constexpr EnumEntry kAcInputAssociation[] = {
    {1, "None"}, {67, "Grid 1"}, {68, "Grid 2"}, {69, "Grid 3"}, {70, "Grid 4"}, {71, "Grid 5"},
    {72, "Grid 6"}, {73, "Grid 7"}, {74, "Grid 8"}, {75, "Grid 9"}, {76, "Grid 10"},
    {19, "Generator 1"}, {20, "Generator 2"}, {21, "Generator 3"}, {22, "Generator 4"},
    {23, "Generator 5"}, {24, "Generator 6"}, {25, "Generator 7"}, {26, "Generator 8"},
    {27, "Generator 9"}, {28, "Generator 10"},
};

// 2.13 DC Input Association
constexpr EnumEntry kDcInputAssociation[] = {
    {1, "None"}, {3, "House Battery Bank 1"}, {4, "House Battery Bank 2"},
    {5, "House Battery Bank 3"}, {6, "House Battery Bank 4"}, {7, "House Battery Bank 5"},
    {252, "All Battery Banks"},
};

// Values listed in a row's own Notes.
constexpr EnumEntry kConfigurationStatus[] = {{0, "Refreshing"}, {1, "Done"}};                   // 0x0035
constexpr EnumEntry kDevicePresent[] = {{0, "Inactive (all data invalid)"}, {1, "Active (data valid)"}};  // 0x0041
constexpr EnumEntry kActiveFaultsFlag[] = {{0, "No Active Faults"}, {1, "Has Active Faults"}};     // 0x0046
// 0x0047: the extraction hyphenates "Warn-" / "ings" over two lines; the word is "Warnings".
constexpr EnumEntry kActiveWarningsFlag[] = {{0, "No Active Warnings"}, {1, "Has Active Warnings"}};
constexpr EnumEntry kOperatingMode[] = {{2, "Standby"}, {3, "Operating"}};                        // 0x004C
constexpr EnumEntry kGeneratorMode[] = {{0, "Off"}, {1, "On"}, {2, "Automatic"}, {3, "Force On Auto Off"}};  // 0x004D
constexpr EnumEntry kReset[] = {{0, "Reboot"}, {2, "Reset to Factory"}};                           // 0x004E
constexpr EnumEntry kRefreshConfigurationData[] = {{1, "Refresh"}};                                // 0x0082
// "0=Disabled 1=Enabled", the notes of the enables, thermostats and Identify Enable.
constexpr EnumEntry kDisabledEnabled[] = {{0, "Disabled"}, {1, "Enabled"}};

// RULES.md: Generator Type (0x0061) counts as enumerated with the values 1..14 its note allows
// ("Only Generator types 1 through 14 are supported."); the document names none of them.
constexpr EnumEntry kGeneratorType[] = {
    {1, "Generator type 1"}, {2, "Generator type 2"}, {3, "Generator type 3"},
    {4, "Generator type 4"}, {5, "Generator type 5"}, {6, "Generator type 6"},
    {7, "Generator type 7"}, {8, "Generator type 8"}, {9, "Generator type 9"},
    {10, "Generator type 10"}, {11, "Generator type 11"}, {12, "Generator type 12"},
    {13, "Generator type 13"}, {14, "Generator type 14"},
};

// RULES.md R-ENUM: Clear and Refresh Configuration Data may also read 0.
constexpr auto kClearCommandOrIdle = with_idle_zero(kClearCommand);
constexpr auto kRefreshConfigurationDataOrIdle = with_idle_zero(kRefreshConfigurationData);
// clang-format on

// --- Safety (RULES.md "Writes and safety") -----------------------------------------------------

constexpr SafetyClass kSetting = SafetyClass::kSetting;
constexpr SafetyClass kActuating = SafetyClass::kActuating;
constexpr SafetyClass kDestructive = SafetyClass::kDestructive;
constexpr SafetyClass kConnectivity = SafetyClass::kConnectivity;

constexpr std::string_view kSettingReason =
    "setting: written, read back, then the original value restored (RULES.md)";
constexpr std::string_view kSlaveAddressReason =
    "connectivity: the Modbus slave address; a wrong value cuts the harness off (RULES.md)";
constexpr std::string_view kOperatingModeReason =
    "actuating: switches the AGS between Standby and Operating (RULES.md)";
constexpr std::string_view kGeneratorModeReason =
    "actuating: turns the generator off, on or to automatic (RULES.md)";
constexpr std::string_view kResetReason =
    "destructive: reboots the AGS or resets it to factory settings (RULES.md)";
constexpr std::string_view kClearReason =
    "destructive: erases fault, warning and event logs and statistics (RULES.md)";
constexpr std::string_view kRefreshReason =
    "actuating: makes the AGS refresh its configuration data (RULES.md)";
constexpr std::string_view kIdentifyReason =
    "actuating: makes the device identify itself (RULES.md)";

constexpr std::string_view kResetNote =
    "RULES.md R-ENUM: a command register, may also read 0 (listed already as 0=Reboot)";
constexpr std::string_view kCommandZeroNote =
    "RULES.md R-ENUM: a command register, may also read 0 (added to the listed values)";
constexpr std::string_view kGeneratorTypeNote =
    "RULES.md: enumerated with the values 1..14 its note allows";
constexpr std::string_view kMaxRunTimeNote =
    "RULES.md: scale 0.016667 (hours from minutes); the extraction glues it to the offset";
constexpr std::string_view kStartTriesNote = "RULES.md: offset 1.0, physical = raw + 1";

// --- 1 Register Map for Conext Automatic Generator Start (AGS) ---------------------------------

// clang-format off
constexpr RegisterRow kRows[] = {
    {kH, 0x0000, "Device Name", str(16), kR, ""},                                            // 1
    {kH, 0x0008, "reserved", kUint16, kR, ""},                                               // 9
    {kH, 0x0009, "reserved", kUint16, kR, ""},                                               // 10
    {kH, 0x000A, "FGA Number", str(20), kR, ""},                                             // 11
    {kH, 0x0014, "Unique ID Number", kUint32, kR, ""},                                       // 21
    // gap 0x0016..0x001D
    {kH, 0x001E, "Firmware Version", kUint32, kR, ""},                                       // 31
    // gap 0x0020..0x0027
    {kH, 0x0028, "Modbus Slave Address (Port 503)", kUint16, kRW, "", 1.0, 0.0, {}, {}, kConnectivity, kSlaveAddressReason},  // 41
    {kH, 0x0029, "Device Number", kUint16, kR, "", 1.0, 0.0},                                // 42
    {kH, 0x002A, "System Instance", kUint16, kR, "", 1.0, 0.0},                              // 43
    {kH, 0x002B, "Hardware Serial Number", str(20), kR, ""},                                 // 44
    {kH, 0x0035, "Configuration Status", kUint16, kR, "", 1.0, 0.0, kConfigurationStatus},   // 54
    {kH, 0x0036, "Configuration Refresh Counter", kUint32, kR, "", 1.0, 0.0},                // 55
    // gap 0x0038..0x003F
    {kH, 0x0040, "Device State", kUint16, kR, "", 1.0, 0.0, kAgsOperatingStates},            // 65
    {kH, 0x0041, "Device Present", kUint16, kR, "", 1.0, 0.0, kDevicePresent},               // 66
    {kH, 0x0042, "Auto Generator State", kUint16, kR, "", 1.0, 0.0, kGeneratorState},        // 67
    {kH, 0x0043, "Auto Generator Action", kUint16, kR, "", 1.0, 0.0, kGeneratorActions},     // 68
    {kH, 0x0044, "Generator On Reason", kUint16, kR, "", 1.0, 0.0, kGeneratorOnReason},      // 69
    {kH, 0x0045, "Generator Off Reason", kUint16, kR, "", 1.0, 0.0, kGeneratorOffReasons},   // 70
    {kH, 0x0046, "Active Faults Flag", kUint16, kR, "", 1.0, 0.0, kActiveFaultsFlag},        // 71
    {kH, 0x0047, "Active Warnings Flag", kUint16, kR, "", 1.0, 0.0, kActiveWarningsFlag},    // 72
    {kH, 0x0048, "Fault Bitmap 0", kUint16, kR, "", 1.0, 0.0, {}, kAgsFaultStatus},          // 73
    {kH, 0x0049, "Warning Bitmap 0", kUint16, kR, "", 1.0, 0.0, {}, kAgsWarningBits},        // 74
    {kH, 0x004A, "Configuration Errors", kUint32, kR, "", 1.0, 0.0},                         // 75
    {kH, 0x004C, "Operating Mode", kUint16, kRW, "", 1.0, 0.0, kOperatingMode, {}, kActuating, kOperatingModeReason},  // 77
    {kH, 0x004D, "Generator Mode", kUint16, kRW, "", 1.0, 0.0, kGeneratorMode, {}, kActuating, kGeneratorModeReason},  // 78
    {kH, 0x004E, "Reset", kUint16, kRW, "", 1.0, 0.0, kReset, {}, kDestructive, kResetReason, kResetNote},  // 79
    {kH, 0x004F, "Clear", kUint16, kRW, "", 1.0, 0.0, kClearCommandOrIdle, {}, kDestructive, kClearReason, kCommandZeroNote},  // 80
    {kH, 0x0050, "Generator Quiet Time Start", kUint16, kRW, "min", 1.0, 0.0, {}, {}, kSetting, kSettingReason},  // 81
    {kH, 0x0051, "Generator Quiet Time Stop", kUint16, kRW, "min", 1.0, 0.0, {}, {}, kSetting, kSettingReason},   // 82
    {kH, 0x0052, "Generator Quiet Time Enable / Disable", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},  // 83
    {kH, 0x0053, "Generator Auto Start On DC V", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},          // 84
    {kH, 0x0054, "Generator Auto Stop On DC V", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},           // 85
    {kH, 0x0055, "Generator Auto Start On Battery SOC", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},   // 86
    {kH, 0x0056, "Generator Auto Stop On Battery SOC", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},    // 87
    {kH, 0x0057, "Inverter Load Start/Stop Triggers", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},     // 88
    {kH, 0x0058, "Generator Auto Stop On AC I", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},           // 89
    {kH, 0x0059, "Generator Stop At Absorption Stage", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},    // 90
    {kH, 0x005A, "Generator Stop At Float Stage", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},         // 91
    {kH, 0x005B, "Maximum Automatic Cycles with No User Intervention", kUint16, kRW, "", 1.0, 0.0, {}, {}, kSetting, kSettingReason},  // 92
    // gap 0x005C..0x005E
    {kH, 0x005F, "Thermostat 1 Start/Stop", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},  // 96
    {kH, 0x0060, "Thermostat 2 Start/Stop", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kSetting, kSettingReason},  // 97
    {kH, 0x0061, "Generator Type", kUint16, kRW, "", 1.0, 0.0, kGeneratorType, {}, kSetting, kSettingReason, kGeneratorTypeNote},  // 98
    {kH, 0x0062, "reserved", kUint16, kR, ""},                                               // 99
    {kH, 0x0063, "Generator Preheat Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},        // 100
    {kH, 0x0064, "Generator Crank Start Delay", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},   // 101
    {kH, 0x0065, "Generator Crank Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},          // 102
    {kH, 0x0066, "Shutdown Bypass Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},          // 103
    {kH, 0x0067, "Starter Cool Down Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},        // 104
    {kH, 0x0068, "Generator Crank Retry Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},    // 105
    {kH, 0x0069, "Generator Warmup Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},         // 106
    // RULES.md: scale 0.016667 (hours from minutes); the text prints "0.0166670.0" (scale, offset).
    {kH, 0x006A, "Maximum Generator Run Time", kUint16, kRW, "hours", 0.016667, 0.0, {}, {}, kSetting, kSettingReason, kMaxRunTimeNote},  // 107
    {kH, 0x006B, "Generator Cool Down Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},      // 108
    {kH, 0x006C, "Generator Spin Down Time", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},      // 109
    {kH, 0x006D, "Generator Stop Timeout", kUint16, kRW, "s", 1.0, 0.0, {}, {}, kSetting, kSettingReason},        // 110
    // RULES.md: offset 1.0 as printed, physical = raw + 1.
    {kH, 0x006E, "Generator Start Tries", kUint16, kRW, "", 1.0, 1.0, {}, {}, kSetting, kSettingReason, kStartTriesNote},  // 111
    {kH, 0x006F, "Generator Exercise Period", kUint16, kRW, "days", 1.0, 0.0, {}, {}, kSetting, kSettingReason},  // 112
    {kH, 0x0070, "Generator Exercise Duration", kUint16, kRW, "min", 1.0, 0.0, {}, {}, kSetting, kSettingReason}, // 113
    {kH, 0x0071, "Generator Exercise Start Time", kUint16, kRW, "min", 1.0, 0.0, {}, {}, kSetting, kSettingReason},  // 114
    {kH, 0x0072, "Generator Run Signal Hold Time", kUint16, kRW, "s", 0.01, 0.0, {}, {}, kSetting, kSettingReason},  // 115
    {kH, 0x0073, "Relay 3 Function", kUint16, kRW, "", 1.0, 0.0, kRelay3Functions, {}, kSetting, kSettingReason},  // 116
    {kH, 0x0074, "AC Current Level to Stop", kUint32, kRW, "A", 0.001, 0.0, {}, {}, kSetting, kSettingReason},    // 117
    {kH, 0x0076, "AC Current Level to Start", kUint32, kRW, "A", 0.001, 0.0, {}, {}, kSetting, kSettingReason},   // 119
    {kH, 0x0078, "Starting Battery Voltage (30 Seconds)", kSint32, kRW, "V", 0.001, 0.0, {}, {}, kSetting, kSettingReason},  // 121
    {kH, 0x007A, "Starting Battery Voltage (15 Minutes)", kSint32, kRW, "V", 0.001, 0.0, {}, {}, kSetting, kSettingReason},  // 123
    {kH, 0x007C, "Starting Battery Voltage (2 Hours)", kSint32, kRW, "V", 0.001, 0.0, {}, {}, kSetting, kSettingReason},     // 125
    {kH, 0x007E, "Starting Battery Voltage (24 Hours)", kSint32, kRW, "V", 0.001, 0.0, {}, {}, kSetting, kSettingReason},    // 127
    {kH, 0x0080, "Stop Voltage", kSint32, kRW, "V", 0.001, 0.0, {}, {}, kSetting, kSettingReason},                // 129
    {kH, 0x0082, "Refresh Configuration Data", kUint16, kRW, "", 1.0, 0.0, kRefreshConfigurationDataOrIdle, {}, kActuating, kRefreshReason, kCommandZeroNote},  // 131
    {kH, 0x0083, "Generator Association", kUint16, kRW, "", 1.0, 0.0, kGeneratorAssociation, {}, kSetting, kSettingReason},  // 132
    {kH, 0x0084, "AC Output Association", kUint16, kRW, "", 1.0, 0.0, kAcLoadAssociation, {}, kSetting, kSettingReason},     // 133
    {kH, 0x0085, "AC Input Association", kUint16, kRW, "", 1.0, 0.0, kAcInputAssociation, {}, kSetting, kSettingReason},     // 134
    {kH, 0x0086, "DC Input Association", kUint16, kRW, "", 1.0, 0.0, kDcInputAssociation, {}, kSetting, kSettingReason},     // 135
    {kH, 0x0087, "State of Charge Level to Stop Generator", kUint16, kRW, "%", 1.0, 0.0, {}, {}, kSetting, kSettingReason},   // 136
    {kH, 0x0088, "State of Charge Level to Start Generator", kUint16, kRW, "%", 1.0, 0.0, {}, {}, kSetting, kSettingReason},  // 137
    {kH, 0x0089, "Identify Enable", kUint16, kRW, "", 1.0, 0.0, kDisabledEnabled, {}, kActuating, kIdentifyReason},          // 138
};

// Contiguous runs of rows; every boundary is a gap (RULES.md: 0x0016..0x001D, 0x0020..0x0027,
// 0x0038..0x003F, 0x005C..0x005E; the page-header repeats are not boundaries).
constexpr Block kBlocks[] = {
    {kH, 0x0000, 0x0015, "Device Name .. Unique ID Number"},
    {kH, 0x001E, 0x001F, "Firmware Version"},
    {kH, 0x0028, 0x0037, "Modbus Slave Address .. Configuration Refresh Counter"},
    {kH, 0x0040, 0x005B, "Device State .. Maximum Automatic Cycles with No User Intervention"},
    {kH, 0x005F, 0x0089, "Thermostat 1 Start/Stop .. Identify Enable"},
};
// clang-format on

}  // namespace

const RegisterMap& conext_ags_map() {
  // Built on first use: the rule table is another translation unit's.
  static const RegisterMap map{
      .id = "conext-ags",
      .document = "conext-ags-modbus-map.txt",
      .title = "Conext Automatic Generator Start (AGS) Modbus map",
      .port = 503,
      .first_unit = 50,
      .last_unit = 69,
      .rows = kRows,
      .blocks = kBlocks,
      .rules = conext_ags_rules(),
      .configuration = std::nullopt,
      .structure = ModelStructure::kNone,
      .answers_any_unit = false,
      .word_order = codec::WordOrder::kHighFirst,
      .simulation = "conext-ags",
      .rows_by_address = {},
  };
  return map;
}

}  // namespace mbh::models
