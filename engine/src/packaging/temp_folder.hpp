// A private temporary folder removed with everything in it when it goes out of scope, so a
// failed compile leaves nothing behind.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace vigil::engine::packaging {

class TempFolder {
public:
    explicit TempFolder(const std::filesystem::path& parent, const std::string& prefix) {
        std::string pattern = (parent / (prefix + "XXXXXX")).string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder in " + parent.string());
        path_ = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace vigil::engine::packaging
