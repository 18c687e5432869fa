// `vigild`: the JSON-RPC 2.0 daemon behind the VS Code extension (docs/protocol.md). Flags only
// (clangd's ClangdMain): pick the transport, configure the log, build the server, run.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dispatcher.hpp"
#include "log.hpp"
#include "server.hpp"
#include "stdio_transport.hpp"
#include "token.hpp"
#include "work_pool.hpp"
#include "ws_guard.hpp"
#include "ws_transport.hpp"

namespace {

using namespace vigil::daemon;

constexpr int kExitUsage = 64;

const char* kHelp =
    "usage: vigild --stdio | --listen [HOST:PORT] [options]\n"
    "\n"
    "The Vigil daemon: JSON-RPC 2.0 over stdio (LSP base protocol) or WebSocket (docs/protocol.md).\n"
    "\n"
    "  --stdio                   serve one client on stdin/stdout (how the VS Code extension starts it)\n"
    "  --listen [HOST:PORT]      serve WebSocket clients (default 127.0.0.1:5000; port 0 picks a free one)\n"
    "  --token-file FILE         bearer token clients must send (default: generated in $XDG_CONFIG_HOME/vigil/token)\n"
    "  --allow-origin ORIGIN     a browser Origin allowed to connect (repeatable; default: none)\n"
    "  --root DIR                projects may only be created or opened under DIR (repeatable)\n"
    "  --jobs N                  threads of one benchmark (default: all cores)\n"
    "  --max-message-bytes N     largest message accepted (default 16777216)\n"
    "  --log FILE                append the log to FILE instead of stderr\n"
    "  --log-level LEVEL         error, info (default) or verbose\n"
    "  --version, --help\n";

[[noreturn]] void usage_error(const std::string& message) {
    std::fprintf(stderr, "vigild: %s (see vigild --help)\n", message.c_str());
    std::exit(kExitUsage);
}

struct Options {
    bool stdio = false;
    std::optional<std::string> listen;
    std::optional<std::string> token_file;
    std::vector<std::string> origins;
    std::vector<std::filesystem::path> roots;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    size_t max_message = 16u << 20;
    std::string log_file;
    log::Level level = log::Level::info;
};

uint64_t parse_number(const std::string& flag, const std::string& text, uint64_t min, uint64_t max) {
    try {
        size_t used = 0;
        const unsigned long long v = std::stoull(text, &used);
        if (used == text.size() && v >= min && v <= max) return v;
    } catch (const std::exception&) {
    }
    usage_error(flag + " expects a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                ", got '" + text + "'");
}

Options parse(int argc, char** argv) {
    Options o;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& flag) -> std::string {
            if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) usage_error(flag + " needs a value");
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            std::exit(0);
        } else if (a == "--version") {
            std::printf("vigild %s\n", VIGIL_VERSION);
            std::exit(0);
        } else if (a == "--stdio") {
            o.stdio = true;
        } else if (a == "--listen") {
            o.listen = (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) ? args[++i] : "127.0.0.1:5000";
        } else if (a.rfind("--listen=", 0) == 0) {
            o.listen = a.substr(9);
        } else if (a == "--token-file") {
            o.token_file = value(a);
        } else if (a == "--allow-origin") {
            o.origins.push_back(value(a));
        } else if (a == "--root") {
            o.roots.emplace_back(value(a));
        } else if (a == "--jobs") {
            o.jobs = unsigned(parse_number(a, value(a), 1, 1024));
        } else if (a == "--max-message-bytes") {
            o.max_message = size_t(parse_number(a, value(a), 1024, uint64_t(1) << 32));
        } else if (a == "--log") {
            o.log_file = value(a);
        } else if (a == "--log-level") {
            const std::string v = value(a);
            if (!log::parse_level(v, o.level)) usage_error("--log-level expects error, info or verbose, got '" + v + "'");
        } else {
            usage_error("unknown argument '" + a + "'");
        }
    }
    if (o.stdio == o.listen.has_value()) usage_error("give exactly one of --stdio and --listen");
    return o;
}

ListenOptions listen_options(const Options& o) {
    ListenOptions l;
    const std::string& where = *o.listen;
    const auto colon = where.rfind(':');
    if (colon == std::string::npos || colon == 0) usage_error("--listen expects HOST:PORT, got '" + where + "'");
    l.host = where.substr(0, colon);
    if (l.host.size() > 2 && l.host.front() == '[' && l.host.back() == ']') l.host = l.host.substr(1, l.host.size() - 2);
    l.port = uint16_t(parse_number("--listen", where.substr(colon + 1), 0, 65535));
    l.allowed_origins = o.origins;
    l.max_message_bytes = o.max_message;
    return l;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    try {
        log::configure(o.log_file, o.level);
        ServerOptions server_options;
        server_options.benchmark_jobs = o.jobs;
        server_options.allowed_roots = o.roots;
        server_options.transport = o.stdio ? "stdio" : "websocket";
        Server server(server_options);
        WorkPool pool(4);
        Dispatcher dispatcher(server.methods(), pool);
        int code = 0;
        if (o.stdio) {
            log::info(std::string("vigild ") + VIGIL_VERSION + " on stdio");
            code = serve_stdio(dispatcher, o.max_message);
        } else {
            ListenOptions l = listen_options(o);
            const auto token_path = o.token_file ? std::filesystem::path(*o.token_file) : default_token_path();
            l.token = load_or_create_token(o.token_file);
            if (!is_loopback(l.host))
                log::error("warning: listening on " + l.host +
                           ", which other machines can reach: keep the token secret, prefer an SSH tunnel to 127.0.0.1");
            code = serve_websocket(l, dispatcher, [&](uint16_t port) {
                // Always on stderr (tests and users read the port from it), whatever --log says.
                const std::string host = l.host.find(':') == std::string::npos ? l.host : "[" + l.host + "]";
                std::fprintf(stderr, "vigild %s listening on ws://%s:%u/ (token in %s)\n", VIGIL_VERSION,
                             host.c_str(), unsigned(port), token_path.c_str());
                std::fflush(stderr);
            });
        }
        server.shut_down();
        std::fflush(stdout);
        // Workers may still be finishing a request whose client left; nothing they do is
        // needed any more and everything durable is already in the store.
        std::_Exit(code);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vigild: %s\n", e.what());
        return 2;
    }
}
