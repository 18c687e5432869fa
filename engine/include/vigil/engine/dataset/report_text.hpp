// The terminal form of a check report: compiler-style "file:line:column: error: ..." lines
// (editors and terminals make them clickable), then a short statistics table.
#pragma once

#include <string>

#include "vigil/engine/dataset/check_report.hpp"

namespace vigil::engine::dataset {

// `colour`: ANSI colours, only for a terminal (the caller decides with isatty).
std::string report_to_text(const CheckReport& report, bool colour);

}  // namespace vigil::engine::dataset
