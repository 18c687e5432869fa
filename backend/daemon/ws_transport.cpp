// The WebSocket transport: an acceptor, a guarded HTTP upgrade per TCP connection, then one
// WsSession per client. What the dispatcher holds of a client is a WsConnection, a small
// handle apart from the session: handlers and long jobs may keep it after the client left or
// after the server stopped, so it never owns the socket and never touches the io_context once
// the server is gone (sends are then dropped).
#include "ws_transport.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "log.hpp"
#include "rpc_error.hpp"
#include "ws_guard.hpp"

namespace vigil::daemon {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Ws = websocket::stream<beast::tcp_stream>;
using UpgradeRequest = http::request<http::empty_body>;

// The upgrade request is a few headers; anything larger is not a client of ours.
constexpr size_t kHeaderLimit = 8 * 1024;
// A client that connects but does not finish its upgrade request holds a socket: cut it.
constexpr auto kUpgradeTimeout = std::chrono::seconds(10);
// WebSocket handshake and close; a peer silent this long is gone.
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
// A ping after half of it without traffic, a disconnect after all of it: a client that went
// away without a FIN (a laptop put to sleep) does not hold its session forever.
constexpr auto kIdleTimeout = std::chrono::seconds(60);
// On SIGINT/SIGTERM, sessions get this long to finish their close handshake.
constexpr auto kStopGrace = std::chrono::seconds(3);
// Outgoing bytes a client may leave unread before it is disconnected (progress floods).
constexpr size_t kMinQueueLimit = size_t(64) << 20;

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

std::string endpoint_text(const tcp::endpoint& endpoint) {
    net::ip::address address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    const std::string ip = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return ip + ":" + std::to_string(endpoint.port());
}

std::string remote_text(const tcp::socket& socket) {
    beast::error_code ec;
    const tcp::endpoint endpoint = socket.remote_endpoint(ec);
    return ec ? "ws ?" : "ws " + endpoint_text(endpoint);
}

class WsSession;
class WsConnection;

// State shared by the acceptor and the sessions. Declared before the io_context so that it
// outlives the sessions the io_context destroys with its pending handlers.
class Server {
public:
    Server(const ListenOptions& options, Dispatcher& dispatcher);

    uint16_t listen();  // binds; throws std::runtime_error naming HOST:PORT
    void run();         // until a signal and the sessions closed (or the grace period)

    const ListenOptions& options;
    Dispatcher& dispatcher;
    std::atomic<int> live_sessions{0};

    bool stopping() const { return stopping_.load(); }
    void add(const std::shared_ptr<WsConnection>& connection);

private:
    void do_accept();
    void on_signal(int signal);
    void wait_for_sessions();
    void run_thread();
    void detach_all();
    std::vector<std::shared_ptr<WsConnection>> live_connections();

    std::mutex registry_mutex_;
    std::vector<std::weak_ptr<WsConnection>> connections_;
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point stop_deadline_;

    net::io_context ioc_;
    tcp::acceptor acceptor_;  // on its own strand: the signal handler closes it
    net::steady_timer accept_retry_;
    net::signal_set signals_;
    net::steady_timer stop_timer_;
};

// The client as the dispatcher sees it. send() and close() may come from any thread: they
// post to the session's strand, which alone touches the socket. detach() cuts the handle from
// the io_context before it is destroyed; from then on every call is a no-op.
class WsConnection final : public Connection {
public:
    WsConnection(std::weak_ptr<WsSession> session, net::any_io_executor strand, std::string description)
        : session_(std::move(session)), strand_(std::move(strand)), description_(std::move(description)) {}

    void send(std::string text) override;
    void close() override;
    bool is_open() const override { return open_.load(); }
    std::string describe() const override { return description_; }

