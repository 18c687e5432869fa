// `vigil synth` as users and scripts call it: the real binary, its exit codes and messages.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "temp_dir.hpp"

using synth_test::TempDir;
using synth_test::Run;
using synth_test::run_vigil;
using synth_test::read_all;


TEST_CASE("vigil synth rejects bad arguments with exit 64, naming the parameter, writing nothing") {
    TempDir dir;
    const std::string out = "--out '" + (dir.path() / "out").string() + "' ";
    struct Bad {
        std::string arguments;
        std::string named;
    };
    for (const Bad& bad : {
             Bad{"--axes 3", "--out"},
             Bad{out + "--axes 0", "--axes"},
             Bad{out + "--axes 17", "--axes"},
             Bad{out + "--axes three", "--axes"},
             Bad{out + "--rate 50", "--rate"},
             Bad{out + "--rate 1600Hz", "--rate"},
             Bad{out + "--length 4", "--length"},
             Bad{out + "--signals 0", "--signals"},
             Bad{out + "--abnormal-signals -3", "--abnormal-signals"},
             Bad{out + "--seed -1", "--seed"},
             Bad{out + "--machine pump", "--machine"},
             Bad{out + "--fault gearbox", "--fault"},
             Bad{out + "--severity 1.5", "--severity"},
             Bad{out + "--shaft-hz 500", "--shaft-hz"},
             Bad{out + "--machine current --rate 150", "--rate"},
             Bad{out + "--axes", "--axes"},
             Bad{out + "--bogus 1", "--bogus"},
             Bad{out + "stray", "stray"},
         }) {
        const Run r = run_vigil("synth " + bad.arguments);
        INFO("vigil synth " << bad.arguments << "\n" << r.output);
        CHECK(r.exit_code == 64);
        CHECK(r.output.find(bad.named) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
    }
}

TEST_CASE("vigil synth writes both files, reports its parameters, and is deterministic") {
    TempDir dir;
    const std::string a = (dir.path() / "a").string(), b = (dir.path() / "b").string(), c = (dir.path() / "c").string();
    const std::string common = " --axes 2 --rate 2000 --length 64 --signals 5 --abnormal-signals 4 --fault inner-race";
    const Run first = run_vigil("synth --out '" + a + "'" + common + " --seed 9 --json");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    const auto report = nlohmann::json::parse(first.output);
    CHECK(report["fault"] == "inner-race");
    CHECK(report["axes"] == 2);
    CHECK(report["signals"] == 5);
    CHECK(report["abnormal_signals"] == 4);
    CHECK(report["values_per_signal"] == 128);
    const double shaft = report["shaft_hz"];
    CHECK(report["bpfi_hz"].get<double>() == Approx(5.4152 * shaft).epsilon(1e-3));
    CHECK(report["bpfo_hz"].get<double>() == Approx(3.5848 * shaft).epsilon(1e-3));
    CHECK(report["resonance_hz"].get<double>() < 1000.0);  // below Nyquist
    CHECK(report["files"]["regular_bytes"] == read_all(dir.path() / "a" / "regular.csv").size());

    const std::string text = read_all(dir.path() / "a" / "abnormal.csv");
    CHECK(std::count(text.begin(), text.end(), '\n') == 4);

    REQUIRE(run_vigil("synth --out '" + b + "'" + common + " --seed 9").exit_code == 0);
    CHECK(read_all(dir.path() / "b" / "regular.csv") == read_all(dir.path() / "a" / "regular.csv"));
    CHECK(read_all(dir.path() / "b" / "abnormal.csv") == text);
    const Run other = run_vigil("synth --out '" + c + "'" + common + " --seed 10");
    REQUIRE(other.exit_code == 0);
    CHECK(other.output.find("BPFI") != std::string::npos);
    CHECK(read_all(dir.path() / "c" / "abnormal.csv") != text);
}

TEST_CASE("vigil synth --abnormal-signals defaults to --signals, and --help lists every option") {
    TempDir dir;
    const Run r = run_vigil("synth --out '" + dir.path().string() + "' --signals 3 --length 32 --machine current --json");
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.output)["abnormal_signals"] == 3);
    const Run help = run_vigil("synth --help");
    CHECK(help.exit_code == 0);
    for (const char* option : {"--out", "--axes", "--rate", "--length", "--signals", "--abnormal-signals", "--seed",
                               "--machine", "--fault", "--severity", "--json"})
        CHECK(help.output.find(option) != std::string::npos);
}

TEST_CASE("vigil synth fails cleanly when the folder cannot be written") {
    TempDir dir;
    const auto blocked = dir.path() / "file";
    std::ofstream(blocked) << "x";
    const Run r = run_vigil("synth --out '" + blocked.string() + "' --signals 2 --length 32");
    CHECK(r.exit_code != 0);
    CHECK(r.exit_code != 64);  // the call was right; the file system said no
    CHECK(r.output.find(blocked.string()) != std::string::npos);
}
