#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vigil/engine/packaging/library_store.hpp"
#include "vigil/engine/search/sha256.hpp"

namespace fs = std::filesystem;
namespace pkg = vigil::engine::packaging;
namespace proj = vigil::engine::project;

namespace {
struct TempProject {
    fs::path dir = fs::temp_directory_path() / ("vigil-libstore-" + std::to_string(::getpid()));
    TempProject() {
        fs::remove_all(dir);
        proj::Settings settings;
        settings.name = "libstore-test";
        proj::Project::create(dir, settings);
    }
    ~TempProject() { fs::remove_all(dir); }
};

pkg::CompiledLibrary fake_library(const std::string& bytes, std::optional<int64_t> benchmark) {
    pkg::CompiledLibrary lib;
    lib.recipe.version = VIGIL_RECIPE_VERSION;
    lib.recipe.axes = 1;
    lib.recipe.length = 64;
    lib.recipe.min_learn = 8;
    lib.recipe.decimation = 1;
    lib.recipe.features = VIGIL_FEAT_STATS;
    lib.recipe.model.family = VIGIL_FAMILY_GAUSSIAN;
    lib.recipe.model.f[0] = 0.5f;
    lib.target = pkg::resolve_target("cortex-m33");
    lib.benchmark_id = benchmark;
    lib.id = "vigil-00000001";
    lib.name = lib.id + "-cortex-m33-hard";
    lib.zip = bytes;
    lib.sha256 = vigil::engine::search::sha256_hex(bytes);
    lib.metadata = {{"library", lib.id}, {"recipe_id", "00000001"}, {"target", {{"core", "cortex-m33"}}}};
    return lib;
}
}  // namespace

TEST_CASE("archive stores the zip under .vigil/libraries and a row, list and find read it", "[library_store]") {
    TempProject tp;
    auto project = proj::Project::open(tp.dir);
    pkg::LibraryStore store(project);
    CHECK(store.list().empty());

    const auto one = store.archive(fake_library("zip bytes one", std::nullopt));
    const auto two = store.archive(fake_library("zip bytes two", std::nullopt));
    CHECK(one.id != two.id);
    CHECK(one.archive_path != two.archive_path);  // content-addressed names
    CHECK(one.archive_path.starts_with(".vigil/libraries/vigil-00000001-cortex-m33-hard-"));
    std::ifstream in(tp.dir / one.archive_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(text.str() == "zip bytes one");

    const auto rows = store.list();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == one.id);
    CHECK(rows[0].core == "cortex-m33");
    CHECK(rows[0].float_abi == "hard");
    CHECK(rows[0].sha256 == vigil::engine::search::sha256_hex("zip bytes one"));
    CHECK(rows[0].library() == "vigil-00000001");
    CHECK(rows[0].recipe.size() == VIGIL_RECIPE_ENCODED_SIZE);
    CHECK_FALSE(rows[0].benchmark_id.has_value());
    CHECK(!rows[0].created_at.empty());
    vigil_recipe back{};
    CHECK(vigil_recipe_decode(rows[0].recipe.data(), &back) == VIGIL_OK);
    CHECK(back.length == 64);

    auto found = store.find(two.id);
    REQUIRE(found);
    CHECK(found->archive_path == two.archive_path);
    CHECK_FALSE(store.find(9999).has_value());
}

TEST_CASE("a row that cannot be written leaves no new zip behind", "[library_store]") {
    TempProject tp;
    auto project = proj::Project::open(tp.dir);
    pkg::LibraryStore store(project);
    // benchmark 42 does not exist: the foreign key refuses the row.
    CHECK_THROWS(store.archive(fake_library("orphan", int64_t{42})));
    CHECK(store.list().empty());
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tp.dir / ".vigil" / "libraries")) ++files;
    CHECK(files == 0);
}
