// The JSON result of a benchmark (schema: docs/bench.md), built from the driver's state.
// Internal to engine/src/search.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "search_driver.hpp"
#include "vigil/engine/selection/footprint.hpp"
#include "vigil/engine/selection/held_out.hpp"

namespace vigil::engine::search {

struct ResultInputs {
    int64_t id = 0;
    std::string state;
    uint64_t seed = 0;
    unsigned jobs = 1;
    size_t top = 20;
    size_t space_generated = 0, space_filtered_by_ram = 0, space_filtered_by_flash = 0, space_candidates = 0;
    double elapsed_s = 0;
    size_t evaluated_this_session = 0;
    selection::Core core = selection::Core::m4;
    uint32_t max_splits = 0;
};

// `complete`: the learning curve and the held-out check run only for a finished search, so a
// stop request is honoured within a second; a stopped result has them null.
nlohmann::json build_result(const SearchDriver& driver, const selection::Evaluator& evaluator,
                            const selection::HeldOutSplit& held_out, const selection::HeldOutOptions& held_out_options,
                            bool complete, const ResultInputs& r);

nlohmann::json indicators_json(const selection::Indicators& ind);

}  // namespace vigil::engine::search
