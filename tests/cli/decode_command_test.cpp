#include "harness/cli/decode_command.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <sstream>
#include <string>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/hex_input.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/exchange/frame_text.hpp"
#include "tests/codec/pdu_generators.hpp"

namespace mbh::cli {
namespace {

using nlohmann::json;
using testing::HasSubstr;

struct Ran {
  int status;
  std::string out;
  std::string err;
};

Ran run(const DecodeOptions& options, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int status = run_decode(options, in, out, err);
  return {status, out.str(), err.str()};
}

// Through the CLI11 parser, as the binary runs it.
Ran command(const std::string& arguments, const std::string& input = "") {
  CLI::App app{"mbharness", "mbharness"};
  DecodeOptions options;
  setup_decode(app, options);
  app.parse("decode " + arguments, false);
  return run(options, input);
}

DecodeOptions options(std::string hex, bool pdu, std::optional<std::string> response_to = {},
                      bool as_json = true) {
  std::optional<std::vector<std::string>> request;
  if (response_to) request = std::vector<std::string>{std::move(*response_to)};
  return {{std::move(hex)}, pdu, std::move(request), as_json};
}

json json_of(const Ran& result) {
  EXPECT_FALSE(result.out.empty());
  return json::parse(result.out);
}

// The PDU in an MBAP header: transaction 1, unit 0x11, as in the TCP implementation guide.
std::string adu(const std::string& pdu, std::uint16_t transaction = 1) {
  const std::size_t size = parse_hex(pdu).value().size();
  return to_hex(std::vector<std::byte>{std::byte(transaction >> 8), std::byte(transaction & 0xFF),
                                       std::byte{0}, std::byte{0}, std::byte{0},
                                       std::byte(size + 1), std::byte{0x11}}) +
         " " + pdu;
}

// ---- The worked examples of the MODBUS Application Protocol specification ------------------

struct Example {
  const char* name;
  const char* request;
  const char* response;
  const char* response_kind;  // "response", or "exception"
};

const Example kExamples[] = {
    {"ReadCoils", "01 00 13 00 13", "01 03 CD 6B 05", "response"},
    {"ReadDiscreteInputs", "02 00 C4 00 16", "02 03 AC DB 35", "response"},
    {"ReadHoldingRegisters", "03 00 6B 00 03", "03 06 02 2B 00 00 00 64", "response"},
    {"ReadInputRegisters", "04 00 08 00 01", "04 02 00 0A", "response"},
    {"WriteSingleCoil", "05 00 AC FF 00", "05 00 AC FF 00", "response"},
    {"WriteSingleRegister", "06 00 01 00 03", "06 00 01 00 03", "response"},
    {"WriteMultipleCoils", "0F 00 13 00 0A 02 CD 01", "0F 00 13 00 0A", "response"},
    {"WriteMultipleRegisters", "10 00 01 00 02 04 00 0A 01 02", "10 00 01 00 02", "response"},
    {"MaskWriteRegister", "16 00 04 00 F2 00 25", "16 00 04 00 F2 00 25", "response"},
    {"ReadWriteMultipleRegisters", "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF",
     "17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", "response"},
    {"Exception", "01 04 A1 00 01", "81 02", "exception"},
};

int first_byte(const std::string& hex) {
  return std::to_integer<int>(parse_hex(hex).value()[0]);
}

class WorkedExample : public testing::TestWithParam<Example> {};

TEST_P(WorkedExample, RequestPduDecodes) {
  const Ran result = run(options(GetParam().request, true));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  EXPECT_EQ(report["valid"], true);
  EXPECT_EQ(report["kind"], "request");
  EXPECT_EQ(report["function"]["code"], first_byte(GetParam().request));
  EXPECT_FALSE(report.contains("mbap"));
}

TEST_P(WorkedExample, RequestAduDecodes) {
  const Ran result = run(options(adu(GetParam().request), false));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  EXPECT_EQ(report["kind"], "request");
  EXPECT_EQ(report["mbap"]["transaction_id"], 1);
  EXPECT_EQ(report["mbap"]["protocol_id"], 0);
  EXPECT_EQ(report["mbap"]["unit_id"], 0x11);
}

TEST_P(WorkedExample, ResponsePduDecodesAgainstItsRequest) {
  const Ran result = run(options(GetParam().response, true, GetParam().request));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  EXPECT_EQ(report["kind"], GetParam().response_kind);
  EXPECT_EQ(report["answers"]["function"]["code"], first_byte(GetParam().request));
}

TEST_P(WorkedExample, ResponseAduDecodesAgainstItsRequest) {
  const Ran result = run(options(adu(GetParam().response), false, adu(GetParam().request)));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  EXPECT_EQ(report["kind"], GetParam().response_kind);
  EXPECT_EQ(report["answers"]["mbap"]["transaction_id"], 1);
}

TEST_P(WorkedExample, ResponseDecodesWithoutItsRequest) {
  const Ran result = run(options(GetParam().response, true));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  if (std::string_view(GetParam().request) == GetParam().response) {
    // An echo is a valid request too: shown as one, with the response noted.
    EXPECT_EQ(report["kind"], "request");
    EXPECT_TRUE(report.contains("also_response"));
  } else {
    EXPECT_EQ(report["kind"], GetParam().response_kind);
  }
}

TEST_P(WorkedExample, TextShowsTheFunctionAndEveryField) {
  for (const auto& [hex, response_to] :
       {std::pair<std::string, std::optional<std::string>>{GetParam().request, std::nullopt},
        {GetParam().response, std::string(GetParam().request)}}) {
    const Ran as_json = run(options(hex, true, response_to));
    const Ran as_text = run(options(hex, true, response_to, false));
    ASSERT_EQ(as_text.status, kOk);
    const json report = json_of(as_json);
    EXPECT_THAT(as_text.out, HasSubstr(report["function"]["name"].get<std::string>()));
    for (const auto& [name, value] : report["fields"].items()) {
      EXPECT_THAT(as_text.out, HasSubstr(name)) << as_text.out;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ModbusSpecification, WorkedExample, testing::ValuesIn(kExamples),
                         [](const auto& example) { return std::string(example.param.name); });

// ---- Fields ------------------------------------------------------------------------------

const char* const kRequestAdu = "00 01 00 00 00 06 11 03 00 6B 00 03";
const char* const kResponseAdu = "00 01 00 00 00 09 11 03 06 02 2B 00 00 00 64";

TEST(DecodeFields, TheTcpGuideExampleAnsweredByItsResponse) {
  const Ran result = run(options(kResponseAdu, false, kRequestAdu));
  ASSERT_EQ(result.status, kOk) << result.out;
  const json report = json_of(result);
  EXPECT_EQ(report["mbap"], json::parse(R"({"transaction_id":1,"protocol_id":0,"length":9,
                                            "unit_id":17})"));
  EXPECT_EQ(report["function"], json::parse(R"({"code":3,"name":"Read Holding Registers"})"));
  EXPECT_EQ(report["fields"]["values"], json::parse("[555, 0, 100]"));
  EXPECT_EQ(report["answers"]["fields"], json::parse(R"({"address":107,"quantity":3})"));
}

TEST(DecodeFields, RegistersInDecimalAndHexAtTheRequestedAddresses) {
  const Ran result = run(options(kResponseAdu, false, kRequestAdu, false));
  EXPECT_THAT(result.out, HasSubstr("register 107     555  0x022B"));
  EXPECT_THAT(result.out, HasSubstr("register 109     100  0x0064"));
  EXPECT_THAT(result.out, HasSubstr("transaction_id       1  0x0001"));
}

TEST(DecodeFields, RequestFieldsOfTheTcpGuideExample) {
  const Ran result = run(options(kRequestAdu, false));
  const json report = json_of(result);
  EXPECT_EQ(report["type"], "ReadHoldingRegistersRequest");
  EXPECT_EQ(report["fields"], json::parse(R"({"address":107,"quantity":3})"));
  EXPECT_EQ(report["mbap"]["length"], 6);
}

TEST(DecodeFields, CoilsAsBitsWithThePaddingNoted) {
  const Ran paired = run(options("01 03 CD 6B 05", true, "01 00 13 00 13"));
  const json bits = json_of(paired)["fields"]["bits"];
  EXPECT_EQ(bits["bytes"], json::parse("[205, 107, 5]"));
  // Coils 20..38 of the specification's example: CD 6B 05, least significant bit first.
  EXPECT_EQ(bits["values"], json::parse("[1,0,1,1,0,0,1,1, 1,1,0,1,0,1,1,0, 1,0,1]"));
  EXPECT_EQ(bits["padding"], json::parse("[0,0,0,0,0]"));
  const Ran text = run(options("01 03 CD 6B 05", true, "01 00 13 00 13", false));
  EXPECT_THAT(text.out, HasSubstr("19 coils in 3 bytes"));
  EXPECT_THAT(text.out, HasSubstr("5 padding bits"));
  EXPECT_THAT(text.out, HasSubstr("coils 35-37        5  0x05    1 0 1 | 0 0 0 0 0 (padding)"));
}

TEST(DecodeFields, BitsWithoutTheRequestCannotTellPadding) {
  const json bits = json_of(run(options("01 03 CD 6B 05", true)))["fields"]["bits"];
  EXPECT_EQ(bits["values"].size(), 24U);
  EXPECT_TRUE(bits["padding"].is_null());
}

TEST(DecodeFields, WriteMultipleCoilsRequestKnowsItsOwnPadding) {
  const json bits = json_of(run(options("0F 00 13 00 0A 02 CD 01", true)))["fields"]["bits"];
  EXPECT_EQ(bits["values"].size(), 10U);
  EXPECT_EQ(bits["padding"].size(), 6U);
}

TEST(DecodeFields, ReadWriteMultipleRegisters) {
  const json request =
      json_of(run(options("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF", true)));
  EXPECT_EQ(request["fields"], json::parse(R"({"read_address":3,"read_quantity":6,
                                              "write_address":14,"values":[255,255,255]})"));
  const json response = json_of(run(options("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", true,
                                            "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF")));
  EXPECT_EQ(response["fields"]["values"], json::parse("[254, 2765, 1, 3, 13, 255]"));
}

TEST(DecodeFields, ExceptionNamesTheFunctionAndTheException) {
  const Ran text = run(options("83 02", true, std::nullopt, false));
  EXPECT_EQ(text.status, kOk);
  EXPECT_THAT(text.out,
              HasSubstr("exception response to Read Holding Registers: 02 Illegal Data Address"));
  const json report = json_of(run(options("83 02", true)));
  EXPECT_EQ(report["kind"], "exception");
  EXPECT_EQ(report["function"]["name"], "Read Holding Registers");
  EXPECT_EQ(report["exception"], json::parse(R"({"code":2,"name":"Illegal Data Address"})"));
}

TEST(DecodeFields, EchoesAreRequestsThatCouldAlsoBeTheirResponse) {
  const Ran text = run(options("06 00 01 00 03", true, std::nullopt, false));
  EXPECT_THAT(text.out, HasSubstr("Write Single Register request"));
  EXPECT_THAT(text.out, HasSubstr("also the response"));
  const Ran coil = run(options("05 00 AC FF 00", true, std::nullopt, false));
  EXPECT_THAT(coil.out, HasSubstr("0xFF00  ON"));
}

// The specification's Read Device Identification example (basic objects, stream access).
const char* const kDeviceIdResponse =
    "2B 0E 01 01 00 00 03"
    " 00 16 43 6F 6D 70 61 6E 79 20 69 64 65 6E 74 69 66 69 63 61 74 69 6F 6E"
    " 01 0F 50 72 6F 64 75 63 74 20 63 6F 64 65 20 58 58"
    " 02 05 56 32 2E 31 31";

TEST(DecodeFields, DeviceIdentificationObjectsByNameAsText) {
  const Ran result = run(options(kDeviceIdResponse, true, "2B 0E 01 00"));
  ASSERT_EQ(result.status, kOk) << result.out;
  EXPECT_EQ(json_of(result)["fields"]["objects"], json::parse(R"([
    {"id":0,"name":"VendorName","value":"Company identification",
     "hex":"43 6F 6D 70 61 6E 79 20 69 64 65 6E 74 69 66 69 63 61 74 69 6F 6E"},
    {"id":1,"name":"ProductCode","value":"Product code XX",
     "hex":"50 72 6F 64 75 63 74 20 63 6F 64 65 20 58 58"},
    {"id":2,"name":"MajorMinorRevision","value":"V2.11","hex":"56 32 2E 31 31"}])"));
  const Ran text = run(options(kDeviceIdResponse, true, "2B 0E 01 00", false));
  EXPECT_THAT(text.out, HasSubstr("0x00 VendorName           \"Company identification\""));
  EXPECT_THAT(text.out, HasSubstr("0x02 MajorMinorRevision   \"V2.11\""));
}

// ---- Malformed frames ------------------------------------------------------------------------

json error_of(const Ran& result) {
  EXPECT_EQ(result.status, kViolation) << result.out << result.err;
  const json report = json_of(result);
  EXPECT_EQ(report["valid"], false);
  return report["error"];
}

TEST(DecodeMalformed, Truncated) {
  const json error = error_of(run(options("03 00 6B 00", true)));
  EXPECT_EQ(error["id"], "truncated");
  EXPECT_EQ(error["offset"], 4);
  EXPECT_THAT(error["detail"].get<std::string>(), HasSubstr("1 missing"));
}

TEST(DecodeMalformed, TrailingBytes) {
  const json error = error_of(run(options("03 00 6B 00 03 00", true)));
  EXPECT_EQ(error["id"], "trailing-bytes");
  EXPECT_EQ(error["offset"], 5);
}

TEST(DecodeMalformed, ByteCountMismatchSaysWhatItExpected) {
  const json error = error_of(run(options("10 00 01 00 03 05 00 0A 01 02 00", true)));
  EXPECT_EQ(error["id"], "byte-count-mismatch");
  EXPECT_EQ(error["offset"], 5);
  EXPECT_EQ(error["detail"], "byte count 5 disagrees with quantity 3 (expected 6)");
  // As an ADU, the offset counts the MBAP header too.
  const json in_adu = error_of(run(options(adu("10 00 01 00 03 05 00 0A 01 02 00"), false)));
  EXPECT_EQ(in_adu["offset"], 12);
  EXPECT_EQ(in_adu["pdu_offset"], 5);
}

TEST(DecodeMalformed, QuantityZeroAnd126) {
  const json zero = error_of(run(options("03 00 6B 00 00", true)));
  EXPECT_EQ(zero["id"], "quantity-out-of-range");
  EXPECT_EQ(zero["offset"], 3);
  EXPECT_EQ(zero["detail"], "quantity 0 outside 1..125");
  const json too_many = error_of(run(options(adu("03 00 6B 00 7E"), false)));
  EXPECT_EQ(too_many["id"], "quantity-out-of-range");
  EXPECT_EQ(too_many["detail"], "quantity 126 outside 1..125");
}

TEST(DecodeMalformed, BadProtocolId) {
  const json error = error_of(run(options("00 01 00 01 00 06 11 03 00 6B 00 03", false)));
  EXPECT_EQ(error["id"], "bad-protocol-id");
  EXPECT_EQ(error["offset"], 2);
  EXPECT_EQ(error["stage"], "framing");
}

TEST(DecodeMalformed, LengthDisagreesWithTheBytes) {
  const json short_frame = error_of(run(options("00 01 00 00 00 07 11 03 00 6B 00 03", false)));
  EXPECT_EQ(short_frame["id"], "truncated");
  EXPECT_EQ(short_frame["detail"],
            "MBAP length 7 announces 6 PDU bytes after the unit id; 5 follow (1 missing)");
  const json long_frame = error_of(run(options("00 01 00 00 00 05 11 03 00 6B 00 03", false)));
  EXPECT_EQ(long_frame["id"], "trailing-bytes");
  EXPECT_EQ(long_frame["offset"], 11);
}

TEST(DecodeMalformed, UnknownFunctionAsARequest) {
  const Ran result = run(options("08 00 00 A5 37", true));
  const json error = error_of(result);
  EXPECT_EQ(error["id"], "unsupported-function");
  EXPECT_EQ(error["message"], "function code not implemented");
  EXPECT_EQ(json_of(result)["kind"], "request");
  const Ran text = run(options("08 00 00 A5 37", true, std::nullopt, false));
  EXPECT_EQ(text.status, kViolation);
  EXPECT_THAT(text.out, HasSubstr("function code not implemented"));
  EXPECT_THAT(text.out, HasSubstr("0x08 (Diagnostics)"));
}

TEST(DecodeMalformed, NeitherRequestNorResponseSaysBoth) {
  const Ran text = run(options("03 00 6B 00 00", true, std::nullopt, false));
  EXPECT_THAT(text.out, HasSubstr("not a valid request (quantity outside the function's limits) "
                                  "nor a valid response (byte count is zero"));
  const json error = error_of(run(options("03 00 6B 00 00", true)));
  EXPECT_EQ(error["alternative"]["id"], "byte-count-out-of-range");
}

TEST(DecodeMalformed, ResponseReadingWinsWhenItGetsFurther) {
  // A register response cut short: as a request it has one byte too many at offset 5, as a
  // response it misses bytes at offset 6.
  const json error = error_of(run(options("03 06 02 2B 00 00", true)));
  EXPECT_EQ(error["id"], "truncated");
  EXPECT_EQ(error["stage"], "response");
}

TEST(DecodeMalformed, ResponseWithAnotherTransactionId) {
  const json error =
      error_of(run(options("00 02 00 00 00 09 11 03 06 02 2B 00 00 00 64", false, kRequestAdu)));
  EXPECT_EQ(error["id"], "transaction-mismatch");
  EXPECT_EQ(error["offset"], 0);
  EXPECT_EQ(error["detail"], "transaction id 2 (0x0002); the request's is 1 (0x0001)");
}

TEST(DecodeMalformed, ResponseFromAnotherUnit) {
  const json error =
      error_of(run(options("00 01 00 00 00 09 12 03 06 02 2B 00 00 00 64", false, kRequestAdu)));
  EXPECT_EQ(error["id"], "unit-mismatch");
  EXPECT_EQ(error["offset"], 6);
}

TEST(DecodeMalformed, ResponseWithLessDataThanAskedFor) {
  const json error = error_of(run(options("03 04 02 2B 00 00", true, "03 00 6B 00 03")));
  EXPECT_EQ(error["id"], "quantity-mismatch");
  EXPECT_EQ(error["stage"], "pairing");
  EXPECT_THAT(error["detail"].get<std::string>(), HasSubstr("expected byte count 6"));
}

TEST(DecodeMalformed, EchoThatDiffersNamesTheField) {
  const json error = error_of(run(options("06 00 01 00 04", true, "06 00 01 00 03")));
  EXPECT_EQ(error["id"], "echo-mismatch");
  EXPECT_EQ(error["offset"], 3);
  EXPECT_EQ(error["detail"], "value 4 (0x0004); the request's is 3 (0x0003)");
}

TEST(DecodeMalformed, ResponseToAnotherFunction) {
  EXPECT_EQ(error_of(run(options("04 02 00 0A", true, "03 00 6B 00 03")))["id"],
            "function-mismatch");
  EXPECT_EQ(error_of(run(options("84 02", true, "03 00 6B 00 03")))["id"], "function-mismatch");
}

TEST(DecodeMalformed, TextMarksTheOffendingByteInAHexDump) {
  const Ran text = run(options("10 00 01 00 03 05 00 0A 01 02 00", true, std::nullopt, false));
  EXPECT_THAT(text.out, HasSubstr("  0000  10 00 01 00 03 05 00 0A 01 02 00\n"
                                  "                       ^^\n"));
  EXPECT_THAT(text.out, HasSubstr("byte count 5 disagrees with quantity 3 (expected 6)"));
}

TEST(HexDump, MarksAFieldAcrossLinesAndMissingBytesAtTheEnd) {
  std::vector<std::byte> bytes(18, std::byte{0xAB});
  EXPECT_EQ(exchange::hex_dump(bytes, 15, 2),
            "  0000  AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB\n"
            "                                                     ^^\n"
            "  0010  AB AB\n"
            "        ^^\n");
  EXPECT_EQ(exchange::hex_dump(std::span(bytes).first(3), 3, 0),
            "  0000  AB AB AB\n"
            "                 ^ bytes missing\n");
}

// ---- Usage errors ------------------------------------------------------------------------

TEST(DecodeUsage, NotHexExits2AndPointsAtTheCharacter) {
  const Ran result = run(options("zz", false, std::nullopt, false));
  EXPECT_EQ(result.status, kUsage);
  EXPECT_TRUE(result.out.empty());
  EXPECT_THAT(result.err, HasSubstr("'z' at column 1 is not a hex digit"));
  EXPECT_THAT(result.err, HasSubstr("  zz\n  ^\n"));
}

TEST(DecodeUsage, OddNumberOfDigitsExits2) {
  EXPECT_EQ(run(options("00 01 0", true)).status, kUsage);
  EXPECT_EQ(run(options("001", true)).status, kUsage);
}

TEST(DecodeUsage, NoBytesExits2) {
  EXPECT_EQ(run(options(" ", true)).status, kUsage);
}

TEST(DecodeUsage, NotHexInJsonIsStillOneObject) {
  const Ran result = run(options("00 zz", true));
  EXPECT_EQ(result.status, kUsage);
  const json report = json_of(result);
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["error"]["id"], "not-hex");
  EXPECT_EQ(report["error"]["position"], 3);
}

TEST(DecodeUsage, ResponseToThatIsNotHexOrNotARequestExits2) {
  EXPECT_EQ(run(options("03 02 00 01", true, "03 00 6B 0")).status, kUsage);
  const Ran result = run(options("03 02 00 01", true, "03 00 6B 00 00"));
  EXPECT_EQ(result.status, kUsage);
  EXPECT_EQ(json_of(result)["error"]["id"], "invalid-response-to");
  EXPECT_EQ(json_of(result)["error"]["cause"]["error"]["id"], "quantity-out-of-range");
}

// ---- The command line ------------------------------------------------------------------------

TEST(DecodeCommandLine, HexInSeveralArgumentsAndSyntaxes) {
  const Ran result = command("\"00:01:00:00\" \"00 06 11 03 00 6B 00 03\" --json");
  ASSERT_EQ(result.status, kOk) << result.err;
  EXPECT_EQ(json_of(result)["fields"]["address"], 107);
  EXPECT_EQ(command("0x00 0x01 0x00 0x00 0x00 0x06 0x11 0x03 0x00 0x6B 0x00 0x03").status, kOk);
}

TEST(DecodeCommandLine, DashReadsStandardInput) {
  const Ran result = command("- --pdu --json", "03 00 6b 00 03\n");
  ASSERT_EQ(result.status, kOk) << result.err;
  EXPECT_EQ(json_of(result)["type"], "ReadHoldingRegistersRequest");
  const Ran request_from_stdin =
      command("--pdu 03 06 02 2B 00 00 00 64 --response-to - --json", "03 00 6B 00 03");
  EXPECT_EQ(request_from_stdin.status, kOk) << request_from_stdin.err;
  EXPECT_EQ(command("- --pdu --response-to -", "03 00 6B 00 03").status, kUsage);
}

TEST(DecodeCommandLine, ResponseToAndFlags) {
  const Ran result =
      command("--json \"" + std::string(kResponseAdu) + "\" --response-to \"" + kRequestAdu + "\"");
  ASSERT_EQ(result.status, kOk) << result.err;
  EXPECT_EQ(json_of(result)["kind"], "response");
}

TEST(DecodeCommandLine, MissingHexIsAParseError) {
  EXPECT_THROW(command(""), CLI::ParseError);
  EXPECT_THROW(command("--no-such-option 00"), CLI::ParseError);
}

// ---- Properties: decode says what the codec says, and never falls over ----------------------

std::string hex_of(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const std::size_t size = codec::encode_request(request, pdu).value();
  return to_hex(std::span(pdu).first(size));
}

std::string hex_of(const codec::Response& response) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const std::size_t size = codec::encode_response(response, pdu).value();
  return to_hex(std::span(pdu).first(size));
}

RC_GTEST_PROP(DecodeProperty, AValidRequestDecodesAsARequest, (const codec::Request& request)) {
  RC_PRE(!codec::validate(request));
  const codec::EncodedAdu frame = codec::encode_adu(7, 0x11, request);
  const Ran result = run(options(to_hex(frame.span()), false));
  RC_ASSERT(result.status == kOk);
  const json report = json::parse(result.out);
  RC_ASSERT(report["kind"] == "request");
  RC_ASSERT(report["function"]["code"] == codec::function_byte(request));
}

RC_GTEST_PROP(DecodeProperty, APairedVerdictIsTheCodecs,
              (const codec::Request& request, const codec::Response& response)) {
  RC_PRE(!codec::validate(request));
  const std::string response_hex = hex_of(response);
  const auto pdu = parse_hex(response_hex).value();
  const auto expected = codec::decode_response(pdu, request);
  const Ran result = run(options(response_hex, true, hex_of(request)));
  const json report = json::parse(result.out);
  RC_ASSERT(result.status == (expected ? kOk : kViolation));
  if (!expected) RC_ASSERT(report["error"]["id"] == codec::identifier(expected.error().code));
}

// Any bytes: exit 0 or 1, one JSON object whose error (if any) lies within the frame, and text.
void check_any_frame(const std::vector<std::uint8_t>& values, bool pdu) {
  std::vector<std::byte> frame;
  for (std::uint8_t v : values)
    frame.push_back(std::byte{v});
  const Ran as_json = run(options(to_hex(frame), pdu));
  RC_ASSERT(as_json.status == kOk || as_json.status == kViolation);
  const json report = json::parse(as_json.out);
  RC_ASSERT(report["valid"] == (as_json.status == kOk));
  if (as_json.status == kViolation) {
    RC_ASSERT(report["error"]["offset"].get<std::size_t>() <= frame.size());
  }
  const Ran as_text = run(options(to_hex(frame), pdu, std::nullopt, false));
  RC_ASSERT(as_text.status == as_json.status);
  RC_ASSERT(!as_text.out.empty());
}

RC_GTEST_PROP(DecodeProperty, AnyPduGivesAVerdict, (const std::vector<std::uint8_t>& values)) {
  RC_PRE(!values.empty());
  check_any_frame(values, true);
}

RC_GTEST_PROP(DecodeProperty, AnyAduGivesAVerdict, (const std::vector<std::uint8_t>& values)) {
  RC_PRE(!values.empty());
  check_any_frame(values, false);
}

// Near misses find the deeper error paths: a worked example with one byte changed, cut short
// or lengthened.
RC_GTEST_PROP(DecodeProperty, AMutatedExampleGivesAVerdict, ()) {
  const Example example =
      *rc::gen::elementOf(std::vector<Example>(std::begin(kExamples), std::end(kExamples)));
  const std::string hex = *rc::gen::element<std::string>(example.request, example.response);
  auto bytes = parse_hex(hex).value();
  std::vector<std::uint8_t> values;
  for (std::byte b : bytes)
    values.push_back(std::to_integer<std::uint8_t>(b));
  const std::size_t at = *rc::gen::inRange<std::size_t>(0, values.size());
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      values[at] = *rc::gen::arbitrary<std::uint8_t>();
      break;
    case 1:
      values.resize(std::max<std::size_t>(at, 1));
      break;
    default:
      values.push_back(*rc::gen::arbitrary<std::uint8_t>());
      break;
  }
  check_any_frame(values, true);
}

// The forms a frame arrives in besides one TCP frame: several back to back, an RTU frame, a
// request given as several arguments; FC 43 names its MEI type.
TEST(DecodeForms, SeveralFramesBackToBackAreDecodedOneByOne) {
  const Ran text = command(std::string(kRequestAdu) + " " + kResponseAdu);
  EXPECT_EQ(text.status, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("frame 1 of 2\n\nRead Holding Registers request"));
  EXPECT_THAT(text.out, HasSubstr("frame 2 of 2\n\nRead Holding Registers response"));
  const Ran lines = command(std::string(kRequestAdu) + " " + kRequestAdu + " 00 --json");
  EXPECT_EQ(lines.status, 1);  // a byte after the frames: not a tiling, one malformed frame
  const Ran json_lines = command(std::string(kRequestAdu) + " " + kResponseAdu + " --json");
  EXPECT_EQ(std::ranges::count(json_lines.out, '\n'), 2);
  // One malformed frame among them makes the exit status 1.
  const Ran bad = command(std::string(kRequestAdu) + " 00 02 00 00 00 02 11 63");
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.out, HasSubstr("frame 2 of 2"));
}

