// vigil-emulator: one compiled library, on the host. Reads the recipe the zip ships
// (recipe.bin, CRC-checked) and runs the same runtime code the device runs, through the same
// calls as the facade (init, learn, set sensitivity, detect), so it prints the similarities
// the device computes. Signal files are parsed by the engine's loader, like every vigil command.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator_args.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil_core.h"

namespace fs = std::filesystem;

namespace {

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Builds a message from pieces. Why not operator+: GCC 12 reports a false -Wrestrict on
// `"literal" + std::to_string(n)` at -O3 (GCC bug 105329).
template <typename... Parts>
std::string cat(const Parts&... parts) {
    std::ostringstream s;
    (s << ... << parts);
    return s.str();
}

// The zip's top folder: the program lives in <top>/emulator/.
fs::path default_library_dir() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw Failure("cannot find where this program is (/proc/self/exe); give --library DIR");
    return self.parent_path().parent_path();
}

vigil_recipe read_recipe(const fs::path& dir) {
    const fs::path file = dir / "recipe.bin";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Failure(file.string() + ": cannot read (is " + dir.string() + " an unzipped Vigil library?)");
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() != VIGIL_RECIPE_ENCODED_SIZE && bytes.size() != VIGIL_RECIPE_ENCODED_SIZE_V1)
        throw Failure(cat(file.string(), ": ", bytes.size(), " bytes, expected ", VIGIL_RECIPE_ENCODED_SIZE));
    vigil_recipe r{};
    if (vigil_recipe_decode_sized(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &r) != VIGIL_OK)
        throw Failure(file.string() + ": corrupted or from another Vigil version (checksum or validation failed)");
    return r;
}

vigil::engine::dataset::Dataset load(const std::string& path, const vigil_recipe& r) {
    // Any non-empty file: emulating a single signal is a normal thing to do.
    auto result = vigil::engine::dataset::load_signal_file(path, r.axes, /*min_signals=*/1);
    if (!result.ok()) {
        const auto& e = *result.error;
        std::string where = e.file;
        if (e.line) where += cat(":", e.line);
        if (e.column) where += cat(":", e.column);
        throw Failure(cat(where, ": ", e.message, e.hint.empty() ? "" : " (", e.hint, e.hint.empty() ? "" : ")"));
    }
    if (result.dataset.length != r.length)
        throw Failure(cat(path, ": signals of ", result.dataset.length, " samples per axis, the library takes ", r.length,
                          " (", r.axes, " axes x ", r.length, " samples per line)"));
    return std::move(result.dataset);
}

std::string status_name(vigil_status s) {
    static const char* names[] = {"OK", "NOT_INITIALIZED", "LEARNING_IN_PROGRESS", "LEARNING_DONE", "BAD_ARGUMENT",
                                  "BAD_KNOWLEDGE"};
    return static_cast<unsigned>(s) < std::size(names) ? std::string(names[s]) : cat("status ", static_cast<int>(s));
}

int run(const vigil::emulator::EmulatorArgs& args) {
    const fs::path dir = args.library_dir.empty() ? default_library_dir() : fs::path(args.library_dir);
    const vigil_recipe recipe = read_recipe(dir);
    char id[32];
    std::snprintf(id, sizeof id, "vigil-%08x", static_cast<unsigned>(vigil_recipe_id(&recipe)));

    // The state as the library holds it: 8-byte aligned, the exact size.
    std::vector<uint64_t> state((vigil_model_state_size(&recipe) + 7) / 8);
    const size_t state_bytes = state.size() * 8;
    if (vigil_model_init(state.data(), state_bytes, &recipe) != VIGIL_OK) throw Failure("vigil_init failed");

    size_t learned = 0;
    vigil_status last = VIGIL_LEARNING_IN_PROGRESS;
    for (const auto& file : args.learn) {
        const auto data = load(file, recipe);
        for (size_t i = 0; i < data.signals; ++i) {
            last = vigil_model_learn(state.data(), data.row(i).data());
            if (last != VIGIL_LEARNING_IN_PROGRESS && last != VIGIL_LEARNING_DONE)
                throw Failure(cat(file, ":", data.source_lines[i], ": vigil_learn returned ", status_name(last)));
            ++learned;
        }
    }
    if (last != VIGIL_LEARNING_DONE)
        throw Failure(cat("learned ", learned, " signals; the library needs at least ", recipe.min_learn,
                          " before it can detect"));
    if (args.sensitivity && vigil_model_set_sensitivity(state.data(), *args.sensitivity) != VIGIL_OK)
        throw Failure(cat("vigil_set_sensitivity refused ", *args.sensitivity));

    // The output has the shape of `vigil emulate --json` (backend/cli/cmd_emulate.cpp), so
    // tools read both alike.
    nlohmann::json detected = nlohmann::json::array();
    size_t nominal = 0, anomalies = 0;
    for (const auto& file : args.detect) {
        const auto data = load(file, recipe);
        nlohmann::json signals = nlohmann::json::array();
        for (size_t i = 0; i < data.signals; ++i) {
            uint8_t similarity = 0;
            float exact = 0;
            vigil_status s = vigil_model_detect(state.data(), data.row(i).data(), &similarity);
            if (s == VIGIL_OK) s = vigil_model_similarity(state.data(), data.row(i).data(), &exact);
            if (s != VIGIL_OK) throw Failure(cat(file, ":", data.source_lines[i], ": vigil_detect returned ", status_name(s)));
            const bool anomaly = similarity < VIGIL_SIMILARITY_THRESHOLD;
            (anomaly ? anomalies : nominal)++;
            signals.push_back({{"line", data.source_lines[i]}, {"similarity", similarity}, {"exact", exact},
                               {"status", anomaly ? "anomaly" : "nominal"}});
        }
        detected.push_back({{"file", file}, {"signals", std::move(signals)}});
    }
    if (args.json) {
        nlohmann::json out = {{"library", id},          {"min_learn", recipe.min_learn},
                              {"learn_count", learned}, {"sensitivity", vigil_model_get_sensitivity(state.data())},
                              {"detected", detected},   {"nominal", nominal},
                              {"anomalies", anomalies}};
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::printf("library: %s (min_learn %u), sensitivity %g, %zu learn call(s)\n", id, unsigned{recipe.min_learn},
                static_cast<double>(vigil_model_get_sensitivity(state.data())), learned);
    for (const auto& d : detected)
        for (const auto& s : d["signals"])
            std::printf("%s:%llu: %-7s similarity %u\n", d["file"].get<std::string>().c_str(),
                        s["line"].get<unsigned long long>(), s["status"].get<std::string>().c_str(),
                        s["similarity"].get<unsigned>());
    std::printf("%zu nominal, %zu anomalies\n", nominal, anomalies);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto args = vigil::emulator::parse_emulator_args(std::vector<std::string>(argv + 1, argv + argc));
        if (args.help) {
            std::fputs(vigil::emulator::kEmulatorUsage, stdout);
            return 0;
        }
        return run(args);
    } catch (const vigil::emulator::ArgsError& e) {
        std::fprintf(stderr, "vigil-emulator: %s\n\n%s", e.what(), vigil::emulator::kEmulatorUsage);
        return 64;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vigil-emulator: %s\n", e.what());
        return 1;
    }
}
