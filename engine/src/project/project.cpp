#include "vigil/engine/project/project.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::project {

namespace fs = std::filesystem;

Project::Project(fs::path root, Settings settings) : root_(std::move(root)), settings_(std::move(settings)) {
    fs::create_directories(data_dir());
    store_ = std::make_unique<Store>(data_dir() / kStoreFile);
}

Project Project::create(const fs::path& dir, const Settings& settings) {
    const fs::path file = dir / kSettingsFile;
    if (fs::exists(file))
        throw std::runtime_error(file.string() + " already exists: this folder is a Vigil project (edit vigil.json to change its settings)");
    // Round-trip through the validator so a project is never created with settings that
    // opening it would refuse.
    Settings checked = from_json(to_json(settings), file.string());
    fs::create_directories(dir);
    util::write_file_atomically(file, to_json(checked).dump(2) + "\n");
    return Project(fs::absolute(dir), checked);
}

Project Project::open(const fs::path& dir) {
    const fs::path file = dir / kSettingsFile;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot read (is " + dir.string() + " a Vigil project? 'vigil init' makes one)");
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann reports a byte offset; turn it into line and column for the user.
        const std::string s = text.str();
        size_t line = 1, col = 1;
        for (size_t i = 0; i + 1 < e.byte && i < s.size(); ++i) {
            if (s[i] == '\n') { ++line; col = 1; } else { ++col; }
        }
        throw util::LocatedError(file.string(), line, col, std::string("not valid JSON: ") + e.what());
    }
    return Project(fs::absolute(dir), from_json(j, file.string()));
}

void Project::update(const Settings& settings) {
    const fs::path file = root_ / kSettingsFile;
    Settings checked = from_json(to_json(settings), file.string());
    util::write_file_atomically(file, to_json(checked).dump(2) + "\n");
    settings_ = std::move(checked);
}

}  // namespace vigil::engine::project
