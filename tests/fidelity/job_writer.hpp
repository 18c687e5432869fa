// Builds harness job files (format: probes/harness/harness.h, docs/targets.md) from a list of
// recipe specs, with deterministic synthetic signals, so the host and every core run on the
// very same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

extern "C" {
#include "vigil_recipe.h"
}

namespace vigil::fidelity {

struct JobSpec {
    std::string name;        // first token of the line, for reports
    std::string family_name; // as written in the list (== the family module's name)
    vigil_recipe recipe{};
    uint32_t learn = 10;
    uint32_t detect = 6;
    bool has_sensitivity = false;
    float sensitivity = 1.0f;
    bool knowledge = true;
};

// Parses a recipe list: one job per line, `name key=value ...`, '#' comments. Throws
// std::runtime_error("file:line:col: message") on bad input.
std::vector<JobSpec> parse_job_specs(const std::string &text, const std::string &file);

// Serialises the jobs with their signals (learn: normal; detect: first half normal, second
// half anomalous). Deterministic: same specs -> same bytes on every machine.
std::vector<uint8_t> build_job_file(const std::vector<JobSpec> &jobs);

// A C header selecting recipe VIGIL_PROBE_INDEX as `static const vigil_recipe
// vigil_probe_recipe` (+ its initializer VIGIL_PROBE_RECIPE_INIT, VIGIL_PROBE_NAME and
// VIGIL_PROBE_FAMILY_OPS), for firmware that bakes a recipe into flash.
std::string recipes_c_header(const std::vector<JobSpec> &jobs);

} // namespace vigil::fidelity
