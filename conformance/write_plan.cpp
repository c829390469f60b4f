#include "conformance/write_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "conformance/conform_run.hpp"
#include "conformance/register_requests.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "models/map_catalog.hpp"

namespace mbh::conformance {
namespace {

// What a conforming device answers to an accepted write: FC 05, 06, 22 echo the request;
// FC 15, 16 echo its first five bytes; FC 23 (a read too) is answered "not implemented".
std::vector<std::byte> accepted_answer(std::span<const std::byte> pdu) {
  const auto function = std::to_integer<std::uint8_t>(pdu[0]);
  if ((function == 0x0F || function == 0x10) && pdu.size() >= 5)
    return {pdu.begin(), pdu.begin() + 5};
  if (function == 0x17 || pdu.size() < 5)
    return {std::byte{static_cast<std::uint8_t>(function | 0x80)}, std::byte{0x01}};
  return {pdu.begin(), pdu.end()};
}

class PlanningChannel final : public DeviceChannel {
 public:
  PlanningChannel(DeviceChannel& device, const models::RegisterMap& map, std::uint8_t unit)
      : device_(device), map_(map), unit_(unit) {}
  std::optional<std::string> open() override { return device_.open(); }
  std::uint64_t requests_sent() const override { return device_.requests_sent(); }

  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override {
    if (pdu.empty() || !codec::is_write_function(std::to_integer<std::uint8_t>(pdu[0]))) {
      return device_.exchange(unit, pdu, transaction_id);
    }
    plan_.writes.push_back(planned(unit, pdu));
    client::ClientExchange out;
    out.transaction_id = transaction_id.value_or(next_id_++);
    out.status = client::ExchangeStatus::kAnswered;
    out.request = frame(unit, out.transaction_id, pdu);
    out.response = frame(unit, out.transaction_id, accepted_answer(pdu));
    return out;
  }

  WritePlan take() { return std::move(plan_); }

 private:
  static std::vector<std::byte> frame(std::uint8_t unit, std::uint16_t id,
                                      std::span<const std::byte> pdu) {
    std::vector<std::byte> adu(codec::kMbapSize + pdu.size());
    codec::encode_mbap(codec::MbapHeader{id, 0, static_cast<std::uint16_t>(pdu.size() + 1), unit},
                       std::span<std::byte>(adu).first<codec::kMbapSize>());
    std::ranges::copy(pdu, adu.begin() + codec::kMbapSize);
    return adu;
  }

  // The row's value now, read from the device once.
  std::optional<std::vector<std::uint16_t>> current(const models::RegisterRow& row) {
    if (const auto it = currents_.find(&row); it != currents_.end()) return it->second;
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    std::array<std::byte, codec::kMaxPduSize> bytes{};
    const codec::Request request = read_request(row.space, row.address, count);
    const auto size = codec::encode_request(request, bytes);
    std::optional<std::vector<std::uint16_t>> words;
    const auto answer = device_.exchange(unit_, std::span(bytes).first(size.value()), std::nullopt);
    if (answer.status == client::ExchangeStatus::kAnswered) {
      const auto read = exchange::read_exchange(answer.request, answer.response);
      if (const auto* response = exchange::answered(read)) {
        if (const auto* h = std::get_if<codec::ReadHoldingRegistersResponse>(response)) {
          words = std::vector<std::uint16_t>(h->values.begin(), h->values.end());
        }
      }
    }
    currents_[&row] = words;
    return words;
  }

  PlannedWrite planned(std::uint8_t unit, std::span<const std::byte> pdu) {
    PlannedWrite write;
    write.unit = unit;
    write.pdu.assign(pdu.begin(), pdu.end());
    const auto decoded = codec::decode_request(pdu);
    std::vector<std::uint16_t> values;
    if (!decoded) {
      write.request =
          fmt::format("FC {:02X}, malformed on purpose (a conforming device refuses it)",
                      std::to_integer<std::uint8_t>(pdu[0]));
      return write;
    }
    const codec::Request& request = decoded.value();
    if (const auto* one = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
      write.first = one->address;
      values = {one->value};
    } else if (const auto* many = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
      write.first = many->address;
      values.assign(many->values.begin(), many->values.end());
    } else if (const auto* mask = std::get_if<codec::MaskWriteRegisterRequest>(&request)) {
      write.first = mask->address;
      write.count = 1;
    } else if (const auto* both = std::get_if<codec::ReadWriteMultipleRegistersRequest>(&request)) {
      write.first = both->write_address;
      values.assign(both->values.begin(), both->values.end());
    } else if (const auto* coil = std::get_if<codec::WriteSingleCoilRequest>(&request)) {
      write.first = coil->address;
      write.count = 1;
      write.coils = true;
    } else if (const auto* coils = std::get_if<codec::WriteMultipleCoilsRequest>(&request)) {
      write.first = coils->address;
      write.count = coils->quantity;
      write.coils = true;
    }
    if (!values.empty()) write.count = static_cast<std::uint32_t>(values.size());
    write.request =
        fmt::format("FC {:02X} to {} {}{}", std::to_integer<std::uint8_t>(pdu[0]),
                    write.coils ? "coil" : "holding", write.first,
                    write.count > 1 ? fmt::format("..{}", write.first + write.count - 1) : "");
    if (write.coils || unit != unit_) return write;
    const models::RegisterRow* last = nullptr;
    for (std::uint32_t a = write.first; a < write.first + write.count && a <= 0xFFFF; ++a) {
      const auto* row =
          models::row_at(map_, models::Space::kHolding, static_cast<std::uint16_t>(a));
      if (row == nullptr || row == last) continue;
      last = row;
      PlannedRow planned_row{row, std::nullopt, current(*row)};
      const std::size_t count = row->type.register_count();
      if (!values.empty() && row->address >= write.first &&
          row->address + count <= write.first + values.size()) {
        const auto begin = values.begin() + (row->address - write.first);
        planned_row.writing.emplace(begin, begin + static_cast<std::ptrdiff_t>(count));
      }
      write.rows.push_back(std::move(planned_row));
    }
    return write;
  }

  DeviceChannel& device_;
  const models::RegisterMap& map_;
  std::uint8_t unit_;
  WritePlan plan_;
  std::map<const models::RegisterRow*, std::optional<std::vector<std::uint16_t>>> currents_;
  std::uint16_t next_id_ = 1;
};

}  // namespace

WritePlan plan_writes(DeviceChannel& device, const ConformOptions& options) {
  PlanningChannel planning(device, *options.map, options.unit);
  const RunReport report = run_conformance(planning, options);
  WritePlan plan = planning.take();
  if (report.unreachable) plan.unreachable = report.stopped.value_or("unreachable");
  return plan;
}

}  // namespace mbh::conformance
