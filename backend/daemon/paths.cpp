#include "paths.hpp"

#include "rpc_error.hpp"

namespace vigil::daemon {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& path, const fs::path& folder) {
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
        if (f->empty()) continue;  // a trailing separator
        if (p == path.end() || *p != *f) return false;
    }
    return true;
}

fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : r;
}

RpcError not_allowed(const std::string& parameter, const std::string& path, const std::string& why) {
    return RpcError(ErrorCode::path_not_allowed, "'" + parameter + "': " + path + " " + why,
                    {{"parameter", parameter}, {"path", path}});
}

}  // namespace

fs::path project_folder(const std::string& parameter, const std::string& folder, const std::vector<fs::path>& roots) {
    if (folder.empty()) throw invalid_params(parameter, "must not be empty");
    const fs::path p(folder);
    if (!p.is_absolute()) throw invalid_params(parameter, "must be an absolute path (got '" + folder + "')");
    const fs::path r = resolved(p);
    if (roots.empty()) return r;
    for (const auto& root : roots)
        if (inside(r, resolved(root))) return r;
    throw not_allowed(parameter, folder, "is outside the folders this daemon serves (vigild --root)");
}

fs::path opened_folder(const Connection& connection, const std::string& parameter, const std::string& folder) {
    if (folder.empty()) throw invalid_params(parameter, "must not be empty");
    const fs::path r = resolved(fs::path(folder));
    for (const auto& f : connection.folders())
        if (r == f) return r;
    throw not_allowed(parameter, folder, "is not a project opened in this session (call project/open first)");
}

fs::path confined_path(const Connection& connection, const std::string& parameter, const std::string& path,
                       const std::optional<fs::path>& base) {
    if (path.empty()) throw invalid_params(parameter, "must not be empty");
    fs::path p(path);
    if (p.is_relative()) {
        if (!base) throw invalid_params(parameter, "must be an absolute path, or give 'folder' (got '" + path + "')");
        p = *base / p;
    }
    const fs::path r = resolved(p);
    for (const auto& f : connection.folders())
        if (inside(r, f)) return r;
    throw not_allowed(parameter, path, "is outside the project folders opened in this session");
}

}  // namespace vigil::daemon
