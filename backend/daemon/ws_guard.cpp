#include "ws_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace vigil::daemon {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// Origins are "scheme://host[:port]" (RFC 6454); scheme and host are case-insensitive and the
// port is digits, so lowering the whole value compares them right. A trailing '/' in a
// configured value is forgiven: browsers never send one, people often type one.
std::string normalized_origin(std::string_view origin) {
    std::string out = lower(trim(origin));
    if (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
    const std::string given = normalized_origin(origin);
    // "null" (sandboxed frames, file:// pages) is an opaque origin: never trusted, even if
    // someone lists it.
    if (given.empty() || given == "null") return false;
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const std::string& entry) { return normalized_origin(entry) == given; });
}

}  // namespace

bool constant_time_equal(std::string_view given, std::string_view expected) {
    // Every byte of `expected` is visited whatever `given` holds; a length mismatch is folded
    // into the result instead of returning early (the token length is no secret: 64 hex).
    volatile unsigned char diff = given.size() != expected.size() ? 1 : 0;
    for (size_t i = 0; i < expected.size(); ++i) {
        const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
        diff = diff | (g ^ static_cast<unsigned char>(expected[i]));
    }
    return diff == 0;
}

UpgradeVerdict check_upgrade(std::string_view target, std::optional<std::string_view> authorization,
                             std::optional<std::string_view> origin, std::string_view expected_token,
                             const std::vector<std::string>& allowed_origins) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path != "/") return {404, "not found: only '/' is served (a WebSocket endpoint)"};

    if (origin && !origin_allowed(*origin, allowed_origins))
        return {403, "origin '" + std::string(trim(*origin)) + "' is not allowed"};

    // Fail closed: a daemon started without a token accepts nobody.
    if (expected_token.empty()) return {401, "the daemon has no token configured"};
    if (!authorization) return {401, "missing 'Authorization: Bearer <token>'"};
    const std::string_view value = trim(*authorization);
    const size_t space = value.find_first_of(" \t");
    if (space == std::string_view::npos || lower(value.substr(0, space)) != "bearer")
        return {401, "expects 'Authorization: Bearer <token>'"};
    if (!constant_time_equal(trim(value.substr(space)), expected_token)) return {401, "wrong token"};
    return {0, "ok"};
}

bool is_loopback(const std::string& host) {
    std::string h = lower(host);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    if (h == "localhost" || h == "localhost.") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
        if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
        // ::ffff:127.x.x.x, an IPv4 loopback address written as IPv6.
        return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
    }
    return false;
}

}  // namespace vigil::daemon
