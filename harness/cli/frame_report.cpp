#include "harness/cli/frame_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/pfr.hpp>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <type_traits>

#include "harness/cli/hex_input.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::cli {
namespace {

using codec::CodecError;
using json = nlohmann::ordered_json;

// ---- Bytes and names ----------------------------------------------------------------------

// Bounds-checked reads of a frame's bytes: an error's context may lie past a short frame.
class Bytes {
 public:
  explicit Bytes(std::span<const std::byte> bytes) : bytes_(bytes) {}
  std::size_t size() const { return bytes_.size(); }
  std::optional<unsigned> u8(std::size_t at) const {
    if (at >= bytes_.size()) return std::nullopt;
    return std::to_integer<unsigned>(bytes_[at]);
  }
  std::optional<unsigned> u16(std::size_t at) const {
    if (at + 1 >= bytes_.size()) return std::nullopt;
    return std::to_integer<unsigned>(bytes_[at]) << 8 | std::to_integer<unsigned>(bytes_[at + 1]);
  }

 private:
  std::span<const std::byte> bytes_;
};

// The names the specification gives the basic and regular device identification objects.
std::string_view object_name(unsigned id) {
  static constexpr std::array<std::string_view, 7> kNames{
      "VendorName",  "ProductCode", "MajorMinorRevision", "VendorUrl",
      "ProductName", "ModelName",   "UserApplicationName"};
  if (id < kNames.size()) return kNames[id];
  if (id < 0x80) return "reserved";
  return "private object";
}

std::string_view read_code_name(unsigned code) {
  switch (code) {
    case 1:
      return "basic device identification (stream)";
    case 2:
      return "regular device identification (stream)";
    case 3:
      return "extended device identification (stream)";
    case 4:
      return "one specific object";
    default:
      return "not a read device id code";
  }
}

std::string_view conformity_name(unsigned level) {
  switch (level) {
    case 0x01:
      return "basic identification, stream access only";
    case 0x02:
      return "regular identification, stream access only";
    case 0x03:
      return "extended identification, stream access only";
    case 0x81:
      return "basic identification, stream and individual access";
    case 0x82:
      return "regular identification, stream and individual access";
    case 0x83:
      return "extended identification, stream and individual access";
    default:
      return "not a conformity level";
  }
}

bool is_exception(const codec::Response& response) {
  return std::holds_alternative<codec::ExceptionResponse>(response);
}

std::uint8_t message_function(const std::variant<codec::Request, codec::Response>& message) {
  return std::visit([](const auto& m) { return codec::function_byte(m); }, message);
}

std::string_view type_name(const std::variant<codec::Request, codec::Response>& message) {
  return std::visit(
      [](const auto& m) {
        return std::visit([](const auto& r) -> std::string_view { return r.kName; }, m);
      },
      message);
}

std::string kind_of(const std::variant<codec::Request, codec::Response>& message) {
  if (std::holds_alternative<codec::Request>(message)) return "request";
  return is_exception(std::get<codec::Response>(message)) ? "exception" : "response";
}

// The function a PDU's first byte names, without the exception flag.
std::uint8_t plain_function(std::uint8_t byte) {
  return static_cast<std::uint8_t>(byte & ~codec::kExceptionFlag);
}

json function_json(std::uint8_t byte) {
  const std::uint8_t function = plain_function(byte);
  return {{"code", function}, {"name", codec::function_name(function)}};
}

std::string printable(std::span<const std::uint8_t> text) {
  std::string out;
  for (std::uint8_t c : text) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02X}", c);
    }
  }
  return out;
}

std::string binary16(unsigned value) {
  std::string out;
  for (int bit = 15; bit >= 0; --bit) {
    out += ((value >> bit) & 1U) != 0 ? '1' : '0';
    if (bit % 4 == 0 && bit != 0) out += ' ';
  }
  return out;
}

// ---- Where registers and bits sit -------------------------------------------------------

// What a message's values mean beyond the frame: the address of the first one and how many
// of a bit field's bits are data (the rest pad the last byte), when the frame or its request
// says so.
struct ItemLayout {
  std::optional<unsigned> first_address;
  std::optional<std::size_t> bit_count;
  std::string_view bit_name = "bits";
};

template <class T>
std::optional<unsigned> start_of(const T& request) {
  if constexpr (requires { request.read_address; }) {
    return request.read_address;
  } else if constexpr (requires { request.address; }) {
    return request.address;
  } else {
    return std::nullopt;
  }
}

template <class T>
std::optional<std::size_t> quantity_of(const T& request) {
  if constexpr (requires { request.read_quantity; }) {
    return request.read_quantity;
  } else if constexpr (requires { request.quantity; }) {
    return request.quantity;
  } else {
    return std::nullopt;
  }
}

ItemLayout layout_of(const codec::Request& request) {
  return std::visit(
      [](const auto& r) -> ItemLayout {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::WriteMultipleCoilsRequest>) {
          return {r.address, r.quantity, "coils"};
        } else if constexpr (std::is_same_v<T, codec::ReadWriteMultipleRegistersRequest>) {
          return {r.write_address, std::nullopt};  // the values are the ones written
        } else {
          return {start_of(r), std::nullopt};
        }
      },
      request);
}

