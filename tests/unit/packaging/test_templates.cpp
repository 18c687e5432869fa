#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "template_fill.hpp"
#include "vigil/engine/packaging/embedded_files.hpp"

namespace pkg = vigil::engine::packaging;

TEST_CASE("fill_template replaces placeholders and keeps lone @", "[templates]") {
    CHECK(pkg::fill_template("t", "a @X@ b @Y_2@ mail@example.com @", {{"X", "1"}, {"Y_2", "two"}}) ==
          "a 1 b two mail@example.com @");
    CHECK_THROWS_WITH(pkg::fill_template("README.md", "@MISSING@", {}), Catch::Contains("README.md") && Catch::Contains("@MISSING@"));
}

TEST_CASE("the embedded runtime is byte-identical to the source tree", "[templates]") {
    namespace fs = std::filesystem;
    const fs::path root = VIGIL_SOURCE_DIR;
    size_t checked = 0;
    for (const char* sub : {"include", "src"}) {
        for (const auto& entry : fs::directory_iterator(root / "device_runtime" / sub)) {
            const auto ext = entry.path().extension();
            if (ext != ".c" && ext != ".h" && ext != ".hpp") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            const auto embedded = pkg::embedded_file(std::string("runtime/") + sub + "/" + entry.path().filename().string());
            INFO(entry.path());
            REQUIRE(embedded.has_value());
            CHECK(*embedded == text.str());
            ++checked;
        }
    }
    CHECK(checked > 20);
    CHECK(pkg::embedded_file("runtime/src/facade.c").has_value());
    CHECK(pkg::embedded_file("templates/README.md").has_value());
    CHECK(pkg::embedded_file("templates/main.c").has_value());
    CHECK_FALSE(pkg::embedded_file("runtime/src/nope.c").has_value());
}
