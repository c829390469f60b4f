#include "harness/cli/send_journal.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"
#include "harness/journal/client_register_access.hpp"
#include "harness/journal/register_restore.hpp"

namespace mbh::cli {
namespace {

constexpr std::uint8_t kWriteSingle = 0x06;
constexpr std::uint8_t kWriteMultiple = 0x10;
constexpr std::uint8_t kMaskWrite = 0x16;
constexpr std::uint8_t kReadWrite = 0x17;

std::uint16_t word_at(std::span<const std::byte> pdu, std::size_t at) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(pdu[at]) << 8U) |
                                    std::to_integer<unsigned>(pdu[at + 1]));
}

// The range a malformed PDU's fields name, clipped to what a write can reach.
std::optional<PduWrite> malformed_write(std::uint8_t function, std::span<const std::byte> pdu) {
  PduWrite write{function, 0, 1, {}, std::nullopt, std::nullopt, false};
  std::size_t count_at = 0;
  std::uint16_t most = 1;
  switch (function) {
    case kWriteSingle:
    case kMaskWrite:
      if (pdu.size() < 3) return std::nullopt;
      write.address = word_at(pdu, 1);
      break;
    case kWriteMultiple:
      if (pdu.size() < 3) return std::nullopt;
      write.address = word_at(pdu, 1);
      count_at = 3;
      most = codec::kMaxWriteRegisters;
      break;
    case kReadWrite:
      if (pdu.size() < 7) return std::nullopt;
      write.address = word_at(pdu, 5);
      count_at = 7;
      most = codec::kMaxReadWriteRegisters;
      break;
    default:
      return std::nullopt;
  }
  std::uint16_t count = 1;
  if (count_at != 0 && pdu.size() >= count_at + 2) {
    count = std::clamp<std::uint16_t>(word_at(pdu, count_at), 1, most);
  }
  write.count = static_cast<std::uint16_t>(std::min<unsigned>(count, 65536U - write.address));
  return write;
}

template <class Values>
std::vector<std::uint16_t> words(const Values& values) {
  return {values.begin(), values.end()};
}

// A FC 03 read of the originals, with why it failed in the caller's words.
struct OriginalRead {
  std::optional<std::vector<std::uint16_t>> words;
  std::string why;
  bool answered = false;  // the device answered (an exception, say): single reads may work
  bool interrupted = false;
};

OriginalRead read_holding(client::ModbusClient& client, std::uint8_t unit, std::uint16_t address,
                          std::uint16_t count) {
  const codec::Request request = codec::ReadHoldingRegistersRequest{address, count};
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const auto size = codec::encode_request(request, pdu);
  if (!size) return {std::nullopt, "the read could not be encoded", false, false};
  const auto answer = client.exchange(unit, std::span(pdu).first(size.value()));
  if (answer.status == client::ExchangeStatus::kInterrupted) {
    return {std::nullopt, "interrupted", false, true};
  }
  if (answer.status != client::ExchangeStatus::kAnswered) {
    return {std::nullopt, answer.error, false, false};
  }
  const auto reading = exchange::read_exchange(answer.request, answer.response);
  const codec::Response* response = exchange::answered(reading);
  if (response == nullptr) {
    return {std::nullopt,
            reading.answer
                ? exchange::answer_problem(std::get<exchange::MalformedFrame>(*reading.answer))
                : "the answer is empty",
            true, false};
  }
  if (const auto* refused = std::get_if<codec::ExceptionResponse>(response)) {
    return {std::nullopt,
            fmt::format("the read was refused with exception {:02X} ({})",
                        static_cast<unsigned>(refused->code), codec::name(refused->code)),
            true, false};
  }
  const auto* read = std::get_if<codec::ReadHoldingRegistersResponse>(response);
  if (read == nullptr || read->values.size() != count) {
    return {std::nullopt, "the answer does not hold the registers asked for", true, false};
  }
  return {words(read->values), "", true, false};
}

bool holds(const journal::JournalRegister& entry, std::uint16_t address) {
  return entry.key.address <= address &&
         static_cast<unsigned>(address) <
             static_cast<unsigned>(entry.key.address) + static_cast<unsigned>(entry.registers);
}

// FC 22: (current AND and_mask) OR (or_mask AND NOT and_mask).
std::uint16_t masked(std::uint16_t current, std::uint16_t and_mask, std::uint16_t or_mask) {
  return static_cast<std::uint16_t>((current & and_mask) | (or_mask & ~and_mask));
}

}  // namespace

