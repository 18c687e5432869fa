// The data selection works on: groups of signals, each a regular file and an abnormal file
// (a Dataset each) with the rows selection may use. Several groups = several machines or
// operating conditions; every indicator is averaged over groups.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vigil/engine/dataset/dataset.hpp"

namespace vigil::engine::selection {

struct SignalFile {
    std::string path;                                  // for reports (file and line)
    std::shared_ptr<const dataset::Dataset> data;
    std::vector<uint32_t> rows;                        // usable rows, ascending (file order)
};

struct SignalGroup {
    std::string name;
    SignalFile regular;
    SignalFile abnormal;  // may have no rows: the group then scores on its regular signals only
};

// A SignalFile using every row of `data`.
SignalFile whole_file(std::string path, std::shared_ptr<const dataset::Dataset> data);

// Throws std::invalid_argument naming the group and file if shapes differ between files or
// groups, rows are out of range / unsorted / repeated, or a regular file has fewer than 2 rows.
void validate_groups(const std::vector<SignalGroup>& groups);

}  // namespace vigil::engine::selection
