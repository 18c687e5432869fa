// The dispatcher in process, with a small method table: envelope checks, lifecycle gate,
// batches, notifications, exactly one answer per request, and $/cancelRequest answering -32800
// at once while the work is still running.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dispatcher.hpp"
#include "daemon/params.hpp"

using namespace vigil::daemon;
using nlohmann::json;

namespace {

class RecordingConnection : public Connection {
public:
    void send(std::string text) override {
        std::lock_guard lock(mutex_);
        sent_.push_back(json::parse(text));
        arrived_.notify_all();
    }
    void close() override { open_ = false; }
    bool is_open() const override { return open_; }
    std::string describe() const override { return "test"; }

    std::vector<json> wait_for(size_t count) {
        std::unique_lock lock(mutex_);
        arrived_.wait_for(lock, std::chrono::seconds(5), [&] { return sent_.size() >= count; });
        return sent_;
    }

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<json> sent_;
    bool open_ = true;
};

struct Fixture {
    MethodTable table;
    WorkPool pool{2};
    Dispatcher dispatcher{table, pool};
    std::shared_ptr<RecordingConnection> client = std::make_shared<RecordingConnection>();
    ConnectionPtr connection = client;
    std::atomic<bool> release{false};

    Fixture() {
        table.method("initialize", Runs::inline_, [](const Call& c) {
            c.connection->lifecycle = Lifecycle::initialized;
            return json::object();
        });
        table.method("echo", Runs::on_worker, [](const Call& c) {
            Params p(c.params);
            const auto text = p.string("text");
            p.done();
            return json(text);
        });
        table.method("slow", Runs::on_worker, [this](const Call& c) {
            while (!release.load() && !c.cancel->load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return json("done");
        });
        table.method("shutdown", Runs::inline_, [](const Call& c) {
            c.connection->lifecycle = Lifecycle::shutting_down;
            return json(nullptr);
        });
    }
    void send(const json& message) { dispatcher.handle(message.dump(), connection); }
    void initialize() {
        send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"}});
        client->wait_for(1);
    }
};

json request(json id, const std::string& method, json params = nullptr) {
    json r = {{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"method", method}};
    if (!params.is_null()) r["params"] = std::move(params);
    return r;
}

}  // namespace

TEST_CASE("dispatch: requests before initialize get -32002, after shutdown -32600") {
    Fixture f;
    f.send(request(1, "echo", {{"text", "x"}}));
    auto sent = f.client->wait_for(1);
    CHECK(sent[0]["error"]["code"] == -32002);
    f.initialize();
    f.send(request(2, "shutdown"));
    f.send(request(3, "echo", {{"text", "x"}}));
    sent = f.client->wait_for(4);
    CHECK(sent[3]["id"] == 3);
    CHECK(sent[3]["error"]["code"] == -32600);
}

TEST_CASE("dispatch: envelope errors and unknown methods") {
    Fixture f;
    f.initialize();
    f.dispatcher.handle("{not json", f.connection);
    // Valid syntax the parser refuses (a number beyond double): found by fuzz_daemon, it used to
    // throw out of the dispatcher and end the daemon.
    f.dispatcher.handle(R"({"jsonrpc": "2.0", "id": 1e400, "method": "echo"})", f.connection);
    f.send({{"jsonrpc", "1.0"}, {"id", 5}, {"method", "echo"}});
    f.send({{"jsonrpc", "2.0"}, {"id", json::object()}, {"method", "echo"}});
    f.send(request(6, "nope"));
    f.send(request(7, "echo", json::array({1})));
    f.send(request(8, "echo", {{"text", 1}}));
    f.send(request(9, "echo", {{"text", "a"}, {"extra", 1}}));
    auto sent = f.client->wait_for(9);
    REQUIRE(sent.size() == 9);
    CHECK(sent[1]["error"]["code"] == -32700);
    CHECK(sent[1]["id"].is_null());
    CHECK(sent[2]["error"]["code"] == -32700);
    sent.erase(sent.begin() + 2);
    CHECK(sent[2]["error"]["code"] == -32600);
    CHECK(sent[2]["id"] == 5);  // a readable id is kept
    CHECK(sent[3]["error"]["code"] == -32600);
    CHECK(sent[3]["id"].is_null());
    CHECK(sent[4]["error"]["code"] == -32601);
    // 7, 8, 9 run on workers: find them by id.
    for (const auto& m : sent) {
        if (m["id"] == 7) CHECK(m["error"]["code"] == -32602);
        if (m["id"] == 8) CHECK(m["error"]["data"]["parameter"] == "text");
        if (m["id"] == 9) CHECK(m["error"]["data"]["parameter"] == "extra");
    }
}

TEST_CASE("dispatch: batches answer in one array; notifications only, no answer; empty batch invalid") {
    Fixture f;
    f.initialize();
    f.send(json::array());
    f.send(json::array({request(1, "echo", {{"text", "a"}}), {{"jsonrpc", "2.0"}, {"method", "initialized"}}, 42,
                        request(2, "echo", {{"text", "b"}})}));
    f.send(json::array({{{"jsonrpc", "2.0"}, {"method", "initialized"}}, {{"jsonrpc", "2.0"}, {"method", "x"}}}));
    f.send(request(3, "echo", {{"text", "c"}}));
    const auto sent = f.client->wait_for(4);
    REQUIRE(sent.size() == 4);
    CHECK(sent[1]["error"]["code"] == -32600);
    json batch, last;
    for (size_t i = 2; i < 4; ++i) (sent[i].is_array() ? batch : last) = sent[i];
    REQUIRE(batch.size() == 3);  // two results and the invalid element
    CHECK(last["result"] == "c");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(f.client->wait_for(4).size() == 4);  // nothing for the notification-only batch
}

TEST_CASE("dispatch: $/cancelRequest answers -32800 at once and the late result is dropped") {
    Fixture f;
    f.initialize();
    f.send(request("job", "slow"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto t0 = std::chrono::steady_clock::now();
    f.send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", "job"}}}});
    auto sent = f.client->wait_for(2);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
    REQUIRE(sent.size() == 2);
    CHECK(sent[1]["id"] == "job");
    CHECK(sent[1]["error"]["code"] == -32800);
    f.pool.wait_idle();
    CHECK(f.client->wait_for(2).size() == 2);  // the handler's own result never goes out
}
