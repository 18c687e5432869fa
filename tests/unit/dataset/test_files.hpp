// Helpers for the dataset tests: small signal files written to a fresh temporary folder.
#pragma once

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "vigil/engine/dataset/check_report.hpp"

namespace vigil_test {

namespace fs = std::filesystem;
using Signals = std::vector<std::vector<float>>;  // one row per signal, axes interleaved

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "vigil-dataset-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        const fs::path p = path_ / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// "0.1 0.2 ..." lines with values that vary from line to line; `n` lines of `values` values.
inline std::string numbered_lines(size_t n, size_t values, const std::string& sep = " ", const std::string& eol = "\n") {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < values; ++j) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3f", double((i * 7 + j * 3) % 11) * 0.1 - 0.5);
            if (j) out.append(sep);
            out.append(buf);
        }
        out += eol;
    }
    return out;
}

inline std::string to_text(const Signals& s, const std::string& sep = " ") {
    std::string out;
    for (const auto& row : s) {
        for (size_t j = 0; j < row.size(); ++j) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", double(row[j]));
            if (j) out.append(sep);
            out.append(buf);
        }
        out += "\n";
    }
    return out;
}

// Gaussian noise signals: the "clean" baseline no check should warn about.
inline Signals noise(size_t signals, size_t length, size_t axes, unsigned seed = 1) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    Signals s(signals, std::vector<float>(length * axes));
    for (auto& row : s)
        for (auto& v : row) v = n(rng);
    return s;
}

inline vigil::engine::dataset::CheckReport check_text(const TempDir& dir, const std::string& text, size_t axes,
                                                      std::optional<double> rate = std::nullopt,
                                                      const std::string& name = "signals.csv") {
    vigil::engine::dataset::CheckOptions options;
    options.rate_hz = rate;
    return vigil::engine::dataset::check_file(dir.write(name, text), axes, options);
}

inline std::vector<std::string> kinds(const std::vector<vigil::engine::dataset::Issue>& issues) {
    std::vector<std::string> k;
    for (const auto& i : issues) k.push_back(i.kind);
    return k;
}

inline const vigil::engine::dataset::Issue* find_kind(const std::vector<vigil::engine::dataset::Issue>& issues,
                                                      const std::string& kind) {
    for (const auto& i : issues)
        if (i.kind == kind) return &i;
    return nullptr;
}

}  // namespace vigil_test