    void mark_closed() { open_ = false; }
    void detach() {
        std::lock_guard lock(mutex_);
        attached_ = false;
        strand_ = net::any_io_executor();  // the strand belongs to the io_context
    }

private:
    std::mutex mutex_;
    std::weak_ptr<WsSession> session_;
    net::any_io_executor strand_;
    bool attached_ = true;
    std::atomic<bool> open_{true};
    const std::string description_;
};

// One upgraded client: the read loop and the write queue. Owned by its pending handlers only,
// so it (and its socket) goes when the client is gone, whoever still holds the WsConnection.
// Every member function runs on the session's strand.
class WsSession : public std::enable_shared_from_this<WsSession> {
public:
    WsSession(beast::tcp_stream&& stream, Server& server) : ws_(std::move(stream)), server_(server) {
        ++server_.live_sessions;
    }
    ~WsSession() { --server_.live_sessions; }

    static void launch(beast::tcp_stream&& stream, UpgradeRequest request, Server& server, std::string description);

    void enqueue(std::string text);
    void close_after_flush();

private:
    void accept(UpgradeRequest request);
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, size_t bytes);
    void do_write();
    void on_write(beast::error_code ec, size_t bytes);
    void do_close();
    void end(beast::error_code ec);
    std::string describe() const { return handle_->describe(); }

    Ws ws_;
    Server& server_;
    std::shared_ptr<WsConnection> handle_;
    ConnectionPtr connection_;  // handle_, as the dispatcher takes it
    UpgradeRequest request_;
    beast::flat_buffer read_buffer_;
    std::deque<std::string> queue_;  // front() is being written while writing_
    size_t queued_bytes_ = 0;
    bool accepted_ = false;
    bool writing_ = false;
    bool close_requested_ = false;
    bool ended_ = false;
};

// A TCP connection before its upgrade: reads the request, runs the guard, answers a refusal
// itself or hands the stream over to a WsSession.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, Server& server)
        : description_(remote_text(socket)), stream_(std::move(socket)), server_(server) {}

    void start() {
        // The socket's executor is its strand; every step of the session runs there.
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::read, shared_from_this()));
    }

private:
    void read();
    void on_read(beast::error_code ec, size_t bytes);
    void refuse(unsigned status, const std::string& reason);
    void close();

    std::string description_;
    beast::tcp_stream stream_;
    Server& server_;
    beast::flat_buffer buffer_;
    http::request_parser<http::empty_body> parser_;
    http::response<http::string_body> response_;
};

// --- WsConnection -------------------------------------------------------------------------

void WsConnection::send(std::string text) {
    if (!open_.load()) return;
    std::lock_guard lock(mutex_);
    if (!attached_) return;
    net::post(strand_, [session = session_, text = std::move(text)]() mutable {
        if (auto s = session.lock()) s->enqueue(std::move(text));
    });
}

void WsConnection::close() {
    // The first close() wins; sends after it are dropped (Connection's contract).
    if (!open_.exchange(false)) return;
    std::lock_guard lock(mutex_);
    if (!attached_) return;
    net::post(strand_, [session = session_] {
        if (auto s = session.lock()) s->close_after_flush();
    });
}

// --- WsSession ----------------------------------------------------------------------------

void WsSession::launch(beast::tcp_stream&& stream, UpgradeRequest request, Server& server, std::string description) {
    auto session = std::make_shared<WsSession>(std::move(stream), server);
    session->handle_ = std::make_shared<WsConnection>(session, session->ws_.get_executor(), std::move(description));
    session->connection_ = session->handle_;
    server.add(session->handle_);
    session->accept(std::move(request));
    // A signal between the HTTP session's check and add() missed this session: close it.
    if (server.stopping()) session->handle_->close();
}

void WsSession::accept(UpgradeRequest request) {
    request_ = std::move(request);
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.handshake_timeout = kHandshakeTimeout;
    timeouts.idle_timeout = kIdleTimeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "vigild"); }));
    // Beast checks each frame header against the limit, so an oversized message is refused
    // (close 1009) before its payload is read, not after it was buffered whole.
    ws_.read_message_max(server_.options.max_message_bytes);
    ws_.text(true);
    // One frame per message: no 4 KiB fragments for a large result.
    ws_.auto_fragment(false);
    ws_.async_accept(request_, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
}