std::optional<PduWrite> write_of(std::span<const std::byte> pdu) {
  if (pdu.empty()) return std::nullopt;
  const auto function = std::to_integer<std::uint8_t>(pdu[0]);
  if (function != kWriteSingle && function != kWriteMultiple && function != kMaskWrite &&
      function != kReadWrite) {
    return std::nullopt;
  }
  const auto request = codec::decode_request(pdu);
  if (!request) return malformed_write(function, pdu);
  return std::visit(
      [function](const auto& r) -> std::optional<PduWrite> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::WriteSingleRegisterRequest>) {
          return PduWrite{function, r.address, 1, {r.value}, std::nullopt, std::nullopt, true};
        } else if constexpr (std::is_same_v<T, codec::WriteMultipleRegistersRequest> ||
                             std::is_same_v<T, codec::ReadWriteMultipleRegistersRequest>) {
          std::uint16_t address = 0;
          if constexpr (std::is_same_v<T, codec::WriteMultipleRegistersRequest>) {
            address = r.address;
          } else {
            address = r.write_address;
          }
          if (r.values.size() == 0) return std::nullopt;
          return PduWrite{function,
                          address,
                          static_cast<std::uint16_t>(r.values.size()),
                          words(r.values),
                          std::nullopt,
                          std::nullopt,
                          true};
        } else if constexpr (std::is_same_v<T, codec::MaskWriteRegisterRequest>) {
          return PduWrite{function, r.address, 1, {}, r.and_mask, r.or_mask, true};
        } else {
          return std::nullopt;
        }
      },
      request.value());
}

std::string write_text(const PduWrite& write) {
  if (write.count == 1) return fmt::format("holding {}", write.address);
  return fmt::format("holding {}..{}", write.address, write.last());
}

SendJournal::SendJournal(std::string path, journal::JournalHeader header, std::string target_text,
                         std::uint8_t unit, std::ostream& err)
    : writer_(std::move(path), std::move(header)),
      target_text_(std::move(target_text)),
      unit_(unit),
      err_(err) {
  writer_.on_open([this](const std::string& opened) {
    err_ << fmt::format(
        "mbharness send: write journal {} (if this run is cut short, `mbharness restore {}` "
        "puts back what it wrote)\n",
        opened, opened);
    err_.flush();
  });
}

