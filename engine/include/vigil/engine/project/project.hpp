// A Vigil project: a folder the user owns with `vigil.json` (settings) at its root and
// `.vigil/` holding the store and built artifacts (DESIGN.md, principle 6).
#pragma once

#include <filesystem>
#include <memory>

#include "vigil/engine/project/settings.hpp"
#include "vigil/engine/project/store.hpp"

namespace vigil::engine::project {

class Project {
public:
    static constexpr const char* kSettingsFile = "vigil.json";
    static constexpr const char* kDataDir = ".vigil";
    static constexpr const char* kStoreFile = "vigil.db";

    // Makes a new project in `dir` (created if needed). Refuses a folder that already holds a
    // vigil.json, so an existing project is never overwritten.
    static Project create(const std::filesystem::path& dir, const Settings& settings);
    // Opens an existing project; SettingsError names the field of a bad vigil.json.
    static Project open(const std::filesystem::path& dir);

    const std::filesystem::path& root() const { return root_; }
    const Settings& settings() const { return settings_; }
    // Validates and writes new settings to vigil.json atomically (SettingsError names the field).
    void update(const Settings& settings);
    Store& store() { return *store_; }
    std::filesystem::path data_dir() const { return root_ / kDataDir; }

private:
    Project(std::filesystem::path root, Settings settings);
    std::filesystem::path root_;
    Settings settings_;
    std::unique_ptr<Store> store_;
};

}  // namespace vigil::engine::project