ItemLayout layout_of(const codec::Response& response, const ReferenceRequest* answers) {
  ItemLayout layout;
  if (std::holds_alternative<codec::ReadCoilsResponse>(response)) layout.bit_name = "coils";
  if (std::holds_alternative<codec::ReadDiscreteInputsResponse>(response)) {
    layout.bit_name = "inputs";
  }
  if (answers != nullptr) {
    std::visit(
        [&layout](const auto& q) {
          layout.first_address = start_of(q);
          layout.bit_count = quantity_of(q);
        },
        answers->request);
  }
  return layout;
}

ItemLayout layout_of(const std::variant<codec::Request, codec::Response>& message,
                     const ReferenceRequest* answers) {
  if (const auto* request = std::get_if<codec::Request>(&message)) return layout_of(*request);
  return layout_of(std::get<codec::Response>(message), answers);
}

// ---- Fields as text ------------------------------------------------------------------------

constexpr std::size_t kNameWidth = 16;

// Rows of "name  decimal  hex  note", aligned; lists indent their items under the name.
class TextFields {
 public:
  TextFields(std::string& out, const ItemLayout& layout, std::uint8_t function)
      : out_(out), layout_(layout), function_(function) {}

  void row(std::string_view name, std::string_view decimal, std::string_view hex,
           std::string_view note) {
    std::string line =
        fmt::format("  {:<{}} {:>5}  {:<6}  {}", name, kNameWidth, decimal, hex, note);
    line.erase(line.find_last_not_of(' ') + 1);
    out_ += line;
    out_ += '\n';
  }

  void field(std::string_view name, std::uint16_t value) {
    std::string note;
    if (name == "value" && function_ == codec::to_byte(codec::FunctionCode::kWriteSingleCoil)) {
      note = value == codec::kCoilOn    ? "ON"
             : value == codec::kCoilOff ? "OFF"
                                        : "neither ON (0xFF00) nor OFF (0x0000)";
    } else if (name == "and_mask" || name == "or_mask") {
      note = binary16(value);
    }
    row(name, fmt::format("{}", value), fmt::format("0x{:04X}", value), note);
  }

  void field(std::string_view name, std::uint8_t value) {
    std::string_view note;
    if (name == "function") note = codec::function_name(value);
    if (name == "read_code") note = read_code_name(value);
    if (name == "conformity_level") note = conformity_name(value);
    if (name == "object_id" || name == "next_object_id") note = object_name(value);
    if (name == "more_follows") {
      note = value == 0x00   ? "no more objects"
             : value == 0xFF ? "more objects follow"
                             : "neither 0x00 nor 0xFF";
    }
    row(name, fmt::format("{}", value), fmt::format("0x{:02X}", value), note);
  }

  void field(std::string_view name, codec::ExceptionCode code) {
    const unsigned value = codec::to_byte(code);
    row(name, fmt::format("{}", value), fmt::format("0x{:02X}", value),
        codec::is_defined(code) ? codec::name(code) : "not an exception code of the specification");
  }

  template <std::size_t N>
  void field(std::string_view name, const codec::RegisterValues<N>& values) {
    row(name, fmt::format("{}", values.size()), "",
        fmt::format("register{}, byte count {}", values.size() == 1 ? "" : "s", 2 * values.size()));
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < values.size(); ++i) {
      labels.push_back(layout_.first_address
                           ? fmt::format("register {}", *layout_.first_address + i)
                           : fmt::format("[{}]", i));
    }
    const std::size_t width = label_width(labels);
    for (std::size_t i = 0; i < values.size(); ++i) {
      item(labels[i], width, fmt::format("{}", values[i]), fmt::format("0x{:04X}", values[i]), "");
    }
  }

  // Packed bits, least significant bit first as on the wire: one line a byte.
  template <std::size_t N>
  void field(std::string_view name, const codec::PackedBits<N>& bits) {
    const std::size_t total = 8 * bits.size();
    const std::size_t data = layout_.bit_count ? std::min(*layout_.bit_count, total) : total;
    const std::string_view items = layout_.bit_count ? layout_.bit_name : "bits";
    std::string summary = layout_.bit_count
                              ? fmt::format("{} {} in {} byte{}, first in bit 0; {} padding bit{}",
                                            data, items, bits.size(), bits.size() == 1 ? "" : "s",
                                            total - data, total - data == 1 ? "" : "s")
                              : fmt::format(
                                    "{} bits in {} byte{}, first in bit 0 (the request's "
                                    "quantity says which end bits are padding)",
                                    total, bits.size(), bits.size() == 1 ? "" : "s");
    row(name, fmt::format("{}", bits.size()), "", summary);
    const unsigned base = layout_.bit_count ? layout_.first_address.value_or(0) : 0;
    std::vector<std::string> labels;
    for (std::size_t byte = 0; byte < bits.size(); ++byte) {
      const std::size_t first = 8 * byte;
      const std::size_t last = std::min(first + 8, data);
      if (first >= data) {
        labels.emplace_back("padding");
      } else {
        labels.push_back(fmt::format("{} {}-{}", items, base + first, base + last - 1));
      }
    }
    const std::size_t width = label_width(labels);
    for (std::size_t byte = 0; byte < bits.size(); ++byte) {
      std::string states;
      bool padding_set = false;
      for (std::size_t bit = 0; bit < 8; ++bit) {
        const bool on = ((bits[byte] >> bit) & 1U) != 0;
        const bool padding = 8 * byte + bit >= data;
        if (padding && (bit == 0 || 8 * byte + bit == data)) states += bit == 0 ? "" : "| ";
        states += on ? '1' : '0';
        states += ' ';
        padding_set = padding_set || (padding && on);
      }
      if (8 * byte + 8 > data) states += padding_set ? "(padding, should be 0)" : "(padding)";
      item(labels[byte], width, fmt::format("{}", bits[byte]), fmt::format("0x{:02X}", bits[byte]),
           states);
    }
  }

  void field(std::string_view name, const codec::DeviceObjects& objects) {
    row(name, fmt::format("{}", objects.count()), "",
        fmt::format("object{}", objects.count() == 1 ? "" : "s"));
    for (codec::DeviceObject object : objects) {
      out_ += fmt::format("    0x{:02X} {:<19}  \"{}\"\n", object.id, object_name(object.id),
                          printable(object.value));
    }
  }

 private:
  static std::size_t label_width(const std::vector<std::string>& labels) {
    std::size_t width = kNameWidth - 2;
    for (const auto& label : labels)
      width = std::max(width, label.size());
    return width;
  }

  void item(std::string_view label, std::size_t width, std::string_view decimal,
            std::string_view hex, std::string_view note) {
    std::string line = fmt::format("    {:<{}} {:>5}  {:<6}  {}", label, width, decimal, hex, note);
    line.erase(line.find_last_not_of(' ') + 1);
    out_ += line;
    out_ += '\n';
  }

  std::string& out_;
  const ItemLayout& layout_;
  std::uint8_t function_;
};

