#pragma once
// A frame in the HTML report: its bytes in hex, 16 a line with their offset when there are
// more, the bytes at fault inside <mark> (hover shows why), and a legend that says in words
// which bytes are marked and why, since a printed page has no hover.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "reports/frame_marks.hpp"

namespace mbh::reports {

// <code class="hex">...</code>; marks that overlap an earlier one are cut to where it ends.
std::string hex_html(std::span<const std::byte> frame, const std::vector<ByteMark>& marks);

// <ul class="legend"> with one item a mark ("bytes 0-1: transaction id 13 ..."), or "" when
// there are none.
std::string marks_legend_html(const std::vector<ByteMark>& marks);

}  // namespace mbh::reports