void WsSession::on_accept(beast::error_code ec) {
    if (ended_) return;
    if (ec) {
        log::info(describe() + ": WebSocket handshake failed: " + ec.message());
        return end(ec);
    }
    accepted_ = true;
    log::info(describe() + ": connected");
    if (!queue_.empty()) do_write();
    do_read();
}

void WsSession::do_read() {
    ws_.async_read(read_buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code ec, size_t) {
    if (ec) return end(ec);
    // After close() (the `exit` notification) the client gets no more answers: what it sends
    // until its close frame arrives is dropped.
    if (connection_->is_open()) {
        if (ws_.got_text()) {
            // flat_buffer holds the message contiguously; the dispatcher parses it before it
            // returns, so a view is enough (no copy of a message of up to 16 MiB).
            const auto data = read_buffer_.data();
            const std::string_view text(static_cast<const char*>(data.data()), data.size());
            try {
                server_.dispatcher.handle(text, connection_);
            } catch (const std::exception& e) {
                // The dispatcher answers errors itself; this is a bug, not a reason to lose
                // the I/O thread.
                log::error(describe() + ": dispatcher failed: " + e.what());
            }
        } else {
            Dispatcher::send_error(connection_,
                                   RpcError(ErrorCode::invalid_request, "send JSON-RPC messages as text frames"));
        }
    }
    read_buffer_.consume(read_buffer_.size());
    // A 16 MiB message should not pin 16 MiB per idle session.
    if (read_buffer_.capacity() > (size_t(1) << 20)) read_buffer_.shrink_to_fit();
    do_read();
}

void WsSession::enqueue(std::string text) {
    if (ended_ || close_requested_) return;
    const size_t limit = std::max(kMinQueueLimit, 4 * server_.options.max_message_bytes);
    if (!queue_.empty() && queued_bytes_ + text.size() > limit) {
        log::error(describe() + ": the client leaves " + std::to_string(queued_bytes_) +
                   " bytes unread; disconnecting it");
        return end(beast::error_code(net::error::no_buffer_space));
    }
    queued_bytes_ += text.size();
    queue_.push_back(std::move(text));
    if (!writing_ && accepted_) do_write();
}

void WsSession::do_write() {
    writing_ = true;
    ws_.async_write(net::buffer(queue_.front()), beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
}

void WsSession::on_write(beast::error_code ec, size_t) {
    writing_ = false;
    if (ec) return end(ec);
    queued_bytes_ -= queue_.front().size();
    queue_.pop_front();
    if (ended_) return;
    if (!queue_.empty())
        do_write();
    else if (close_requested_)
        do_close();
}

void WsSession::close_after_flush() {
    if (ended_ || close_requested_) return;
    close_requested_ = true;
    // Not upgraded yet (a signal during the handshake): nothing to flush, no close frame to
    // send; drop the TCP connection.
    if (!accepted_) return end(beast::error_code(net::error::operation_aborted));
    if (!writing_) do_close();
}

void WsSession::do_close() {
    // The read loop sees the client's answering close frame and ends the session.
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code ec) {
        if (ec) log::verbose(self->describe() + ": close: " + ec.message());
    });
}