template <class T>
void walk_text(TextFields& fields, const T& message) {
  boost::pfr::for_each_field(message, [&fields](const auto& field, std::size_t i) {
    // An exception's function byte has its own row already, flag and all.
    if constexpr (std::is_same_v<T, codec::ExceptionResponse>) {
      if (T::kFields[i] == "function") return;
    }
    fields.field(T::kFields[i], field);
  });
}

void mbap_text(std::string& out, const codec::MbapHeader& header) {
  out += "MBAP header\n";
  const ItemLayout none;
  TextFields fields(out, none, 0);
  boost::pfr::for_each_field(header, [&](const auto& field, std::size_t i) {
    const std::string_view name = codec::MbapHeader::kFields[i];
    if (name == "length") {
      fields.row(name, fmt::format("{}", field), fmt::format("0x{:04X}", field),
                 fmt::format("unit id + {} PDU bytes", field == 0 ? 0 : field - 1));
    } else {
      fields.field(name, field);
    }
  });
}

// The function byte's row, which no aggregate has as a field (it is the type).
void function_row(TextFields& fields, std::uint8_t byte) {
  const std::uint8_t function = plain_function(byte);
  const std::string note = function == byte
                               ? std::string(codec::function_name(byte))
                               : fmt::format("exception response to {} (0x80 + 0x{:02X})",
                                             codec::function_name(function), function);
  fields.row("function", fmt::format("{}", byte), fmt::format("0x{:02X}", byte), note);
}

// FC 43's MEI type: a byte of the PDU that no aggregate holds (the codec takes only 0x0E).
constexpr std::string_view kMeiTypeNote = "MEI type: Read Device Identification";

void mei_row(TextFields& fields, std::uint8_t function) {
  if (function != static_cast<std::uint8_t>(codec::FunctionCode::kEncapsulatedInterface)) return;
  fields.row("mei_type", fmt::format("{}", codec::kMeiReadDeviceId),
             fmt::format("0x{:02X}", codec::kMeiReadDeviceId), std::string(kMeiTypeNote));
}

std::string summary(const codec::Request& request) {
  std::ostringstream text;
  text << request;
  return text.str();
}

std::string summary(const codec::Response& response) {
  std::ostringstream text;
  text << response;
  return text.str();
}

// ---- Fields as JSON ----------------------------------------------------------------------

json json_field(std::uint16_t value, const ItemLayout&) {
  return value;
}
json json_field(std::uint8_t value, const ItemLayout&) {
  return value;
}
json json_field(codec::ExceptionCode code, const ItemLayout&) {
  return codec::to_byte(code);
}

template <std::size_t N>
json json_field(const codec::RegisterValues<N>& values, const ItemLayout&) {
  return json(std::vector<std::uint16_t>(values.begin(), values.end()));
}

template <std::size_t N>
json json_field(const codec::PackedBits<N>& bits, const ItemLayout& layout) {
  const std::size_t total = 8 * bits.size();
  const std::size_t data = layout.bit_count ? std::min(*layout.bit_count, total) : total;
  json values = json::array();
  json padding = json::array();
  for (std::size_t i = 0; i < total; ++i) {
    const unsigned on = (bits[i / 8] >> (i % 8)) & 1U;
    (i < data ? values : padding).push_back(on);
  }
  json out = {{"bytes", std::vector<std::uint8_t>(bits.begin(), bits.end())}, {"values", values}};
  // Without the quantity, which bits pad the last byte is unknown: say so with null.
  out["padding"] = layout.bit_count ? padding : json(nullptr);
  return out;
}

