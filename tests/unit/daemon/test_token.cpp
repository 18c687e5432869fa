// The token of `vigild --listen`: made once with private modes, reused, and refused when others
// can read it. Each test points XDG_CONFIG_HOME at a fresh folder of its own.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "daemon/token.hpp"

namespace fs = std::filesystem;
using vigil::daemon::default_token_path;
using vigil::daemon::load_or_create_token;

namespace {

// A temporary folder set as XDG_CONFIG_HOME for the test's lifetime (the old value restored).
class TempConfigHome {
public:
    TempConfigHome() {
        std::string pattern = (fs::temp_directory_path() / "vigil-token-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) FAIL("mkdtemp failed");
        dir_ = pattern;
        if (const char* old = std::getenv("XDG_CONFIG_HOME")) old_ = old;
        ::setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
    }
    ~TempConfigHome() {
        if (old_)
            ::setenv("XDG_CONFIG_HOME", old_->c_str(), 1);
        else
            ::unsetenv("XDG_CONFIG_HOME");
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
    std::optional<std::string> old_;
};

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void write_file(const fs::path& p, const std::string& content, mode_t mode) {
    {
        std::ofstream out(p, std::ios::binary);
        out << content;
    }
    REQUIRE(::chmod(p.c_str(), mode) == 0);
}

std::string error_of(const std::optional<fs::path>& file) {
    try {
        load_or_create_token(file);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the default token path follows XDG_CONFIG_HOME") {
    TempConfigHome home;
    CHECK(default_token_path() == home.dir() / "vigil" / "token");
}

TEST_CASE("the default token path falls back to ~/.config without XDG_CONFIG_HOME") {
    TempConfigHome home;
    ::setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);
    const char* h = std::getenv("HOME");
    REQUIRE(h != nullptr);
    CHECK(default_token_path() == fs::path(h) / ".config" / "vigil" / "token");
}

TEST_CASE("a first start creates a private token file in a private folder") {
    TempConfigHome home;
    const std::string token = load_or_create_token(std::nullopt);
    CHECK(token.size() == 64);
    CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);

    const fs::path file = home.dir() / "vigil" / "token";
    REQUIRE(fs::is_regular_file(file));
    CHECK(mode_of(file) == 0600);
    CHECK(mode_of(file.parent_path()) == 0700);
    // Nothing is left behind but the token.
    CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a second start reuses the same token") {
    TempConfigHome home;
    const std::string first = load_or_create_token(std::nullopt);
    const std::string second = load_or_create_token(std::nullopt);
    CHECK(first == second);
    // A different folder: a different token (they are random).
    TempConfigHome other;
    CHECK(load_or_create_token(std::nullopt) != first);
}

TEST_CASE("missing folders on the way are created private too") {
    TempConfigHome home;
    const fs::path nested = home.dir() / "a" / "b";
    ::setenv("XDG_CONFIG_HOME", nested.c_str(), 1);
    load_or_create_token(std::nullopt);
    CHECK(mode_of(nested) == 0700);
    CHECK(mode_of(nested / "vigil") == 0700);
    CHECK(mode_of(nested / "vigil" / "token") == 0600);
}

TEST_CASE("a given token file is read and trimmed") {
    TempConfigHome home;
    const fs::path file = home.dir() / "my-token";
    write_file(file, "  s3cret-token\n\n", 0600);
    CHECK(load_or_create_token(file) == "s3cret-token");
    // A given file never creates the default one.
    CHECK_FALSE(fs::exists(home.dir() / "vigil"));
}

TEST_CASE("a token file readable by others is refused, saying to chmod 600") {
    TempConfigHome home;
    const fs::path file = home.dir() / "my-token";
    write_file(file, "s3cret\n", 0644);
    const std::string error = error_of(file);
    CHECK_THAT(error, Catch::Contains(file.string()));
    CHECK_THAT(error, Catch::Contains("chmod 600"));
    CHECK_THAT(error, Catch::Contains("0644"));
    // Group-readable only is refused too.
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    CHECK_THAT(error_of(file), Catch::Contains("chmod 600"));
}

TEST_CASE("a default token file whose mode was loosened is refused too") {
    TempConfigHome home;
    load_or_create_token(std::nullopt);
    REQUIRE(::chmod((home.dir() / "vigil" / "token").c_str(), 0644) == 0);
    CHECK_THAT(error_of(std::nullopt), Catch::Contains("chmod 600"));
}

TEST_CASE("a missing, empty or multi-word token file is refused naming the file") {
    TempConfigHome home;
    const fs::path missing = home.dir() / "nope";
    CHECK_THAT(error_of(missing), Catch::Contains(missing.string()) && Catch::Contains("does not exist"));

    const fs::path empty = home.dir() / "empty";
    write_file(empty, " \n\t\n", 0600);
    CHECK_THAT(error_of(empty), Catch::Contains(empty.string()) && Catch::Contains("empty"));

    const fs::path words = home.dir() / "words";
    write_file(words, "two words\n", 0600);
    CHECK_THAT(error_of(words), Catch::Contains(words.string()));

    CHECK_THAT(error_of(home.dir()), Catch::Contains("not a regular file"));
}
