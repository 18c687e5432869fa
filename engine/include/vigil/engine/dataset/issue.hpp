// One finding about a signal file: a blocking error or a warning, with where it was seen.
// The `kind` codes are a stable, documented interface (docs/check.md): the daemon and the
// VS Code extension switch on them, so never rename one; add new ones instead.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::engine::dataset {

enum class Severity { error, warning };

struct Issue {
    Severity severity = Severity::error;
    std::string kind;      // stable snake_case code, e.g. "decimal_comma"
    std::string message;   // what is wrong, in one sentence
    std::string hint;      // how to fix it
    std::string file;      // the path as given by the caller
    uint64_t line = 0;     // 1-based; 0 when the finding concerns the whole file
    uint64_t column = 0;   // 1-based byte offset in the line (a BOM is not counted); 0: whole line
    std::vector<uint64_t> lines;  // warnings: the lines involved (bounded, worst first)
};

// At most this many lines are listed in one warning: the report stays readable and bounded
// even when every line of a million-line file is involved (the message gives the total).
inline constexpr size_t kMaxListedLines = 20;

}  // namespace vigil::engine::dataset