json json_field(const codec::DeviceObjects& objects, const ItemLayout&) {
  json out = json::array();
  for (codec::DeviceObject object : objects) {
    out.push_back({{"id", object.id},
                   {"name", object_name(object.id)},
                   {"value", printable(object.value)},
                   {"hex", to_hex(std::as_bytes(object.value))}});
  }
  return out;
}

template <class T>
json fields_json(const T& message, const ItemLayout& layout) {
  json out = json::object();
  boost::pfr::for_each_field(message, [&](const auto& field, std::size_t i) {
    out[std::string(T::kFields[i])] = json_field(field, layout);
  });
  return out;
}

// function, type and fields of a request or response.
json message_json(const std::variant<codec::Request, codec::Response>& message,
                  const ItemLayout& layout) {
  json out;
  out["function"] = function_json(message_function(message));
  out["type"] = type_name(message);
  std::visit(
      [&](const auto& m) {
        std::visit([&](const auto& r) { out["fields"] = fields_json(r, layout); }, m);
      },
      message);
  if (message_function(message) ==
      static_cast<std::uint8_t>(codec::FunctionCode::kEncapsulatedInterface)) {
    json fields = {{"mei_type", codec::kMeiReadDeviceId}};
    fields.update(out["fields"]);
    out["fields"] = std::move(fields);
  }
  return out;
}

json mbap_json(const codec::MbapHeader& header) {
  json out;
  boost::pfr::for_each_field(header, [&out](const auto& field, std::size_t i) {
    out[std::string(codec::MbapHeader::kFields[i])] = field;
  });
  return out;
}

json answers_json(const ReferenceRequest& answers) {
  json out = message_json(answers.request, layout_of(answers.request));
  if (answers.mbap) out["mbap"] = mbap_json(*answers.mbap);
  return out;
}

// ---- What a decoded frame is ----------------------------------------------------------------

bool echoes_its_request(std::uint8_t function) {
  using codec::FunctionCode;
  return function == codec::to_byte(FunctionCode::kWriteSingleCoil) ||
         function == codec::to_byte(FunctionCode::kWriteSingleRegister) ||
         function == codec::to_byte(FunctionCode::kMaskWriteRegister);
}

std::string headline_of(const DecodedFrame& frame) {
  const std::uint8_t byte = message_function(frame.message);
  if (const auto* response = std::get_if<codec::Response>(&frame.message)) {
    if (const auto* e = std::get_if<codec::ExceptionResponse>(response)) {
      return fmt::format("exception response to {}: {:02X} {}", codec::function_name(e->function),
                         codec::to_byte(e->code), codec::name(e->code));
    }
  }
  return fmt::format("{} {} (function 0x{:02X})", codec::function_name(byte),
                     kind_of(frame.message), byte);
}

std::vector<std::string> notes_of(const DecodedFrame& frame) {
  std::vector<std::string> notes;
  const std::uint8_t byte = message_function(frame.message);
  if (frame.also_response) {
    if (echoes_its_request(byte)) {
      notes.push_back(
          fmt::format("the same bytes are also the response: {} answers by echoing its request",
                      codec::function_name(byte)));
    } else {
      notes.push_back(
          fmt::format("the same bytes also form a valid response, {}; give "
                      "--response-to REQUEST to decode them as one",
                      summary(*frame.also_response)));
    }
  }
  const auto* response = std::get_if<codec::Response>(&frame.message);
  if (response != nullptr && !frame.answers) {
    notes.push_back(
        fmt::format("decoded without its request: --response-to REQUEST also checks {}{}",
                    is_exception(*response) ? "that the request has this function"
                                            : "the amount of data or the echo",
                    frame.mbap ? ", and the transaction and unit ids" : ""));
  }
  return notes;
}

// ---- Errors ----------------------------------------------------------------------------------

std::string_view stage_id(Stage stage) {
  switch (stage) {
    case Stage::kFraming:
      return "framing";
    case Stage::kRequest:
      return "request";
    case Stage::kResponse:
      return "response";
    case Stage::kPairing:
      return "pairing";
    case Stage::kHeaderPairing:
      return "header-pairing";
  }
  return "unknown";
}

bool in_pdu(Stage stage) {
  return stage == Stage::kRequest || stage == Stage::kResponse || stage == Stage::kPairing;
}

bool as_request(Stage stage) {
  return stage == Stage::kRequest;
}

// The size a PDU's layout gives it, as far as its bytes tell: exact, or a lower bound when the
// bytes that would tell are missing.
struct LayoutSize {
  std::size_t size;
  bool exact;
};

LayoutSize request_size(const Bytes& pdu) {
  const unsigned function = pdu.u8(0).value_or(0);
  const auto counted = [&pdu](std::size_t count_at) {
    const auto count = pdu.u8(count_at);
    return count ? LayoutSize{count_at + 1 + *count, true} : LayoutSize{count_at + 1, false};
  };
  switch (function) {
    case 0x0F:
    case 0x10:
      return counted(5);
    case 0x16:
      return {7, true};
    case 0x17:
      return counted(9);
    case 0x2B:
      return {4, true};
    default:
      return {5, true};
  }
}

