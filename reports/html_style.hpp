#pragma once
// The HTML report's style sheet, inlined in its <head>: the page fetches nothing (no fonts,
// no images, no script), so it opens the same on an air-gapped commissioning laptop, in a CI
// artefact viewer and on paper. Light colours only; statuses are words, not colour alone, and
// the print rules keep a failure on one page and the marked bytes visible in black and white.
#include <string_view>

namespace mbh::reports {

std::string_view html_style();

}  // namespace mbh::reports
