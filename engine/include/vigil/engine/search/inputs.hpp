// The files of a benchmark: each regular/abnormal couple is one group of signals. Every file is
// loaded and checked (the `vigil check` path) before anything starts; the content hashes are
// recorded so `--resume` can refuse files that changed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/engine/dataset/check_report.hpp"
#include "vigil/engine/selection/signal_groups.hpp"

namespace vigil::engine::search {

struct InputGroup {
    std::string regular;
    std::string abnormal;
};

struct LoadedInputs {
    std::vector<dataset::CheckReport> reports;  // regular, abnormal, regular, ... (datasets moved out)
    std::optional<size_t> blocking;             // index in `reports` of the first file with an error
    std::vector<selection::SignalGroup> groups; // empty when `blocking` is set
    nlohmann::json json;                        // [{"regular":{"path","sha256"},"abnormal":{...}}, ...]
};

// Loads and checks every file, stopping at the first blocking error. Paths are made absolute
// in `json` so a resume works from any folder.
LoadedInputs load_inputs(const std::vector<InputGroup>& files, size_t axes, std::optional<double> rate_hz);

// The groups recorded in an inputs document (for `--resume ID` without files).
std::vector<InputGroup> groups_of(const nlohmann::json& inputs);

// Throws std::runtime_error naming the first file whose path or content differs between what a
// benchmark recorded and what is given now.
void verify_same_inputs(const nlohmann::json& recorded, const nlohmann::json& now, int64_t benchmark);

}  // namespace vigil::engine::search
