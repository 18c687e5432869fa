#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::util {

std::string LocatedError::format(const std::string& file, uint64_t line, uint64_t column, const std::string& message) {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on chains of `+` here.
    std::string out = file;
    if (line) {
        out.append(":").append(std::to_string(line));
        if (column) out.append(":").append(std::to_string(column));
    }
    out.append(": error: ").append(message);
    return out;
}

}  // namespace vigil::engine::util
