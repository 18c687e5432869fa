// Names of the signal kinds (signal_kind.hpp).
#include "vigil/engine/selection/signal_kind.hpp"

#include <array>

namespace vigil::engine::selection {
namespace {
constexpr std::array<std::string_view, 6> kNames = {"generic", "vibration", "current", "acoustic", "spectrum", "process"};
}

std::string_view to_string(SignalKind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<SignalKind> parse_signal_kind(std::string_view text) {
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == text) return static_cast<SignalKind>(i);
    return std::nullopt;
}

std::span<const std::string_view> signal_kind_names() { return kNames; }

}  // namespace vigil::engine::selection
