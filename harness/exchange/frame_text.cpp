#include "harness/exchange/frame_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/pfr.hpp>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/exchange/frame_fields.hpp"
#include "harness/exchange/frame_hex.hpp"

namespace mbh::exchange {
namespace {

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
constexpr std::size_t kBytesPerLine = 16;
constexpr std::size_t kDumpIndent = 8;  // "  0000  "

// The dump, with carets under [from, to) or, when `missing`, just after the last byte.
std::string dump(std::span<const std::byte> bytes, std::optional<std::size_t> from, std::size_t to,
                 bool missing) {
  if (bytes.empty()) return missing ? "  (no bytes)\n  ^ bytes missing\n" : "  (no bytes)\n";
  std::string out;
  for (std::size_t start = 0; start < bytes.size(); start += kBytesPerLine) {
    const std::size_t stop = std::min(start + kBytesPerLine, bytes.size());
    out += fmt::format("  {:04X}  {}\n", start, hex_spaced(bytes.subspan(start, stop - start)));
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

std::string answers_text(const ReferenceRequest& answers) {
  std::string out = fmt::format("answers: {}", summary(answers.request));
  if (answers.mbap) {
    out += fmt::format(" (transaction {}, unit {})", answers.mbap->transaction_id,
                       answers.mbap->unit_id);
  }
  return out;
}

}  // namespace

std::string hex_dump(std::span<const std::byte> bytes, std::size_t offset, std::size_t width) {
  if (offset >= bytes.size()) return dump(bytes, std::nullopt, 0, true);
  const std::size_t to = std::min(offset + std::max<std::size_t>(width, 1), bytes.size());
  return dump(bytes, offset, to, false);
}

std::string render_text(const DecodedFrame& frame) {
  std::string out;
  out += headline(frame) + "\n\n";
  out += fmt::format("{}, {} bytes\n", frame.mbap ? "ADU" : "PDU", frame.bytes.size());
  out += dump(frame.bytes, std::nullopt, 0, false);
  if (frame.mbap) {
    out += '\n';
    mbap_text(out, *frame.mbap);
  }
  out += fmt::format("\nPDU: {}\n", type_name(frame.message));
  const ItemLayout layout =
      layout_of(frame.message, frame.answers ? &frame.answers->request : nullptr);
  const std::uint8_t function = message_function(frame.message);
  TextFields fields(out, layout, plain_function(function));
  function_row(fields, function);
  mei_row(fields, function);
  std::visit(
      [&fields](const auto& m) {
        std::visit([&fields](const auto& r) { walk_text(fields, r); }, m);
      },
      frame.message);
  const auto notes = exchange::notes(frame);
  if (frame.answers || !notes.empty()) out += '\n';
  if (frame.answers) out += answers_text(*frame.answers) + ", and matches it\n";
  for (const auto& note : notes)
    out += "note: " + note + '\n';
  return out;
}
std::string render_text(const MalformedFrame& frame) {
  std::string out;
  const std::size_t pdu_offset = exchange::pdu_offset(frame);
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

std::string render_text(const FrameReading& frame) {
  return std::visit([](const auto& f) { return render_text(f); }, frame);
}

std::string answer_problem(const MalformedFrame& answer) {
  const std::string why = error_line(answer.error, pdu_offset(answer));
  switch (answer.error.stage) {
    case Stage::kFraming:
      return "the answer is not one Modbus TCP frame: " + why;
    case Stage::kHeaderPairing:
      return "the answer's MBAP header does not match the request: " + why;
    default:
      return "the answer does not answer the request: " + why;
  }
}

std::string error_line(const FrameError& error, std::size_t pdu_offset) {
  std::string out = fmt::format("{} at byte {}", codec::message(error.error.code),
                                offset_text(error, pdu_offset));
  if (!error.detail.empty()) out += ": " + error.detail;
  return out;
}

}  // namespace mbh::exchange
