#include "vigil/engine/packaging/target.hpp"

#include "packaging_targets.hpp"
#include "vigil/engine/project/settings.hpp"

namespace vigil::engine::packaging {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// "cortex-m4", "m4", "M4" -> "cortex-m4" (the project settings' spelling), if we build it.
std::optional<std::string> canonical_core(std::string_view text) {
    auto core = project::parse_core(text);
    if (!core) return std::nullopt;
    std::string name(project::to_string(*core));
    for (const auto& row : generated::kTargets)
        if (row.core == name) return name;
    return std::nullopt;
}

}  // namespace

std::vector<std::string> accepted_cores() {
    std::vector<std::string> out;
    for (const auto& row : generated::kTargets)
        if (out.empty() || out.back() != row.core) out.emplace_back(row.core);
    return out;
}

std::vector<std::string> accepted_float_abis(std::string_view core) {
    std::vector<std::string> out;
    auto name = canonical_core(core);
    if (!name) return out;
    for (const auto& row : generated::kTargets)
        if (row.core == *name) out.emplace_back(row.float_abi);
    return out;
}

Target resolve_target(std::string_view core, std::optional<std::string_view> float_abi) {
    auto name = canonical_core(core);
    if (!name)
        throw TargetError("core", "unknown core '" + std::string(core) + "' (accepted: " + join(accepted_cores()) + ")");
    const auto abis = accepted_float_abis(*name);
    // Default: the best ABI the core has (hard float when it has an FPU: rows list soft first).
    const std::string abi = float_abi ? std::string(*float_abi) : abis.back();
    for (const auto& row : generated::kTargets) {
        if (row.core != *name || row.float_abi != abi) continue;
        Target t{*name, abi, std::string(row.fpu), std::string(row.machine), std::string(row.linker_script), {}};
        for (size_t pos = 0; pos < row.cpu_flags.size();) {
            size_t end = row.cpu_flags.find(' ', pos);
            if (end == std::string_view::npos) end = row.cpu_flags.size();
            if (end > pos) t.cpu_flags.emplace_back(row.cpu_flags.substr(pos, end - pos));
            pos = end + 1;
        }
        return t;
    }
    if (abi == "hard" && abis.size() == 1)
        throw TargetError("float_abi", "float ABI 'hard' needs an FPU and " + *name +
                                           " has none (accepted for " + *name + ": " + join(abis) + ")");
    throw TargetError("float_abi", "unknown float ABI '" + abi + "' for " + *name + " (accepted: " + join(abis) + ")");
}

std::vector<std::string> compile_flags(const Target& target) {
    std::vector<std::string> out = target.cpu_flags;
    for (auto f : generated::kRuntimeFlags) out.emplace_back(f);
    for (auto f : generated::kShipFlags) out.emplace_back(f);
    return out;
}

}  // namespace vigil::engine::packaging
