// R-QUANTITY: read quantity 0 or over 125, write-multiple quantity 0 or over 123, or a byte
// count that disagrees with the quantity, gets exception 03 (before the address is looked
// at). Writes aim at an address no row defines, so a device that wrongly takes them changes
// nothing a model row holds.
#include <fmt/format.h>

#include <array>
#include <vector>

#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "models/model_text.hpp"

namespace mbh::conformance {
namespace {

std::vector<std::byte> write_multiple(std::uint16_t address, std::uint16_t quantity,
                                      std::uint8_t byte_count, std::size_t data_bytes) {
  std::vector<std::byte> pdu{std::byte{0x10},
                             static_cast<std::byte>(address >> 8U),
                             static_cast<std::byte>(address & 0xFFU),
                             static_cast<std::byte>(quantity >> 8U),
                             static_cast<std::byte>(quantity & 0xFFU),
                             static_cast<std::byte>(byte_count)};
  pdu.resize(pdu.size() + data_bytes, std::byte{0});
  return pdu;
}

}  // namespace

void run_quantity_suite(Session& session) {
  using models::Space;
  const auto& map = session.map();
  const std::uint16_t unused = unused_holding_address(map);
  for (const Space space : {Space::kHolding, Space::kInput}) {
    const models::RegisterRow* row = first_row(map, space);
    if (row == nullptr) continue;
    for (const std::uint16_t quantity : std::array<std::uint16_t, 3>{0, 126, 0xFFFF}) {
      if (session.stopped()) return;
      session.check(fmt::format("read {} quantity {}", models::space_name(space), quantity),
                    read_request(space, row->address, quantity));
    }
    // Wrong in both quantity and address: 03, as the state diagrams check quantity first.
    if (space == Space::kHolding) {
      session.check(fmt::format("read holding quantity 0 at unused address {}", unused),
                    read_request(space, unused, 0));
    }
  }
  if (!has_space(map, Space::kHolding)) return;
  struct BadWrite {
    std::string_view what;
    std::uint16_t quantity;
    std::uint8_t byte_count;
    std::size_t data_bytes;
  };
  constexpr std::array kWrites{
      BadWrite{"quantity 0", 0, 0, 0},
      BadWrite{"quantity 124", 124, 248, 0},  // over 123: refused before the data is read
      BadWrite{"byte count 2 for quantity 2", 2, 2, 2},
      BadWrite{"byte count 4 for quantity 1", 1, 4, 4},
  };
  for (const BadWrite& w : kWrites) {
    if (session.stopped()) return;
    const std::string name = fmt::format("write-multiple {}", w.what);
    if (session.options().read_only) {
      session.skip(models::RuleId::kQuantity, name, "a write: --read-only");
      continue;
    }
    session.check_pdu(name, write_multiple(unused, w.quantity, w.byte_count, w.data_bytes));
  }
}

}  // namespace mbh::conformance
