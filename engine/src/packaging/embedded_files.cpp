#include "vigil/engine/packaging/embedded_files.hpp"

#include <algorithm>

namespace vigil::engine::packaging {

std::optional<std::string_view> embedded_file(std::string_view name) {
    auto files = embedded_files();
    auto it = std::lower_bound(files.begin(), files.end(), name,
                               [](const EmbeddedFile& f, std::string_view n) { return f.name < n; });
    if (it == files.end() || it->name != name) return std::nullopt;
    return it->content;
}

}  // namespace vigil::engine::packaging
