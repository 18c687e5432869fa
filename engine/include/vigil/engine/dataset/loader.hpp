// Loads a signal file (.csv or .txt) into a Dataset by streaming it through SignalParser in
// large blocks: memory holds the float32 matrix and one read buffer, never the text.
#pragma once

#include <optional>
#include <string>

#include "vigil/engine/dataset/dataset.hpp"
#include "vigil/engine/dataset/issue.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"

namespace vigil::engine::dataset {

struct LoadResult {
    Dataset dataset;              // empty when `error` is set
    TextFormat format;
    std::optional<Issue> error;   // the first blocking error, if any (parsing stops there)
    bool ok() const { return !error.has_value(); }
};

// Reads `path` with `axes` values per sample. Never throws for bad files: an unreadable,
// empty or malformed file, or one with fewer than `min_signals` signals, comes back as
// `error`. Throws std::invalid_argument if axes or min_signals is 0.
LoadResult load_signal_file(const std::string& path, size_t axes,
                            size_t min_signals = SignalParser::kMinSignals);

// The read block size: large enough that system calls cost nothing next to parsing.
inline constexpr size_t kReadBlockBytes = 1 << 20;

}  // namespace vigil::engine::dataset
