// `vigil init DIR`: makes a project folder with vigil.json and the .vigil/ store.
#include <cstdio>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "vigil/engine/project/project.hpp"
#include "vigil/engine/selection/signal_kind.hpp"

namespace vigil::cli {

namespace proj = vigil::engine::project;

int cmd_init(const std::vector<std::string>& argv) {
    Args args("init",
              {
                  {"--name", true, false, "project name (default: the folder's name)", "NAME"},
                  {"--description", true, false, "a sentence about the machine and the sensor", "TEXT"},
                  {"--core", true, false, "target core: cortex-m0, cortex-m0plus, cortex-m3, cortex-m4 (default), cortex-m7, cortex-m33", "CORE"},
                  {"--board", true, false, "a board of the catalog (vigil boards): sets the core", "ID"},
                  {"--max-ram-kb", true, false, "RAM budget of the library in kB (default 16)", "KB"},
                  {"--max-flash-kb", true, false, "flash budget of the library in kB (optional)", "KB"},
                  {"--sensor", true, false, "accelerometer (default), gyroscope, magnetometer, current, microphone, generic", "TYPE"},
                  {"--kind", true, false, "what each line holds: generic (default: try everything), vibration, current, acoustic, spectrum, process", "K"},
                  {"--axes", true, false, "axes of the sensor (default: 3 for motion sensors, else 1)", "N"},
                  {"--rate", true, false, "sampling rate in Hz (optional)", "HZ"},
                  {"--json", false, false, "print the settings as JSON"},
              },
              argv);
    if (args.help_requested()) {
        std::fputs(args.usage("DIR [options]").c_str(), stdout);
        return 0;
    }
    args.expect_positionals(1, 1, "DIR (the project folder)");
    const std::filesystem::path dir = args.positionals()[0];

    proj::Settings s;
    s.name = args.value("--name").value_or(std::filesystem::absolute(dir).lexically_normal().filename().string());
    if (s.name.empty()) s.name = "vigil-project";
    s.description = args.value("--description").value_or("");
    if (auto c = args.value("--core")) {
        auto core = proj::parse_core(*c);
        if (!core) args.fail("--core: unknown core '" + *c + "' (accepted: cortex-m0, cortex-m0plus, cortex-m3, cortex-m4, cortex-m7, cortex-m33)");
        s.core = *core;
    }
    if (auto t = args.value("--sensor")) {
        auto type = proj::parse_sensor_type(*t);
        if (!type) args.fail("--sensor: unknown sensor type '" + *t + "' (accepted: accelerometer, gyroscope, magnetometer, current, microphone, generic)");
        s.sensor = *type;
    }
    if (auto k = args.value("--kind")) {
        nlohmann::json j = proj::to_json(s);
        j["sensor"]["kind"] = *k;
        try {
            s.kind = proj::from_json(j, "vigil.json").kind;  // the settings' own rule and message
        } catch (const proj::SettingsError& e) {
            args.fail("--kind: " + std::string(e.what()));
        }
    }
    s.axes = static_cast<uint32_t>(args.integer_or("--axes", 1, 16, proj::default_axes(s.sensor)));
    s.max_ram_kb = args.number("--max-ram-kb", 0.25, 1024 * 1024).value_or(16);
    s.max_flash_kb = args.number("--max-flash-kb", 1, 16 * 1024 * 1024);
    s.sampling_rate_hz = args.number("--rate", 1e-3, 1e7);

    if (auto b = args.value("--board")) {
        // The settings' own rules: the board must be in the catalog, and sets the core (which
        // must agree when --core is given too).
        nlohmann::json j = proj::to_json(s);
        j["board"] = *b;
        if (!args.value("--core")) j.erase("core");
        try {
            s = proj::from_json(j, "vigil.json");
        } catch (const proj::SettingsError& e) {
            args.fail((e.field == "board" ? "--board: " : "--core: ") + std::string(e.what()));
        }
    }

    auto project = proj::Project::create(dir, s);
    if (args.flag("--json")) {
        std::printf("%s\n", proj::to_json(project.settings()).dump(2).c_str());
    } else {
        std::printf("Vigil project '%s' made in %s\n  %s%s, RAM budget %g kB, %s with %u axis(es), kind %s\n",
                    project.settings().name.c_str(), project.root().c_str(),
                    s.board ? ("board " + *s.board + ", core ").c_str() : "core ",
                    std::string(proj::to_string(s.core)).c_str(), s.max_ram_kb,
                    std::string(proj::to_string(s.sensor)).c_str(), s.axes,
                    std::string(vigil::engine::selection::to_string(s.kind)).c_str());
    }
    return 0;
}

}  // namespace vigil::cli
