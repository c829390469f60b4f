#include "reports/html_frame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "harness/exchange/frame_hex.hpp"
#include "reports/safe_text.hpp"

namespace mbh::reports {
namespace {

constexpr std::size_t kBytesPerLine = 16;

struct Span {
  std::size_t begin;
  std::size_t end;
  const ByteMark* mark;
};

// The marks as disjoint byte ranges in frame order; width-0 marks (bytes missing) have no
// byte to hold and are only in the legend.
std::vector<Span> spans_of(const std::vector<ByteMark>& marks, std::size_t size) {
  std::vector<Span> spans;
  for (const auto& mark : marks) {
    if (mark.width > 0 && mark.offset < size) {
      spans.push_back({mark.offset, std::min(size, mark.offset + mark.width), &mark});
    }
  }
  std::ranges::sort(spans, {}, &Span::begin);
  std::size_t reached = 0;
  std::vector<Span> disjoint;
  for (Span span : spans) {
    span.begin = std::max(span.begin, reached);
    if (span.begin >= span.end) continue;
    reached = span.end;
    disjoint.push_back(span);
  }
  return disjoint;
}

std::string range_text(const ByteMark& mark) {
  if (mark.width == 0) return fmt::format("from byte {}: missing", mark.offset);
  if (mark.width == 1) return fmt::format("byte {}", mark.offset);
  return fmt::format("bytes {}-{}", mark.offset, mark.offset + mark.width - 1);
}

}  // namespace

std::string hex_html(std::span<const std::byte> frame, const std::vector<ByteMark>& marks) {
  const std::vector<Span> spans = spans_of(marks, frame.size());
  const bool offsets = frame.size() > kBytesPerLine;
  std::string out = "<code class=\"hex\">";
  auto next = spans.begin();
  for (std::size_t i = 0; i < frame.size(); ++i) {
    const bool line_start = i % kBytesPerLine == 0;
    if (line_start && i > 0) out += '\n';
    if (line_start && offsets) out += fmt::format("{:>4}  ", i);
    if (!line_start) out += ' ';  // inside a mark when the mark goes on: one run, one <mark>
    while (next != spans.end() && next->end <= i)
      ++next;
    const bool marked = next != spans.end() && next->begin <= i;
    if (marked && (i == next->begin || line_start)) {
      out += fmt::format("<mark title=\"{}\">", xml_escaped(next->mark->why));
    }
    out += exchange::hex_spaced(frame.subspan(i, 1));
    if (marked && (i + 1 == next->end || (i + 1) % kBytesPerLine == 0)) out += "</mark>";
  }
  return out + "</code>";
}

std::string marks_legend_html(const std::vector<ByteMark>& marks) {
  if (marks.empty()) return "";
  std::string out = "<ul class=\"legend\">";
  for (const auto& mark : marks) {
    out += fmt::format("<li>{}: {}</li>",
                       mark.width == 0 ? range_text(mark) : "<mark>" + range_text(mark) + "</mark>",
                       xml_escaped(mark.why));
  }
  return out + "</ul>";
}

}  // namespace mbh::reports