std::optional<std::string> SendJournal::load() {
  const std::string& path = writer_.path();
  if (path.empty()) {
    if (::access(".", W_OK) == 0) return std::nullopt;
    return "cannot write a journal in the current directory: name one with --journal FILE";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const auto folder = std::filesystem::absolute(path).parent_path();
    if (std::filesystem::is_directory(folder) && ::access(folder.c_str(), W_OK) == 0) {
      return std::nullopt;
    }
    return fmt::format(
        "cannot write --journal file '{}': its folder does not exist or is not "
        "writable",
        path);
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (::access(path.c_str(), W_OK) != 0) {
    return fmt::format("cannot write --journal file '{}'", path);
  }
  if (text.empty()) return std::nullopt;
  const auto state = journal::read_journal(text);
  if (!state) {
    return fmt::format("--journal '{}' exists and is not a write journal ({})", path,
                       state.error());
  }
  for (const auto& entry : state.value().pending) {
    if (entry.key.target == target_text_ && entry.key.unit == unit_ &&
        entry.key.space == models::Space::kHolding) {
      earlier_.push_back(entry);
    }
  }
  return std::nullopt;
}

bool SendJournal::covered(const std::vector<journal::JournalRegister>& entries,
                          std::uint16_t address) const {
  return std::ranges::any_of(
      entries, [address](const journal::JournalRegister& entry) { return holds(entry, address); });
}

journal::JournalRegister SendJournal::entry_for(std::uint16_t address, std::uint16_t original,
                                                const PduWrite& write) const {
  journal::JournalRegister entry;
  entry.key = {target_text_, unit_, models::Space::kHolding, address};
  entry.name = "";
  entry.safety = "unknown";
  entry.registers = 1;
  entry.original = {original};
  const auto index = static_cast<std::size_t>(address - write.address);
  if (index < write.values.size()) {
    entry.written = std::vector<std::uint16_t>{write.values[index]};
  } else if (write.and_mask && write.or_mask) {
    entry.written = std::vector<std::uint16_t>{masked(original, *write.and_mask, *write.or_mask)};
  }
  entry.multiple = write.function == kWriteMultiple;
  entry.kind = journal::RestoreKind::kValue;
  entry.read_at = journal::unix_now();
  return entry;
}

SendJournal::Prepared SendJournal::prepare(client::ModbusClient& client, const PduWrite& write) {
  if (!journal_error_.empty()) return Prepared::kJournalFailed;
  // The registers to read: written for the first time, by this run and the journal's earlier
  // runs alike (an earlier run's original is the one to put back, not what it left).
  std::vector<std::uint16_t> needed;
  for (unsigned a = write.address; a <= write.last(); ++a) {
    const auto address = static_cast<std::uint16_t>(a);
    if (covered(touched_, address)) continue;
    if (covered(earlier_, address)) {
      for (const auto& entry : earlier_) {
        if (holds(entry, address) && !covered(touched_, entry.key.address)) {
          touched_.push_back(entry);
        }
      }
      continue;
    }
    needed.push_back(address);
  }
  if (needed.empty()) return Prepared::kReady;

  // One read for the whole span; a device that refuses it is asked one register at a time.
  std::vector<std::pair<std::uint16_t, std::optional<std::uint16_t>>> originals;
  std::vector<std::string> why(needed.size());
  const auto first = needed.front();
  const auto span = static_cast<std::uint16_t>(needed.back() - first + 1);
  const OriginalRead whole = read_holding(client, unit_, first, span);
  if (whole.interrupted) return Prepared::kStopped;
  for (std::size_t i = 0; i < needed.size(); ++i) {
    const auto address = needed[i];
    if (whole.words) {
      originals.emplace_back(address, (*whole.words)[address - first]);
    } else if (!whole.answered || span == 1) {
      originals.emplace_back(address, std::nullopt);  // no answer: single reads would wait too
      why[i] = whole.why;
    } else {
      const OriginalRead single = read_holding(client, unit_, address, 1);
      if (single.interrupted) return Prepared::kStopped;
      originals.emplace_back(address,
                             single.words ? std::optional((*single.words)[0]) : std::nullopt);
      why[i] = single.why;
    }
  }

  for (std::size_t i = 0; i < originals.size(); ++i) {
    const auto& [address, original] = originals[i];
    if (!original) {
      err_ << fmt::format(
          "mbharness send: original of holding {} unreadable ({}): not journalled, it cannot be "
          "restored\n",
          address, why[i]);
      continue;
    }
    auto entry = entry_for(address, *original, write);
    if (auto failed = writer_.append(journal::original_line(entry))) {
      journal_error_ = fmt::format("the write journal {} cannot be written: {}",
                                   writer_.path().empty() ? "file" : writer_.path(), *failed);
      return Prepared::kJournalFailed;
    }
    touched_.push_back(std::move(entry));
  }
  return Prepared::kReady;
}

void SendJournal::written(const PduWrite& write) {
  if (!journal_error_.empty()) return;
  for (auto& entry : touched_) {
    const auto address = entry.key.address;
    if (entry.registers != 1 || address < write.address || address > write.last()) continue;
    const auto index = static_cast<std::size_t>(address - write.address);
    std::optional<std::uint16_t> value;
    if (index < write.values.size()) {
      value = write.values[index];
    } else if (write.and_mask && write.or_mask) {
      // Applied to the last value known; the mask is idempotent, so the first write's value
      // (computed when it was journalled) comes out the same.
      const std::uint16_t last = entry.written ? (*entry.written)[0] : entry.original[0];
      value = masked(last, *write.and_mask, *write.or_mask);
    }
    if (!value) continue;
    const std::uint16_t words[] = {*value};
    if (auto failed = writer_.append(journal::written_line(entry.key, words))) {
      journal_error_ =
          fmt::format("the write journal {} cannot be written: {}", writer_.path(), *failed);
      return;
    }
    entry.written = std::vector<std::uint16_t>{*value};
  }
}

std::vector<SendRestoreItem> SendJournal::restore(const client::TargetAddress& target,
                                                  std::chrono::milliseconds timeout,
                                                  const std::atomic<bool>* abort,
                                                  client::FrameTap* tap) {
  std::vector<SendRestoreItem> items;
  if (touched_.empty()) {
    end();
    return items;
  }
  auto record = [this](const std::string& line) {
    if (auto failed = writer_.append(line); failed && journal_error_.empty()) {
      journal_error_ =
          fmt::format("the write journal {} cannot be written: {}", writer_.path(), *failed);
    }
  };
  client::ClientOptions options;
  options.connect_timeout = timeout;
  options.response_timeout = timeout;
  options.interrupt = abort;
  options.tap = tap;
  client::ModbusClient client(target, options);
  if (auto connected = client.connect(); !connected) {
    for (const auto& entry : touched_) {
      const std::string why = fmt::format("cannot reach the device: {}", connected.error());
      record(journal::not_restored_line(entry.key, why));
      items.push_back({entry.key.address, entry.original, false, why});
    }
    end();
    return items;
  }
  journal::ClientRegisterAccess device(client, unit_);
  journal::DeviceWork work{target_text_, unit_, {}, {}};
  for (const auto& entry : touched_)
    work.registers.push_back(&entry);
  const auto outcomes = journal::restore_device(
      device, work, record, [abort] { return abort != nullptr && abort->load(); },
      journal::unix_now());
  for (std::size_t i = 0; i < outcomes.size() && i < touched_.size(); ++i) {
    items.push_back(
        {touched_[i].key.address, touched_[i].original, outcomes[i].restored, outcomes[i].how});
  }
  end();
  return items;
}

void SendJournal::end() {
  if (ended_ || !writer_.opened()) return;
  ended_ = true;
  if (!journal_error_.empty()) return;
  if (auto failed = writer_.append(journal::end_line())) {
    journal_error_ =
        fmt::format("the write journal {} cannot be written: {}", writer_.path(), *failed);
  }
}

}  // namespace mbh::cli