TEST(DecodeForms, AnRtuFrameIsRecognisedByItsCrc) {
  const Ran text = command("11 03 00 6B 00 03 76 87");
  EXPECT_EQ(text.status, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("Modbus RTU frame: unit 17 (0x11), CRC 0x8776 correct"));
  EXPECT_THAT(text.out, HasSubstr("Read Holding Registers request"));
  const json j = json_of(command("11 03 00 6B 00 03 76 87 --json"));
  EXPECT_EQ(j.at("rtu").at("unit"), 17);
  EXPECT_EQ(j.at("fields").at("address"), 107);
  // A wrong CRC is not RTU: the TCP reading's error stands.
  EXPECT_EQ(command("11 03 00 6B 00 03 76 88").status, 1);
}

TEST(DecodeForms, ResponseToTakesTheRequestInSeveralArguments) {
  const Ran result = command("--pdu 03 06 02 2B 00 00 00 64 --response-to 03 00 6B 00 03");
  EXPECT_EQ(result.status, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("Read Holding Registers response"));
  EXPECT_THAT(result.out, HasSubstr("matches it"));
}

TEST(DecodeForms, ReadDeviceIdentificationNamesItsMeiType) {
  const Ran text = command("--pdu 2B 0E 01 00");
  EXPECT_THAT(text.out,
              HasSubstr("mei_type            14  0x0E    MEI type: Read Device Identification"));
  const json j = json_of(command("--pdu 2B 0E 01 00 --json"));
  EXPECT_EQ(j.at("fields").at("mei_type"), 14);
  EXPECT_EQ(j.at("fields").begin().key(), "mei_type");
}

}  // namespace
}  // namespace mbh::cli