LayoutSize response_size(const Bytes& pdu) {
  const unsigned function = pdu.u8(0).value_or(0);
  if ((function & codec::kExceptionFlag) != 0) return {2, true};
  switch (function) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x17: {
      const auto count = pdu.u8(1);
      return count ? LayoutSize{2 + *count, true} : LayoutSize{2, false};
    }
    case 0x16:
      return {7, true};
    case 0x2B: {
      // Header (function, MEI type, code, conformity, more follows, next id, count), then
      // id, length, value for each object.
      const auto count = pdu.u8(6);
      if (!count) return {codec::kDeviceIdHeaderSize, false};
      std::size_t at = codec::kDeviceIdHeaderSize;
      for (unsigned i = 0; i < *count; ++i) {
        const auto length = pdu.u8(at + 1);
        if (!length) return {at + 2, false};
        at += 2 + *length;
      }
      return {at, true};
    }
    default:
      return {5, true};
  }
}

std::string pdu_name(const Bytes& pdu, Stage stage) {
  const std::uint8_t byte = static_cast<std::uint8_t>(pdu.u8(0).value_or(0));
  if (!as_request(stage) && (byte & codec::kExceptionFlag) != 0) {
    return fmt::format("exception response to {}", codec::function_name(plain_function(byte)));
  }
  return fmt::format("{} {}", codec::function_name(byte),
                     as_request(stage) ? "request" : "response");
}

// "(1 missing)" or "(2 extra)": what `have` lacks or has beyond `want`.
std::string difference(std::size_t want, std::size_t have) {
  if (have < want) return fmt::format("{} missing", want - have);
  return fmt::format("{} extra", have - want);
}

std::string size_detail(const Bytes& pdu, Stage stage) {
  const LayoutSize expected = as_request(stage) ? request_size(pdu) : response_size(pdu);
  if (!expected.exact) {
    return fmt::format("a {} is at least {} bytes; the PDU has {}", pdu_name(pdu, stage),
                       expected.size, pdu.size());
  }
  return fmt::format("expected {} bytes for a {}; the PDU has {} ({})", expected.size,
                     pdu_name(pdu, stage), pdu.size(), difference(expected.size, pdu.size()));
}

std::string framing_size_detail(const Bytes& frame) {
  if (frame.size() < codec::kMbapSize) {
    return fmt::format("the MBAP header is {} bytes; the frame has {}", codec::kMbapSize,
                       frame.size());
  }
  const unsigned length = frame.u16(4).value_or(0);
  const std::size_t announced = length == 0 ? 0 : length - 1U;  // the unit id is counted
  const std::size_t present = frame.size() - codec::kMbapSize;
  return fmt::format("MBAP length {} announces {} PDU bytes after the unit id; {} follow ({})",
                     length, announced, present, difference(announced, present));
}

std::uint16_t quantity_limit(unsigned function, std::size_t offset) {
  switch (function) {
    case 0x01:
    case 0x02:
      return codec::kMaxReadBits;
    case 0x0F:
      return codec::kMaxWriteBits;
    case 0x10:
      return codec::kMaxWriteRegisters;
    case 0x17:
      return offset == 7 ? codec::kMaxReadWriteRegisters : codec::kMaxReadRegisters;
    default:
      return codec::kMaxReadRegisters;
  }
}

std::string_view quantity_name(unsigned function, std::size_t offset) {
  if (function != 0x17) return "quantity";
  return offset == 7 ? "write quantity" : "read quantity";
}

std::string function_text(unsigned byte) {
  return fmt::format("0x{:02X} ({})", byte, codec::function_name(static_cast<std::uint8_t>(byte)));
}

// The encoding of a request, to compare an echo with.
std::vector<std::byte> encoded(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> buffer{};
  const auto size = codec::encode_request(request, buffer);
  if (!size) return {};
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*size)};
}

// A write response echoes the first words of its request after the function code: find the
// first that differs and name it after the response's field.
void explain_echo(FrameError& out, std::span<const std::byte> pdu_bytes, std::size_t base,
                  const ReferenceRequest& answers) {
  const Bytes pdu(pdu_bytes);
  const std::vector<std::byte> request = encoded(answers.request);
  const Bytes asked(request);
  if (pdu.u8(0) == codec::to_byte(codec::FunctionCode::kEncapsulatedInterface)) {
    out.detail = fmt::format("read device id code 0x{:02X}; the request's is 0x{:02X}",
                             pdu.u8(2).value_or(0), asked.u8(2).value_or(0));
    return;
  }
  // Pairing runs on a response that decoded on its own, so this decode succeeds.
  const auto response = codec::decode_response_unpaired(pdu_bytes);
  if (!response) return;
  std::vector<std::string_view> names;
  std::visit([&names](const auto& r) { names.assign(r.kFields.begin(), r.kFields.end()); },
             *response);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::size_t at = 1 + 2 * i;
    const unsigned got = pdu.u16(at).value_or(0);
    const unsigned want = asked.u16(at).value_or(0);
    if (got == want) continue;
    out.error.offset = base + at;
    out.width = 2;
    out.detail = fmt::format("{} {} (0x{:04X}); the request's is {} (0x{:04X})", names[i], got, got,
                             want, want);
    return;
  }
}

// ---- Rendering -------------------------------------------------------------------------

constexpr std::size_t kBytesPerLine = 16;
constexpr std::size_t kDumpIndent = 8;  // "  0000  "

