#include "harness/codec/aggregate_traits.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include <unordered_set>
#include "harness/codec/mbap_header.hpp"

namespace mbh::codec {
namespace {

template <class T>
std::string printed(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

TEST(AggregateTraits, PrintsTypeFieldNamesAndValues) {
  EXPECT_EQ(printed(ReadHoldingRegistersRequest{107, 3}),
            "ReadHoldingRegistersRequest{address=107, quantity=3}");
  EXPECT_EQ(printed(Response{ExceptionResponse{0x03, ExceptionCode::kIllegalDataAddress}}),
            "ExceptionResponse{function=0x03, code=0x02 (Illegal Data Address)}");
  EXPECT_EQ(printed(WriteMultipleCoilsRequest{19, 10, {0xCD, 0x01}}),
            "WriteMultipleCoilsRequest{address=19, quantity=10, bits=[0xcd 0x01]}");
  ReadDeviceIdentificationResponse id;
  id.objects.add(0, "ACME\x01");
  EXPECT_EQ(printed(id),
            "ReadDeviceIdentificationResponse{read_code=0x01, conformity_level=0x01, "
            "more_follows=0x00, next_object_id=0x00, objects=[0:\"ACME\\x01\"]}");
}

TEST(AggregateTraits, ComparesAndHashesFieldByField) {
  EXPECT_EQ((WriteMultipleRegistersRequest{1, {2, 3}}), (WriteMultipleRegistersRequest{1, {2, 3}}));
  EXPECT_NE((WriteMultipleRegistersRequest{1, {2, 3}}), (WriteMultipleRegistersRequest{1, {2}}));
  EXPECT_NE((ReadCoilsRequest{1, 2}), (ReadCoilsRequest{2, 1}));
  std::unordered_set<ReadCoilsRequest> seen{{1, 2}, {1, 2}, {2, 1}};
  EXPECT_EQ(seen.size(), 2U);
  EXPECT_EQ(std::hash<MbapHeader>{}(MbapHeader{1, 0, 6, 17}),
            std::hash<MbapHeader>{}(MbapHeader{1, 0, 6, 17}));
}

}  // namespace
}  // namespace mbh::codec
