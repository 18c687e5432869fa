#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "vigil/engine/packaging/zip_writer.hpp"
#include "zip_reader.hpp"

namespace pkg = vigil::engine::packaging;

TEST_CASE("crc32_of matches the standard check value", "[zip]") {
    CHECK(pkg::crc32_of("123456789") == 0xCBF43926u);
    CHECK(pkg::crc32_of("") == 0u);
}

TEST_CASE("write_zip: entries come back sorted, intact, with fixed time and modes", "[zip]") {
    std::string big(100000, 'a');  // compressible: deflated
    std::string noise;
    uint32_t x = 1;
    for (int i = 0; i < 5000; ++i) {  // incompressible: stored
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        noise.push_back(static_cast<char>(x));
    }
    const std::string zip = pkg::write_zip({{"lib/b.txt", big, false},
                                            {"lib/a.bin", noise, false},
                                            {"lib/run", "#!/bin/sh\n", true},
                                            {"lib/empty", "", false}});
    const auto entries = zip_test::read_zip(zip);
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].name == "lib/a.bin");
    CHECK(entries[1].name == "lib/b.txt");
    CHECK(entries[2].name == "lib/empty");
    CHECK(entries[3].name == "lib/run");
    CHECK(entries[0].content == noise);
    CHECK(entries[0].method == 0);
    CHECK(entries[1].content == big);
    CHECK(entries[1].method == 8);
    CHECK(entries[2].content.empty());
    CHECK(entries[3].mode == 0100755u);
    CHECK(entries[0].mode == 0100644u);
    for (const auto& e : entries) {
        CHECK(e.time == 0);
        CHECK(e.date == ((1 << 5) | 1));  // 1980-01-01
    }
    CHECK(zip.size() < big.size() / 10);
}

TEST_CASE("write_zip is deterministic whatever the input order", "[zip]") {
    const auto one = pkg::write_zip({{"x/1", "one", false}, {"x/2", "two", true}});
    const auto two = pkg::write_zip({{"x/2", "two", true}, {"x/1", "one", false}});
    CHECK(one == two);
}

TEST_CASE("write_zip refuses unsafe or duplicate names", "[zip]") {
    CHECK_THROWS_AS(pkg::write_zip({{"", "x", false}}), std::invalid_argument);
    CHECK_THROWS_AS(pkg::write_zip({{"/etc/passwd", "x", false}}), std::invalid_argument);
    CHECK_THROWS_AS(pkg::write_zip({{"a/../../b", "x", false}}), std::invalid_argument);
    CHECK_THROWS_AS(pkg::write_zip({{"a\\b", "x", false}}), std::invalid_argument);
    CHECK_THROWS_WITH(pkg::write_zip({{"a", "x", false}, {"a", "y", false}}), Catch::Contains("duplicate entry 'a'"));
}

TEST_CASE("unzip accepts the archive", "[zip]") {
    if (std::system("command -v unzip >/dev/null 2>&1") != 0) {
        WARN("unzip not installed: skipped");
        return;
    }
    const auto dir = std::filesystem::temp_directory_path() / ("vigil-zip-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "t.zip";
    {
        std::ofstream out(file, std::ios::binary);
        const auto zip = pkg::write_zip({{"t/readme.txt", std::string(5000, 'r'), false}, {"t/tool", "bin", true}});
        out.write(zip.data(), static_cast<std::streamsize>(zip.size()));
    }
    CHECK(std::system(("unzip -tq " + file.string() + " >/dev/null").c_str()) == 0);
    std::filesystem::remove_all(dir);
}