void WsSession::end(beast::error_code ec) {
    if (ended_) return;
    ended_ = true;
    handle_->mark_closed();
    if (ec == websocket::error::closed) {
        // Beast completed the close handshake and tears the TCP connection down itself.
        const auto& reason = ws_.reason();
        if (close_requested_)
            log::info(describe() + ": closed by the server");
        else
            log::info(describe() + ": disconnected (close " + std::to_string(reason.code) +
                      (reason.reason.empty() ? "" : " " + std::string(reason.reason.c_str())) + ")");
        return;
    }
    if (close_requested_)
        log::info(describe() + ": closed by the server (" + ec.message() + ")");
    else if (ec == websocket::error::message_too_big)
        log::info(describe() + ": a message exceeded " + std::to_string(server_.options.max_message_bytes) +
                  " bytes; closed with 1009");
    else if (ec == websocket::error::bad_frame_payload)
        log::info(describe() + ": a text frame was not valid UTF-8; closed with 1007");
    else
        log::info(describe() + ": disconnected (" + ec.message() + ")");
    // Pending operations complete with errors and release the session; the queue stays
    // until then since a write in flight may still reference its front.
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

// --- HttpSession --------------------------------------------------------------------------

void HttpSession::read() {
    parser_.header_limit(kHeaderLimit);
    stream_.expires_after(kUpgradeTimeout);
    http::async_read(stream_, buffer_, parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, size_t) {
    if (ec == http::error::header_limit) return refuse(431, "request header fields too large");
    if (ec) {
        log::verbose(description_ + ": no upgrade request (" + ec.message() + ")");
        return close();
    }
    const UpgradeRequest& request = parser_.get();
    auto header = [&](http::field field) -> std::optional<std::string_view> {
        auto it = request.find(field);
        if (it == request.end()) return std::nullopt;
        return view(it->value());
    };
    const UpgradeVerdict verdict = check_upgrade(view(request.target()), header(http::field::authorization),
                                                 header(http::field::origin), server_.options.token,
                                                 server_.options.allowed_origins);
    if (!verdict.ok()) return refuse(unsigned(verdict.status), verdict.reason);
    if (!websocket::is_upgrade(request))
        return refuse(400, "expects a WebSocket upgrade (GET / with 'Upgrade: websocket')");
    if (server_.stopping()) return close();
    // The WebSocket stream has its own timeouts (handshake, idle).
    stream_.expires_never();
    WsSession::launch(std::move(stream_), parser_.release(), server_, description_);
}

void HttpSession::refuse(unsigned status, const std::string& reason) {
    log::info(description_ + ": refused with " + std::to_string(status) + ": " + reason);
    response_.version(11);
    response_.result(status);
    response_.set(http::field::server, "vigild");
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.set(http::field::cache_control, "no-store");
    if (status == 401) response_.set(http::field::www_authenticate, "Bearer realm=\"vigild\"");
    response_.keep_alive(false);
    response_.body() = reason + "\n";
    response_.prepare_payload();
    stream_.expires_after(kUpgradeTimeout);
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code, size_t) { self->close(); });
}

