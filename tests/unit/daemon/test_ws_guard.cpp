// The upgrade guard of `vigild --listen`: who gets a WebSocket session and who gets 401, 403, 404.
#include <catch2/catch.hpp>

#include "daemon/ws_guard.hpp"

using vigil::daemon::check_upgrade;
using vigil::daemon::constant_time_equal;
using vigil::daemon::is_loopback;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const std::vector<std::string> kAllowed = {"vscode-webview://abc", "http://localhost:3000"};

vigil::daemon::UpgradeVerdict verdict(std::string_view target, std::optional<std::string_view> authorization,
                                      std::optional<std::string_view> origin = std::nullopt) {
    return check_upgrade(target, authorization, origin, kToken, kAllowed);
}

}  // namespace

TEST_CASE("the right token without an Origin is accepted (a Node client)") {
    const auto v = verdict("/", "Bearer " + kToken);
    CHECK(v.ok());
    CHECK(v.status == 0);
    // The scheme is case-insensitive (RFC 7235) and extra spaces are tolerated.
    CHECK(verdict("/", "bearer   " + kToken + " ").ok());
    // A query string does not change the path.
    CHECK(verdict("/?client=vscode", "Bearer " + kToken).ok());
}

TEST_CASE("a missing token is refused with 401") {
    const auto v = verdict("/", std::nullopt);
    CHECK_FALSE(v.ok());
    CHECK(v.status == 401);
    CHECK_THAT(v.reason, Catch::Contains("Bearer"));
}

TEST_CASE("a wrong token is refused with 401") {
    CHECK(verdict("/", "Bearer " + std::string(64, '0')).status == 401);
    CHECK(verdict("/", "Bearer " + kToken.substr(0, 63)).status == 401);  // a prefix
    CHECK(verdict("/", "Bearer " + kToken + "0").status == 401);          // longer
    CHECK(verdict("/", std::string("Bearer ")).status == 401);
    CHECK(verdict("/", std::string("Bearer")).status == 401);
    CHECK(verdict("/", std::string("")).status == 401);
}

TEST_CASE("another authorization scheme is refused with 401") {
    CHECK(verdict("/", "Basic " + kToken).status == 401);
    CHECK(verdict("/", "Basic dXNlcjpwYXNz").status == 401);
    CHECK(verdict("/", kToken).status == 401);  // no scheme at all
}

TEST_CASE("a daemon without a token accepts nobody") {
    CHECK(check_upgrade("/", std::string_view("Bearer "), std::nullopt, "", kAllowed).status == 401);
    CHECK(check_upgrade("/", std::nullopt, std::nullopt, "", kAllowed).status == 401);
}

TEST_CASE("an Origin not in the list is refused with 403, even with the right token") {
    const std::string auth = "Bearer " + kToken;
    const auto v = verdict("/", auth, "https://evil.example");
    CHECK(v.status == 403);
    CHECK_THAT(v.reason, Catch::Contains("https://evil.example"));
    CHECK(verdict("/", auth, "null").status == 403);                    // opaque origin
    CHECK(verdict("/", auth, "").status == 403);                        // present but empty
    CHECK(verdict("/", auth, "http://localhost:3001").status == 403);   // other port
    CHECK(verdict("/", auth, "https://localhost:3000").status == 403);  // other scheme
    CHECK(verdict("/", auth, "http://localhost:3000.evil.example").status == 403);
    // A web page gets 403 before any token check: it cannot probe tokens.
    CHECK(verdict("/", std::nullopt, "https://evil.example").status == 403);
    // No list: every browser origin is refused.
    CHECK(check_upgrade("/", auth, std::string_view("http://localhost:3000"), kToken, {}).status == 403);
}

TEST_CASE("an allowed Origin is accepted, scheme and host case-insensitively") {
    const std::string auth = "Bearer " + kToken;
    CHECK(verdict("/", auth, "http://localhost:3000").ok());
    CHECK(verdict("/", auth, "HTTP://LocalHost:3000").ok());
    CHECK(verdict("/", auth, "vscode-webview://abc").ok());
    // A trailing '/' in the configured value is forgiven.
    CHECK(check_upgrade("/", auth, std::string_view("http://a.example"), kToken, {"http://a.example/"}).ok());
    // ...but an allowed Origin does not replace the token.
    CHECK(verdict("/", std::nullopt, "http://localhost:3000").status == 401);
}

TEST_CASE("any path but / is 404") {
    const std::string auth = "Bearer " + kToken;
    CHECK(verdict("/ws", auth).status == 404);
    CHECK(verdict("/index.html", auth).status == 404);
    CHECK(verdict("//", auth).status == 404);
    CHECK(verdict("", auth).status == 404);
    CHECK(verdict("http://host/", auth).status == 404);  // absolute-form is not served
    CHECK(verdict("/favicon.ico", std::nullopt).status == 404);
}

TEST_CASE("constant-time comparison is still a comparison") {
    CHECK(constant_time_equal("abc", "abc"));
    CHECK(constant_time_equal("", ""));
    CHECK_FALSE(constant_time_equal("abd", "abc"));
    CHECK_FALSE(constant_time_equal("ab", "abc"));
    CHECK_FALSE(constant_time_equal("abcd", "abc"));
    CHECK_FALSE(constant_time_equal("", "abc"));
    CHECK_FALSE(constant_time_equal(std::string_view("a\0c", 3), "abc"));
}

TEST_CASE("loopback hosts") {
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK(is_loopback("::1"));
    CHECK(is_loopback("[::1]"));
    CHECK(is_loopback("localhost"));
    CHECK(is_loopback("LOCALHOST"));
    CHECK(is_loopback("::ffff:127.0.0.1"));
    CHECK_FALSE(is_loopback("0.0.0.0"));
    CHECK_FALSE(is_loopback("::"));
    CHECK_FALSE(is_loopback("192.168.1.10"));
    CHECK_FALSE(is_loopback("128.0.0.1"));
    CHECK_FALSE(is_loopback("localhost.evil.example"));
    CHECK_FALSE(is_loopback("::ffff:10.0.0.1"));
    CHECK_FALSE(is_loopback(""));
}
