#include "reports/html_style.hpp"

namespace mbh::reports {

std::string_view html_style() {
  return R"css(
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       color: #1b1b1b; background: #fff; margin: 0 auto; padding: 1em 1.5em; max-width: 80em; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid #ccc; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
h2 small, h3 small { font-weight: normal; color: #555; font-size: .85em; }
code, pre, .hex { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas,
                  monospace; font-size: .92em; }
pre { margin: .2em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .4em 0 1em; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.message, td.note { overflow-wrap: anywhere; }
table.checks { width: 100%; }
table.checks td:nth-child(3) { font-family: ui-monospace, "DejaVu Sans Mono", monospace;
                               font-size: .85em; overflow-wrap: anywhere; }
dl.params { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .6em 0; }
dl.params dt { font-weight: bold; }
dl.params dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-size: 1.3em; font-weight: bold; padding: .4em .7em; border: 3px solid;
           display: inline-block; margin: .3em 0; }
.verdict.pass { color: #0a6b2b; border-color: #0a6b2b; background: #eef8f0; }
.verdict.fail { color: #a4161a; border-color: #a4161a; background: #fdf0f0; }
.partial { border: 3px dashed #a4161a; background: #fff7e0; padding: .5em .8em; margin: .6em 0; }
.stops li { color: #a4161a; font-weight: bold; }
nav { margin: .8em 0; padding: .4em 0; border-top: 1px solid #ddd; border-bottom: 1px solid #ddd; }
nav a { margin-right: 1.2em; }
.badge { display: inline-block; min-width: 3.6em; text-align: center; font-weight: bold;
         font-size: .85em; border: 1px solid; border-radius: 3px; padding: 0 .3em; }
.s-fail .badge, .badge.s-fail { color: #a4161a; border-color: #a4161a; background: #fdf0f0; }
.s-warn .badge, .badge.s-warn { color: #7a4b00; border-color: #b8860b; background: #fff7e0; }
.s-pass .badge, .badge.s-pass { color: #0a6b2b; border-color: #0a6b2b; background: #eef8f0; }
.s-skip .badge, .badge.s-skip { color: #555; border-color: #999; background: #f6f6f6; }
.s-either .badge, .badge.s-either { color: #1d4f91; border-color: #1d4f91; background: #eef3fb; }
.s-xfail .badge, .badge.s-xfail { color: #6b4e00; border-color: #b8860b; background: #fbf6e6; }
.badge.s-xpass { color: #a4161a; border-color: #a4161a; background: #fdf0f0; }
tr.s-fail td, tr.s-warn td { background: #fffafa; }
article.failure { border: 1px solid #ccc; border-left: 6px solid #a4161a; padding: .3em 1em .6em;
                  margin: 1em 0; }
article.failure.s-warn { border-left-color: #b8860b; }
article.failure h3 { margin-top: .4em; }
article.failure dl { display: grid; grid-template-columns: 7em 1fr; gap: .3em .8em;
                     margin: .4em 0 0; }
article.failure dt { font-weight: bold; color: #444; }
article.failure dd { margin: 0; min-width: 0; }
.message { font-weight: 600; }
.decoded { overflow-wrap: anywhere; }
.hex { display: block; white-space: pre; overflow-x: auto; background: #f7f7f7;
       border: 1px solid #e2e2e2; padding: .2em .4em; margin-top: .2em; }
mark { background: #ffd54a; color: #000; font-weight: bold; text-decoration: underline;
       outline: 1px solid #8a6d00; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
ul.legend { margin: .3em 0 0; padding-left: 1.2em; font-size: .92em; }
.unmarked { color: #555; font-size: .92em; margin: .3em 0 0; }
.changed { color: #a4161a; font-weight: bold; }
footer { margin-top: 2em; color: #666; font-size: .85em; border-top: 1px solid #ddd;
         padding-top: .4em; }
@page { margin: 14mm; }
@media print {
  body { font-size: 9.5pt; max-width: none; padding: 0; color: #000; background: #fff; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  .hex { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; }
  article.failure, tr, .partial, .verdict, ul.legend, dl.params {
    break-inside: avoid; page-break-inside: avoid;
  }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  .badge, .verdict, .partial, mark { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)css";
}

}  // namespace mbh::reports
