// Files embedded in the engine at build time (engine/src/packaging/embed_files.cmake): the
// device runtime's sources and headers ("runtime/src/core.c", "runtime/include/vigil.h") and
// the library templates ("templates/README.md"). A compiled library ships exactly the runtime
// this engine benchmarks, wherever the source tree is (or is not) at run time.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vigil::engine::packaging {

struct EmbeddedFile {
    std::string_view name;     // "runtime/src/core.c"
    std::string_view content;  // the file's exact bytes
};

// Sorted by name.
std::span<const EmbeddedFile> embedded_files();
std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace vigil::engine::packaging