// The dump, with carets under [from, to) or, when `missing`, just after the last byte.
std::string dump(std::span<const std::byte> bytes, std::optional<std::size_t> from, std::size_t to,
                 bool missing) {
  if (bytes.empty()) return missing ? "  (no bytes)\n  ^ bytes missing\n" : "  (no bytes)\n";
  std::string out;
  for (std::size_t start = 0; start < bytes.size(); start += kBytesPerLine) {
    const std::size_t stop = std::min(start + kBytesPerLine, bytes.size());
    out += fmt::format("  {:04X}  {}\n", start, to_hex(bytes.subspan(start, stop - start)));
    if (missing && stop == bytes.size()) {
      out += std::string(kDumpIndent + 3 * (stop - start), ' ') + "^ bytes missing\n";
    } else if (from && *from < stop && to > start) {
      const std::size_t first = std::max(*from, start) - start;
      const std::size_t last = std::min(to, stop) - 1 - start;
      out += std::string(kDumpIndent + 3 * first, ' ') + std::string(3 * (last - first) + 2, '^');
      out += '\n';
    }
  }
  return out;
}

std::string_view mbap_field_at(std::size_t offset) {
  static constexpr std::array<std::string_view, codec::kMbapSize> kAt{
      "transaction_id", "transaction_id", "protocol_id", "protocol_id",
      "length",         "length",         "unit_id"};
  return offset < kAt.size() ? kAt[offset] : "";
}

std::string offset_text(const FrameError& error, std::size_t pdu_offset) {
  const std::size_t at = error.error.offset;
  if (pdu_offset != 0 && at < pdu_offset) {
    return fmt::format("{} (MBAP {})", at, mbap_field_at(at));
  }
  if (pdu_offset != 0) return fmt::format("{} (PDU byte {})", at, at - pdu_offset);
  return fmt::format("{}", at);
}

std::string reading_name(const FrameError& error, std::span<const std::byte> bytes,
                         std::size_t pdu_offset) {
  if (error.stage == Stage::kFraming) return "Modbus TCP frame";
  const Bytes pdu(bytes.subspan(std::min(pdu_offset, bytes.size())));
  return pdu_name(pdu, error.stage);
}

std::string error_text(const FrameError& error, std::span<const std::byte> bytes,
                       std::size_t pdu_offset) {
  std::string out;
  const auto code = error.error.code;
  out += fmt::format("  {:<8}{}\n", "error", codec::identifier(code));
  out += fmt::format("  {:<8}{}\n", "offset", offset_text(error, pdu_offset));
  if (!error.detail.empty()) out += fmt::format("  {:<8}{}\n", "detail", error.detail);
  out += '\n';
  out += hex_dump(bytes, error.error.offset, error.width);
  return out;
}

json error_json(const FrameError& error, std::size_t pdu_offset) {
  json out = {{"id", codec::identifier(error.error.code)},
              {"message", codec::message(error.error.code)},
              {"offset", error.error.offset}};
  if (pdu_offset != 0 && error.error.offset >= pdu_offset) {
    out["pdu_offset"] = error.error.offset - pdu_offset;
  }
  out["stage"] = stage_id(error.stage);
  out["detail"] = error.detail;
  return out;
}

std::string answers_text(const ReferenceRequest& answers) {
  std::string out = fmt::format("answers: {}", summary(answers.request));
  if (answers.mbap) {
    out += fmt::format(" (transaction {}, unit {})", answers.mbap->transaction_id,
                       answers.mbap->unit_id);
  }
  return out;
}

}  // namespace

