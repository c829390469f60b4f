// The journal's lines read back as written; what is pending folds as the events say; a file
// cut at any byte of its last line restores everything before it; anything else is refused
// as not a journal.
#include "harness/journal/journal_record.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mbh::journal {
namespace {

JournalHeader header() {
  return {"0.1.0", "conform", "conext-ags", "127.0.0.1:5020", 50, "2026-12-06T14:00:00Z"};
}

RegisterKey key(std::uint16_t address) {
  return {"127.0.0.1:5020", 50, models::Space::kHolding, address};
}

JournalRegister entry(std::uint16_t address, std::vector<std::uint16_t> original) {
  JournalRegister e;
  e.key = key(address);
  e.name = "Register " + std::to_string(address);
  e.safety = "setting";
  e.registers = static_cast<std::uint16_t>(original.size());
  e.original = std::move(original);
  e.multiple = e.registers > 1;
  e.read_at = 1'796'000'000;
  return e;
}

TEST(JournalRecord, AnOriginalLineReadsBackAsWritten) {
  JournalRegister e = entry(116, {0, 5000});
  e.kind = RestoreKind::kCommand;
  e.no_command = 0;
  e.sequence = Sequence{4000, 4001, 4000};
  e.read_only = true;
  e.name = "Name with \"quotes\" and \\ and ü";
  const auto state = read_journal(header_line(header()) + original_line(e));
  ASSERT_TRUE(state) << state.error();
  ASSERT_EQ(state.value().pending.size(), 1U);
  EXPECT_EQ(state.value().pending[0], e);
  EXPECT_EQ(state.value().runs.at(0), header());
}

TEST(JournalRecord, RestoredRegistersAreNoLongerPending) {
  std::string text = header_line(header()) + original_line(entry(1, {7})) +
                     original_line(entry(2, {8})) +
                     written_line(key(1), std::vector<std::uint16_t>{9}) +
                     restored_line(key(2), "written back") + end_line();
  const auto state = read_journal(text);
  ASSERT_TRUE(state) << state.error();
  ASSERT_EQ(state.value().pending.size(), 1U);
  EXPECT_EQ(state.value().pending[0].key.address, 1);
  EXPECT_EQ(state.value().pending[0].written, std::vector<std::uint16_t>{9});
  EXPECT_TRUE(state.value().ended);
  EXPECT_EQ(state.value().registers_journalled, 2U);
}

TEST(JournalRecord, TheFirstOriginalIsTheOneToRestore) {
  const auto state = read_journal(header_line(header()) + original_line(entry(1, {7})) +
                                  original_line(entry(1, {9})));
  ASSERT_TRUE(state);
  ASSERT_EQ(state.value().pending.size(), 1U);
  EXPECT_EQ(state.value().pending[0].original, std::vector<std::uint16_t>{7});
}

TEST(JournalRecord, ANotRestoredLineKeepsTheRegisterPending) {
  const auto state = read_journal(header_line(header()) + original_line(entry(1, {7})) +
                                  not_restored_line(key(1), "refused"));
  ASSERT_TRUE(state);
  EXPECT_EQ(state.value().pending.size(), 1U);
}

TEST(JournalRecord, ASequenceIsOpenUntilClosed) {
  const Sequence s{4000, 4001, std::nullopt};
  const std::string open = header_line(header()) + sequence_open_line("127.0.0.1:5020", 1, s);
  const auto opened = read_journal(open);
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened.value().open_sequences.size(), 1U);
  EXPECT_EQ(opened.value().open_sequences[0].sequence, s);
  const auto closed = read_journal(open + sequence_closed_line("127.0.0.1:5020", 1, s, true));
  ASSERT_TRUE(closed);
  EXPECT_TRUE(closed.value().open_sequences.empty());
}

// The machine died while the last line was written: each cut leaves what came before intact.
TEST(JournalRecord, ALastLineCutAtAnyByteIsIgnored) {
  const std::string before =
      header_line(header()) + original_line(entry(1, {7})) + original_line(entry(2, {8}));
  const std::string last = restored_line(key(1), "written back and read back");
  for (std::size_t cut = 0; cut < last.size(); ++cut) {
    const auto state = read_journal(before + last.substr(0, cut));
    ASSERT_TRUE(state) << "cut at " << cut << ": " << state.error();
    EXPECT_EQ(state.value().pending.size(), 2U) << "cut at " << cut;
    EXPECT_EQ(state.value().last_line_cut, cut > 0) << "cut at " << cut;
    EXPECT_EQ(state.value().damaged_lines, 0U);
  }
  const auto whole = read_journal(before + last);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole.value().pending.size(), 1U);
}

TEST(JournalRecord, AnOriginalCutShortIsNotPending) {
  const std::string before = header_line(header());
  const std::string last = original_line(entry(1, {7}));
  for (std::size_t cut = 0; cut < last.size(); ++cut) {
    const auto state = read_journal(before + last.substr(0, cut));
    ASSERT_TRUE(state) << "cut at " << cut;
    EXPECT_TRUE(state.value().pending.empty()) << "cut at " << cut;
  }
}

// A run that died mid-line, then another appended after ending the line: that line is skipped.
TEST(JournalRecord, ADamagedLineInsideIsSkippedAndCounted) {
  const std::string text = header_line(header()) + original_line(entry(1, {7})).substr(0, 30) +
                           "\n" + header_line(header()) + original_line(entry(2, {8}));
  const auto state = read_journal(text);
  ASSERT_TRUE(state) << state.error();
  EXPECT_EQ(state.value().damaged_lines, 1U);
  EXPECT_EQ(state.value().runs.size(), 2U);
  ASSERT_EQ(state.value().pending.size(), 1U);
  EXPECT_EQ(state.value().pending[0].key.address, 2);
}

TEST(JournalRecord, WhatIsNotAJournalIsRefusedSayingSo) {
  for (const std::string& text :
       {std::string(""), std::string("hello\n"), std::string("{\"journal\":\"other\"}\n"),
        std::string("{\"event\":\"end\"}\n"), header_line(header()).substr(0, 20),
        std::string("\x00\x01\x02", 3)}) {
    const auto state = read_journal(text);
    ASSERT_FALSE(state) << text;
    EXPECT_NE(state.error().find("not an mbharness write journal"), std::string::npos)
        << state.error();
  }
}

TEST(JournalRecord, AnotherVersionIsRefusedNamingIt) {
  std::string line = header_line(header());
  line.replace(line.find("\"version\":1"), 11, "\"version\":7");
  const auto state = read_journal(line);
  ASSERT_FALSE(state);
  EXPECT_NE(state.error().find("version 7"), std::string::npos) << state.error();
}

TEST(JournalRecord, ARecordWithAWrongFieldIsDamagedNotTrusted) {
  std::string bad = original_line(entry(1, {7}));
  bad.replace(bad.find("\"original\":[7]"), 14, "\"original\":[70000]");
  const auto state = read_journal(header_line(header()) + bad);
  ASSERT_TRUE(state);
  EXPECT_EQ(state.value().damaged_lines, 1U);
  EXPECT_TRUE(state.value().pending.empty());
}

}  // namespace
}  // namespace mbh::journal
