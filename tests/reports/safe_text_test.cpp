#include "reports/safe_text.hpp"

#include <gtest/gtest.h>

namespace mbh::reports {
namespace {

TEST(ReportSafeText, PrintableEscapesC0ControlsAndDel) {
  EXPECT_EQ(printable("a\x1b[31mb\nc\td\x7f"), "a\\x1B[31mb\\x0Ac\\x09d\\x7F");
  EXPECT_EQ(printable(std::string_view("nul\0end", 7)), "nul\\x00end");
}

TEST(ReportSafeText, PrintableEscapesC1ControlsAndNoncharactersByCodePoint) {
  EXPECT_EQ(printable("x\xc2\x85y"), "x\\u0085y");      // NEL
  EXPECT_EQ(printable("x\xef\xbf\xbey"), "x\\uFFFEy");  // not a character
}

TEST(ReportSafeText, InvalidUtf8BecomesOneEscapePerByte) {
  EXPECT_EQ(printable("bad\xff"), "bad\\xFF");
  EXPECT_EQ(printable("\xc0\x80"), "\\xC0\\x80");                    // overlong NUL
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xED\\xA0\\x80");           // a surrogate
  EXPECT_EQ(printable("\xe2\x82"), "\\xE2\\x82");                    // cut short
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");  // past U+10FFFF
}

TEST(ReportSafeText, ValidUtf8IsKept) {
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8b"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8b");
}

TEST(ReportSafeText, ValidUtf8KeepsControlsForJsonToEscape) {
  EXPECT_EQ(valid_utf8("a\x1b\n\xff"), "a\x1b\n\\xFF");
}

TEST(ReportSafeText, XmlEscapedReplacesTheFiveSpecials) {
  EXPECT_EQ(xml_escaped("<a b=\"c\" d='e'>&</a>"),
            "&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(xml_escaped("\x01"), "\\x01");
}

}  // namespace
}  // namespace mbh::reports