FrameError explain(Stage stage, codec::DecodeError error, const ErrorContext& context) {
  const std::size_t base = in_pdu(stage) ? context.pdu_offset : 0;
  FrameError out{stage, {error.code, error.offset + base}, 1, ""};
  const Bytes frame(context.frame);
  const auto pdu_bytes = context.frame.subspan(std::min(context.pdu_offset, context.frame.size()));
  const Bytes pdu(pdu_bytes);
  const Bytes& bytes = in_pdu(stage) ? pdu : frame;
  const std::size_t at = error.offset;  // in `bytes`
  const unsigned function = pdu.u8(0).value_or(0);

  switch (error.code) {
    case CodecError::kTruncated:
      out.width = 0;
      out.detail = in_pdu(stage) ? size_detail(pdu, stage) : framing_size_detail(frame);
      break;
    case CodecError::kTrailingBytes:
      out.width = bytes.size() - std::min(at, bytes.size());
      out.detail = in_pdu(stage) ? size_detail(pdu, stage) : framing_size_detail(frame);
      break;
    case CodecError::kPduTooLarge:
      out.width = bytes.size() - std::min(at, bytes.size());
      out.detail = bytes.size() > codec::kMaxPduSize
                       ? fmt::format("the PDU is {} bytes; no ADU carries more than {}",
                                     bytes.size(), codec::kMaxPduSize)
                       : fmt::format("the objects need more room than a {}-byte PDU has",
                                     codec::kMaxPduSize);
      break;
    case CodecError::kUnsupportedFunction:
      out.detail = fmt::format(
          "function {} is not one of those implemented: 01 02 03 04 05 06 0F 10 16 17 2B",
          function_text(function));
      break;
    case CodecError::kQuantityOutOfRange:
      out.width = 2;
      out.detail = fmt::format("{} {} outside 1..{}", quantity_name(function, at),
                               bytes.u16(at).value_or(0), quantity_limit(function, at));
      break;
    case CodecError::kByteCountMismatch: {
      // FC 15 and 16: quantity at 3, byte count at 5; FC 23: write quantity at 7, count at 9.
      const std::size_t quantity_at = function == 0x17 ? 7 : 3;
      const unsigned quantity = bytes.u16(quantity_at).value_or(0);
      const std::size_t expected =
          function == 0x0F ? codec::bit_bytes(static_cast<std::uint16_t>(quantity)) : 2 * quantity;
      out.detail =
          fmt::format("byte count {} disagrees with {} {} (expected {})", bytes.u8(at).value_or(0),
                      quantity_name(function, quantity_at), quantity, expected);
      break;
    }
    case CodecError::kByteCountOutOfRange: {
      const unsigned count = bytes.u8(at).value_or(0);
      if (function == 0x01 || function == 0x02) {
        out.detail = fmt::format("byte count {} outside 1..{}", count, codec::kMaxReadBitBytes);
      } else if (count % 2 != 0) {
        out.detail = fmt::format("byte count {} is odd: registers are 2 bytes each", count);
      } else {
        out.detail =
            fmt::format("byte count {} outside 2..{}", count, 2 * codec::kMaxReadRegisters);
      }
      break;
    }
    case CodecError::kAddressOverflow: {
      out.width = 4;
      const unsigned address = bytes.u16(at).value_or(0);
      const unsigned quantity = bytes.u16(at + 2).value_or(0);
      out.detail = fmt::format("address {} + quantity {} reaches {}: past the last address, 65535",
                               address, quantity, address + quantity - 1);
      break;
    }
    case CodecError::kInvalidCoilValue:
      out.width = 2;
      out.detail =
          fmt::format("value 0x{:04X}: ON is 0xFF00, OFF is 0x0000", bytes.u16(at).value_or(0));
      break;
    case CodecError::kUnsupportedMeiType:
      out.detail = fmt::format(
          "MEI type 0x{:02X}: only 0x0E (Read Device Identification) is "
          "implemented",
          bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidReadDeviceIdCode:
      out.detail = fmt::format(
          "read device id code 0x{:02X}: 01 basic, 02 regular, 03 extended, 04 one object",
          bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidConformityLevel:
      out.detail = fmt::format("conformity level 0x{:02X}", bytes.u8(at).value_or(0));
      break;
    case CodecError::kInvalidMoreFollows:
      out.detail = fmt::format("more follows 0x{:02X}", bytes.u8(at).value_or(0));
      break;
    case CodecError::kFunctionMismatch: {
      const unsigned asked = context.answers ? codec::function_byte(context.answers->request) : 0U;
      out.detail =
          (function & codec::kExceptionFlag) != 0
              ? fmt::format("exception response to function {}; the request is {}",
                            function_text(plain_function(static_cast<std::uint8_t>(function))),
                            function_text(asked))
              : fmt::format("function {}; the request is {}", function_text(function),
                            function_text(asked));
      break;
    }
    case CodecError::kQuantityMismatch: {
      std::optional<std::size_t> asked;
      if (context.answers) {
        asked = std::visit([](const auto& q) { return quantity_of(q); }, context.answers->request);
      }
      const unsigned count = bytes.u8(at).value_or(0);
      if (function == 0x01 || function == 0x02) {
        out.detail = fmt::format(
            "byte count {} holds {} bits; the request asked for {} "
            "(expected byte count {})",
            count, 8 * count, asked.value_or(0),
            codec::bit_bytes(static_cast<std::uint16_t>(asked.value_or(0))));
      } else {
        out.detail = fmt::format(
            "byte count {} holds {} registers; the request asked for {} "
            "(expected byte count {})",
            count, count / 2, asked.value_or(0), 2 * asked.value_or(0));
      }
      break;
    }
    case CodecError::kEchoMismatch:
      if (context.answers) explain_echo(out, pdu_bytes, base, *context.answers);
      break;
    case CodecError::kBadProtocolId:
      out.width = 2;
      out.detail = fmt::format("protocol id {}: Modbus is 0", bytes.u16(at).value_or(0));
      break;
    case CodecError::kLengthTooSmall:
      out.width = 2;
      out.detail =
          fmt::format("length {}: at least 2 (unit id + function code)", bytes.u16(at).value_or(0));
      break;
    case CodecError::kLengthTooLarge:
      out.width = 2;
      out.detail =
          fmt::format("length {}: at most 254 (unit id + 253-byte PDU)", bytes.u16(at).value_or(0));
      break;
    case CodecError::kTransactionMismatch: {
      out.width = 2;
      const unsigned asked =
          context.answers && context.answers->mbap ? context.answers->mbap->transaction_id : 0U;
      out.detail = fmt::format("transaction id {} (0x{:04X}); the request's is {} (0x{:04X})",
                               bytes.u16(at).value_or(0), bytes.u16(at).value_or(0), asked, asked);
      break;
    }
    case CodecError::kUnitMismatch: {
      const unsigned asked =
          context.answers && context.answers->mbap ? context.answers->mbap->unit_id : 0U;
      out.detail = fmt::format("unit id {} (0x{:02X}); the request's is {} (0x{:02X})",
                               bytes.u8(at).value_or(0), bytes.u8(at).value_or(0), asked, asked);
      break;
    }
  }
  return out;
}

std::string hex_dump(std::span<const std::byte> bytes, std::size_t offset, std::size_t width) {
  if (offset >= bytes.size()) return dump(bytes, std::nullopt, 0, true);
  const std::size_t to = std::min(offset + std::max<std::size_t>(width, 1), bytes.size());
  return dump(bytes, offset, to, false);
}

std::string render_text(const DecodedFrame& frame) {
  std::string out;
  out += headline_of(frame) + "\n\n";
  out += fmt::format("{}, {} bytes\n", frame.mbap ? "ADU" : "PDU", frame.bytes.size());
  out += dump(frame.bytes, std::nullopt, 0, false);
  if (frame.mbap) {
    out += '\n';
    mbap_text(out, *frame.mbap);
  }
  out += fmt::format("\nPDU: {}\n", type_name(frame.message));
  const ItemLayout layout = layout_of(frame.message, frame.answers ? &*frame.answers : nullptr);
  const std::uint8_t function = message_function(frame.message);
  TextFields fields(out, layout, plain_function(function));
  function_row(fields, function);
  mei_row(fields, function);
  std::visit(
      [&fields](const auto& m) {
        std::visit([&fields](const auto& r) { walk_text(fields, r); }, m);
      },
      frame.message);
  const auto notes = notes_of(frame);
  if (frame.answers || !notes.empty()) out += '\n';
  if (frame.answers) out += answers_text(*frame.answers) + ", and matches it\n";
  for (const auto& note : notes)
    out += "note: " + note + '\n';
  return out;
}

json render_json(const DecodedFrame& frame) {
  json out;
  out["valid"] = true;
  out["kind"] = kind_of(frame.message);
  out["frame"] = to_hex(frame.bytes);
  if (frame.mbap) out["mbap"] = mbap_json(*frame.mbap);
  out.update(message_json(frame.message,
                          layout_of(frame.message, frame.answers ? &*frame.answers : nullptr)));
  if (const auto* response = std::get_if<codec::Response>(&frame.message)) {
    if (const auto* e = std::get_if<codec::ExceptionResponse>(response)) {
      out["exception"] = {{"code", codec::to_byte(e->code)}, {"name", codec::name(e->code)}};
    }
  }
  if (frame.answers) out["answers"] = answers_json(*frame.answers);
  if (frame.also_response) {
    const std::variant<codec::Request, codec::Response> response = *frame.also_response;
    out["also_response"] = message_json(response, layout_of(response, nullptr));
  }
  out["notes"] = notes_of(frame);
  return out;
}

std::string render_text(const MalformedFrame& frame) {
  std::string out;
  const std::size_t pdu_offset = frame.mbap ? codec::kMbapSize : 0;
  const auto reading = [&](const FrameError& error) {
    return reading_name(error, frame.bytes, pdu_offset);
  };
  if (frame.alternative) {
    // Tried both ways: the request reading is named first, whichever got further.
    const FrameError& request =
        frame.error.stage == Stage::kRequest ? frame.error : *frame.alternative;
    const FrameError& response =
        frame.error.stage == Stage::kRequest ? *frame.alternative : frame.error;
    out += fmt::format("malformed: not a valid request ({}) nor a valid response ({})\n",
                       codec::message(request.error.code), codec::message(response.error.code));
    out += fmt::format("\nas a {} (the likelier reading):\n", reading(frame.error));
    out += error_text(frame.error, frame.bytes, pdu_offset);
    out += fmt::format("\nas a {}:\n", reading(*frame.alternative));
    out += error_text(*frame.alternative, frame.bytes, pdu_offset);
  } else {
    out += fmt::format("malformed {}: {}\n\n", reading(frame.error),
                       codec::message(frame.error.error.code));
    out += error_text(frame.error, frame.bytes, pdu_offset);
  }
  if (frame.mbap) {
    out += '\n';
    mbap_text(out, *frame.mbap);
  }
  if (frame.answers) out += '\n' + answers_text(*frame.answers) + '\n';
  return out;
}

json render_json(const MalformedFrame& frame) {
  const std::size_t pdu_offset = frame.mbap ? codec::kMbapSize : 0;
  json out;
  out["valid"] = false;
  const Bytes pdu(
      std::span<const std::byte>(frame.bytes).subspan(std::min(pdu_offset, frame.bytes.size())));
  const auto first = pdu.u8(0);
  switch (frame.error.stage) {
    case Stage::kFraming:
      out["kind"] = nullptr;
      break;
    case Stage::kRequest:
      out["kind"] = "request";
      break;
    default:
      out["kind"] = first && (*first & codec::kExceptionFlag) != 0 ? "exception" : "response";
      break;
  }
  out["frame"] = to_hex(frame.bytes);
  if (frame.mbap) out["mbap"] = mbap_json(*frame.mbap);
  if (first && frame.error.stage != Stage::kFraming) {
    out["function"] = function_json(static_cast<std::uint8_t>(*first));
  }
  out["error"] = error_json(frame.error, pdu_offset);
  if (frame.alternative) out["error"]["alternative"] = error_json(*frame.alternative, pdu_offset);
  if (frame.answers) out["answers"] = answers_json(*frame.answers);
  return out;
}

}  // namespace mbh::cli
