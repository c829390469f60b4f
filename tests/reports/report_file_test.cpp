#include "reports/report_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mbh::reports {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReportFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mbh-report-file-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ReportFile, WritesAndReplacesLeavingNoTemporary) {
  const auto path = (dir_ / "report.json").string();
  write_report_file(path, "first, longer contents");
  write_report_file(path, "second");
  EXPECT_EQ(read(path), "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(ReportFile, MissingDirectoryThrowsNamingThePath) {
  const auto path = (dir_ / "no-such-dir" / "report.xml").string();
  try {
    write_report_file(path, "x");
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr(path));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("No such file or directory"));
  }
}

TEST_F(ReportFile, DirectoryThrows) {
  EXPECT_THROW(write_report_file(dir_.string(), "x"), std::runtime_error);
  EXPECT_THROW(write_report_file("", "x"), std::runtime_error);
}

}  // namespace
}  // namespace mbh::reports