void HttpSession::close() {
    // Nothing else is served on this connection; the socket closes with the session.
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// --- Server -------------------------------------------------------------------------------

Server::Server(const ListenOptions& options, Dispatcher& dispatcher)
    : options(options),
      dispatcher(dispatcher),
      ioc_(int(std::max(1u, options.io_threads))),
      acceptor_(net::make_strand(ioc_)),
      accept_retry_(acceptor_.get_executor()),
      signals_(ioc_, SIGINT, SIGTERM),
      stop_timer_(ioc_) {}

uint16_t Server::listen() {
    std::string host = options.host;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string where = options.host + ":" + std::to_string(options.port);
    auto fail = [&](const std::string& why) -> std::runtime_error {
        return std::runtime_error("cannot listen on " + where + ": " + why);
    };

    std::vector<tcp::endpoint> candidates;
    beast::error_code ec;
    const net::ip::address address = net::ip::make_address(host, ec);
    if (!ec) {
        candidates.emplace_back(address, options.port);
    } else {
        // A name ("localhost"): the first of its addresses that can be bound.
        tcp::resolver resolver(ioc_);
        const auto results = resolver.resolve(host, std::to_string(options.port), ec);
        if (ec) throw fail(ec.message());
        for (const auto& entry : results) candidates.push_back(entry.endpoint());
    }
    for (const tcp::endpoint& endpoint : candidates) {
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (!ec) {
            log::verbose("listening on " + endpoint_text(acceptor_.local_endpoint()));
            return acceptor_.local_endpoint().port();
        }
        beast::error_code ignored;
        acceptor_.close(ignored);
    }
    throw fail(ec ? ec.message() : "no address");
}

void Server::run() {
    do_accept();
    signals_.async_wait([this](beast::error_code ec, int signal) {
        if (!ec) on_signal(signal);
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < std::max(1u, options.io_threads); ++i) threads.emplace_back([this] { run_thread(); });
    run_thread();
    for (auto& t : threads) t.join();
    detach_all();
}

void Server::run_thread() {
    for (;;) {
        try {
            ioc_.run();
            return;
        } catch (const std::exception& e) {
            // A handler threw: log it and keep the thread serving the other sessions.
            log::error(std::string("WebSocket I/O thread: ") + e.what());
        }
    }
}

void Server::do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {
            // Out of file descriptors and the like: retry soon instead of spinning.
            log::error("accept: " + ec.message());
            accept_retry_.expires_after(std::chrono::milliseconds(100));
            accept_retry_.async_wait([this](beast::error_code wait_ec) {
                if (!wait_ec && acceptor_.is_open()) do_accept();
            });
            return;
        }
        // Replies are small and latency matters more than packet count.
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<HttpSession>(std::move(socket), *this)->start();
        do_accept();
    });
}

void Server::add(const std::shared_ptr<WsConnection>& connection) {
    std::lock_guard lock(registry_mutex_);
    connections_.erase(std::remove_if(connections_.begin(), connections_.end(),
                                      [](const std::weak_ptr<WsConnection>& c) { return c.expired(); }),
                       connections_.end());
    connections_.push_back(connection);
}

std::vector<std::shared_ptr<WsConnection>> Server::live_connections() {
    std::lock_guard lock(registry_mutex_);
    std::vector<std::shared_ptr<WsConnection>> live;
    for (const auto& weak : connections_)
        if (auto c = weak.lock()) live.push_back(std::move(c));
    return live;
}

void Server::on_signal(int signal) {
    if (stopping_.exchange(true)) {
        log::info("second signal: stopping now");
        ioc_.stop();
        return;
    }
    log::info(std::string(signal == SIGINT ? "SIGINT" : "SIGTERM") + ": closing the WebSocket sessions");
    net::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
        accept_retry_.cancel();
    });
    for (const auto& connection : live_connections()) connection->close();
    // A second signal does not wait for the grace period.
    signals_.async_wait([this](beast::error_code ec, int second) {
        if (!ec) on_signal(second);
    });
    stop_deadline_ = std::chrono::steady_clock::now() + kStopGrace;
    wait_for_sessions();
}

void Server::wait_for_sessions() {
    if (live_sessions.load() == 0 || std::chrono::steady_clock::now() >= stop_deadline_) {
        ioc_.stop();
        return;
    }
    stop_timer_.expires_after(std::chrono::milliseconds(20));
    stop_timer_.async_wait([this](beast::error_code ec) {
        if (!ec) wait_for_sessions();
    });
}

void Server::detach_all() {
    // After this no handle posts into the io_context, which may now be destroyed.
    std::lock_guard lock(registry_mutex_);
    for (const auto& weak : connections_)
        if (auto c = weak.lock()) c->detach();
    connections_.clear();
}

}  // namespace

int serve_websocket(const ListenOptions& options, Dispatcher& dispatcher,
                    const std::function<void(uint16_t port)>& on_listening) {
    Server server(options, dispatcher);
    const uint16_t port = server.listen();
    if (on_listening) on_listening(port);
    server.run();
    log::info("WebSocket server stopped");
    return 0;
}

}  // namespace vigil::daemon
