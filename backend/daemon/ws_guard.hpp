// Who may open a WebSocket session (`vigild --listen`): the checks on the HTTP upgrade request,
// kept apart from the transport as pure functions so each rule is tested alone. A session can
// start benchmarks and read project folders, so the daemon serves nothing to a client that does
// not present the token, and nothing to a web page from another site (cross-site WebSocket
// hijacking: a browser sends the visitor's request with the page's Origin, whatever the target).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::daemon {

struct UpgradeVerdict {
    int status = 0;      // 0: accept; else the HTTP status to refuse with (401, 403, 404)
    std::string reason;  // one line for the response body and the log
    bool ok() const { return status == 0 || status == 101; }
};

// `target`: the request target ("/", "/?x=1"); only the path "/" is served.
// `authorization`: the Authorization header, absent when the request has none; must be
// "Bearer <expected_token>" (scheme case-insensitive, RFC 7235).
// `origin`: the Origin header, absent for non-browser clients (the VS Code extension host runs
// in Node and sends none), which are allowed; a present Origin must be one of
// `allowed_origins` (case-insensitive: only scheme and host can differ in case).
// Checked in that order, Origin before the token, so a web page never gets to try tokens.
UpgradeVerdict check_upgrade(std::string_view target, std::optional<std::string_view> authorization,
                             std::optional<std::string_view> origin, std::string_view expected_token,
                             const std::vector<std::string>& allowed_origins);

// Compares in a time that depends on the length of `expected` only, not on where the strings
// first differ, so response timing does not reveal a token byte by byte.
bool constant_time_equal(std::string_view given, std::string_view expected);

// 127.0.0.0/8, ::1 (also "[::1]" and ::ffff:127.x.x.x) and "localhost": main warns when the
// daemon listens on anything else, since the token is then all that protects it.
bool is_loopback(const std::string& host);

}  // namespace vigil::daemon
