// `vigil check` run as a process: exit codes 0/1/2/64, compiler-style positions, valid JSON.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code;
    std::string out;  // stdout and stderr
};

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run run(const std::string& args) {
    const std::string cmd = quoted(VIGIL_BINARY) + " " + args + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct Files {
    fs::path dir;
    Files() {
        std::string tmpl = (fs::temp_directory_path() / "vigil-cli-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()));
        dir = tmpl;
    }
    ~Files() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    }
};

// `signals` lines of Gaussian noise, `values` per line.
std::string noise(size_t signals, size_t values) {
    std::mt19937 rng(5);
    std::normal_distribution<float> n;
    std::string s;
    for (size_t i = 0; i < signals; ++i) {
        for (size_t j = 0; j < values; ++j) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%s%.5g", j ? " " : "", double(n(rng)));
            s += buf;
        }
        s += "\n";
    }
    return s;
}

}  // namespace

TEST_CASE("a clean file exits 0") {
    Files f;
    const auto r = run("check " + quoted(f.write("good.csv", noise(64, 48))) + " --axes 3");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("64 signals x 3 axes x 16 samples") != std::string::npos);
    CHECK(r.out.find("\033[") == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("a file with warnings only exits 1") {
    Files f;
    const auto r = run("check " + quoted(f.write("few.txt", noise(30, 16))) + " --axes 1");
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("[few_signals]") != std::string::npos);
}

TEST_CASE("a blocking error exits 2 and names file:line:column") {
    Files f;
    const std::string path = f.write("bad.csv", noise(3, 4) + "1 2 3,5 4\n");
    const auto r = run("check " + quoted(path) + " --axes 1");
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find(path + ":4:6: error:") != std::string::npos);
    CHECK(r.out.find("[decimal_comma]") != std::string::npos);
}

TEST_CASE("the --json report follows the documented schema, for good and bad files") {
    Files f;
    const auto good = run("check " + quoted(f.write("good.csv", noise(64, 48))) + " --axes 3 --rate 100 --json");
    REQUIRE(good.exit_code == 0);
    const auto j = nlohmann::json::parse(good.out);
    CHECK(j["schema"] == "vigil.check/1");
    CHECK(j["status"] == "ok");
    CHECK(j["stats"]["axes"].size() == 3);
    CHECK(j["stats"]["axes"][2]["spectrum"]["unit"] == "Hz");

    const auto bad = run("check " + quoted(f.write("bad.csv", "1 2\n1 nan\n")) + " --axes 1 --json");
    REQUIRE(bad.exit_code == 2);
    const auto e = nlohmann::json::parse(bad.out);
    CHECK(e["errors"][0]["kind"] == "non_finite");
    CHECK(e["errors"][0]["line"] == 2);
    CHECK(e["errors"][0]["column"] == 3);
}

TEST_CASE("wrong arguments exit 64 with a message naming the parameter") {
    Files f;
    const std::string file = quoted(f.write("good.csv", noise(64, 48)));
    auto r = run("check " + file);
    CHECK(r.exit_code == 64);
    CHECK(r.out.find("--axes") != std::string::npos);
    r = run("check " + file + " --axes three");
    CHECK(r.exit_code == 64);
    CHECK(r.out.find("--axes must be an integer") != std::string::npos);
    r = run("check " + file + " --axes 3 --rate -5");
    CHECK(r.exit_code == 64);
    CHECK(r.out.find("--rate must be a number") != std::string::npos);
    r = run("check " + file + " --axes 3 --colour");
    CHECK(r.exit_code == 64);
    CHECK(r.out.find("unknown option '--colour'") != std::string::npos);
    r = run("check --axes 3");
    CHECK(r.exit_code == 64);
    CHECK(r.out.find("missing FILE") != std::string::npos);
}

TEST_CASE("an unreadable file is a blocking error, not a usage error") {
    const auto r = run("check /nonexistent/signals.csv --axes 1");
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("[unreadable_file]") != std::string::npos);
}

TEST_CASE("check --kind: the kind suggestion says when the data disagrees, never changes the exit code") {
    Files f;
    // Non-negative lines decaying with index, smooth from bin to bin: spectra.
    std::string spectra;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.8, 1.2);
    for (int line = 0; line < 64; ++line) {
        for (int k = 1; k <= 64; ++k) {
            char buf[32];
            const double peak = (k >= 10 && k <= 12) ? 5.0 : 0.0;
            std::snprintf(buf, sizeof buf, "%s%.5g", k > 1 ? " " : "", (1.0 / k + 0.05 + peak / (1 + std::abs(k - 11))) * u(rng));
            spectra += buf;
        }
        spectra += "\n";
    }
    const std::string file = quoted(f.write("spectra.csv", spectra));
    const auto plain = run("check " + file + " --axes 1 --json");
    REQUIRE(plain.exit_code == 0);
    const auto j = nlohmann::json::parse(plain.out);
    CHECK(j["kind_suggestion"]["kind"] == "spectrum");
    CHECK(j["kind_suggestion"]["project_kind"].is_null());
    const auto told = run("check " + file + " --axes 1 --kind vibration");
    CHECK(told.exit_code == 0);  // informational
    CHECK(told.out.find("kind: looks like spectrum") != std::string::npos);
    CHECK(told.out.find("sensor.kind = vibration") != std::string::npos);
    const auto bad = run("check " + file + " --axes 1 --kind thermal");
    CHECK(bad.exit_code == 64);
    CHECK(bad.out.find("--kind") != std::string::npos);
    CHECK(bad.out.find("spectrum, process") != std::string::npos);
}
