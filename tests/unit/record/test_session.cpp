// Whole sessions through a real pseudo-terminal pair: the test writes to the master side, the
// session reads the slave by its name as it would a board's port.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.hpp"
#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/record/serial_port.hpp"
#include "vigil/engine/record/session.hpp"
#include "vigil/engine/util/located_error.hpp"

using namespace vigil::engine::record;
using record_test::TempDir;
using record_test::slurp;

namespace {

struct PtyPair {
    int master = -1, slave = -1;
    std::string name;
    PtyPair() {
        char buf[128];
        REQUIRE(::openpty(&master, &slave, buf, nullptr, nullptr) == 0);
        name = buf;
        struct termios t {};
        ::tcgetattr(slave, &t);
        ::cfmakeraw(&t);  // bytes written before the session opens the port arrive untouched
        ::tcsetattr(slave, TCSANOW, &t);
    }
    ~PtyPair() {
        close_master();
        if (slave >= 0) ::close(slave);
    }
    void write(const std::string& s) const {
        size_t done = 0;
        while (done < s.size()) {
            const ssize_t n = ::write(master, s.data() + done, s.size() - done);
            REQUIRE(n > 0);
            done += size_t(n);
        }
    }
    void close_master() {
        if (master >= 0) ::close(master);
        master = -1;
    }
};

// A line of `values` numbers that passes the checks (distinct, varied).
std::string good_line(size_t values, unsigned seed, char sep = ',') {
    std::string s;
    for (size_t i = 0; i < values; ++i) {
        if (i) s += sep;
        s += std::to_string(int((i * 37 + seed * 11) % 101) - 50) + "." + std::to_string((i + seed) % 10);
    }
    return s + "\n";
}

StreamOptions options(const PtyPair& p, size_t axes, size_t length) {
    StreamOptions o;
    o.port = p.name;
    o.axes = axes;
    o.length = length;
    return o;
}

struct Log {
    std::vector<RecordEvent> events;
    std::vector<Rejection> rejections() const {
        std::vector<Rejection> out;
        for (const auto& e : events)
            if (e.rejection) out.push_back(*e.rejection);
        return out;
    }
    size_t count(EventKind k) const {
        size_t n = 0;
        for (const auto& e : events) n += e.kind == k;
        return n;
    }
};

}  // namespace

TEST_CASE("valid lines are appended whole, bad ones rejected with reason and line, up to --lines") {
    PtyPair pty;
    TempDir dir;
    RecordOptions o;
    static_cast<StreamOptions&>(o) = options(pty, 2, 8);
    o.out = dir.file("rec.csv");
    o.max_signals = 4;
    std::string input = good_line(16, 1);               // line 1: kept
    input += good_line(15, 2);                          // line 2: 15 values
    input += "1,2,3,x,5,6,7,8,9,10,11,12,13,14,15,16\n";  // line 3: non-numeric
    input += good_line(16, 4);                          // line 4: kept
    input += "\n";                                      // line 5: blank
    std::string flat;
    for (int i = 0; i < 16; ++i) flat += i ? ",2.5" : "2.5";
    input += flat + "\n";                               // line 6: constant
    input += good_line(16, 7) + good_line(16, 8) + good_line(16, 9);  // lines 7-9: kept up to 4
    pty.write(input);
    Log log;
    const RecordSummary s = record(o, [&](const RecordEvent& e) { log.events.push_back(e); }, nullptr);
    CHECK(s.stop == StopReason::lines_reached);
    CHECK(s.counters.kept == 4);
    CHECK(s.counters.rejected == 3);
    const auto r = log.rejections();
    REQUIRE(r.size() == 3);
    CHECK(r[0].line == 2);
    CHECK(r[0].reason == "inconsistent_length");
    CHECK(r[0].message == "15 values, expected 16 (8 samples x 2 axes)");
    CHECK(r[1].line == 3);
    CHECK(r[1].reason == "non_numeric");
    CHECK(r[1].column == 7);
    CHECK(r[2].line == 6);
    CHECK(r[2].reason == "constant_signal");
    CHECK(s.rejected_by_reason.at("inconsistent_length") == 1);
    CHECK(s.mode == LineMode::signal);
    CHECK(log.events.front().kind == EventKind::started);
    CHECK(log.events.back().kind == EventKind::stopped);
    CHECK(log.count(EventKind::kept) == 4);
    // The file: exactly the four kept lines, in order, as the board's values.
    const auto loaded = vigil::engine::dataset::load_signal_file(o.out, 2, 1);
    REQUIRE(loaded.ok());
    REQUIRE(loaded.dataset.signals == 4);
    const std::vector<unsigned> seeds = {1, 4, 7, 8};
    for (size_t i = 0; i < 4; ++i) {
        const std::string expected = good_line(16, seeds[i]);
        const auto parsed = vigil::engine::dataset::load_signal_file(dir.write("one.txt", expected), 1, 1);
        const auto row = loaded.dataset.row(i);
        CHECK(std::vector<float>(row.begin(), row.end()) == parsed.dataset.data);
    }
    CHECK(s.file_signals == 4);
    CHECK(s.created);
    CHECK(s.check_status == "errors");  // 4 signals: too_few_signals for vigil check
    CHECK(s.check_findings.front().first == "too_few_signals");
}

TEST_CASE("cancel: the session stops within its poll period, a line without its newline is never written") {
    PtyPair pty;
    TempDir dir;
    RecordOptions o;
    static_cast<StreamOptions&>(o) = options(pty, 1, 6);
    o.out = dir.file("cut.csv");
    pty.write(good_line(6, 1) + good_line(6, 2) + good_line(6, 3) + "1.5,2.5,3");
    std::atomic<bool> cancel{false};
    const RecordSummary s = record(
        o,
        [&](const RecordEvent& e) {
            if (e.kind == EventKind::kept && e.counters.kept == 2) cancel = true;  // the third is already read
        },
        &cancel);
    CHECK(s.stop == StopReason::cancelled);
    CHECK(s.counters.kept == 3);
    CHECK(s.discarded_bytes == 9);
    const std::string text = slurp(o.out);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(text.back() == '\n');
}

TEST_CASE("cancel while waiting for data returns promptly") {
    PtyPair pty;
    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel = true;
    });
    const auto t0 = std::chrono::steady_clock::now();
    const RecordSummary s = stream_signals(options(pty, 1, 4), nullptr, nullptr, &cancel);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stopper.join();
    CHECK(s.stop == StopReason::cancelled);
    CHECK(waited < 5.0);  // generous: the poll period is 100 ms; this only guards against a hang
}

TEST_CASE("the port closing ends the session with port_closed, after what it sent") {
    PtyPair pty;
    std::atomic<size_t> kept{0};
    std::thread board([&] {
        pty.write(good_line(4, 1) + good_line(4, 2));
        for (int i = 0; i < 500 && kept < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ::close(pty.slave);  // our own handle too, or the pty lives on
        pty.slave = -1;
        pty.close_master();
    });
    std::vector<std::vector<float>> got;
    const RecordSummary s = stream_signals(
        options(pty, 1, 4), [&](const AssembledSignal& sig, const Counters&) { got.push_back(sig.values); },
        [&](const RecordEvent& e) { kept = e.counters.kept; }, nullptr);
    board.join();
    CHECK(s.stop == StopReason::port_closed);
    CHECK(got.size() == 2);
}

TEST_CASE("sample mode: lines of one sample make signals, auto decides from the first line") {
    PtyPair pty;
    std::string input;
    for (int t = 0; t < 9; ++t) input += std::to_string(t) + ".5 " + std::to_string(t * t) + "\n";
    pty.write(input);
    StreamOptions o = options(pty, 2, 4);
    o.max_signals = 2;
    std::vector<AssembledSignal> got;
    const RecordSummary s = stream_signals(
        o, [&](const AssembledSignal& sig, const Counters&) { got.push_back(sig); }, nullptr, nullptr);
    CHECK(s.mode == LineMode::sample);
    REQUIRE(got.size() == 2);
    CHECK(got[0].first_line == 1);
    CHECK(got[0].last_line == 4);
    CHECK(got[1].first_line == 5);
    CHECK(got[1].values == std::vector<float>{4.5f, 16, 5.5f, 25, 6.5f, 36, 7.5f, 49});
    CHECK(got[1].separator == ' ');
}

TEST_CASE("an idle port gets one notice, the link's capacity is compared with --rate") {
    PtyPair pty;
    StreamOptions o = options(pty, 1, 4);
    o.idle_notice_s = 0.2;
    o.rate_hz = 1000.0;  // 4 samples last 4 ms; the ~20-byte line takes ~21 ms at 9600 baud
    o.baud = 9600;
    o.max_signals = 1;
    Log log;
    std::thread board([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        pty.write(good_line(4, 3));
    });
    const RecordSummary s = stream_signals(o, nullptr, [&](const RecordEvent& e) { log.events.push_back(e); }, nullptr);
    board.join();
    CHECK(s.counters.kept == 1);
    std::vector<std::string> notices;
    for (const auto& e : log.events)
        if (e.kind == EventKind::notice) notices.push_back(e.notice);
    CHECK(notices == std::vector<std::string>{"idle", "link_capacity"});
}

TEST_CASE("errors name the port, the baud or the option") {
    TempDir dir;
    StreamOptions o;
    o.axes = 1;
    o.length = 4;
    o.port = dir.file("nothing-here");
    CHECK_THROWS_AS(stream_signals(o, nullptr, nullptr, nullptr), PortError);
    CHECK_THROWS_WITH(stream_signals(o, nullptr, nullptr, nullptr),
                      Catch::Contains(o.port) && Catch::Contains("cannot open the serial port"));
    o.port = dir.write("plain.txt", "1 2 3 4\n");
    CHECK_THROWS_WITH(stream_signals(o, nullptr, nullptr, nullptr), Catch::Contains("not a serial port"));
    o.baud = 12345;
    try {
        stream_signals(o, nullptr, nullptr, nullptr);
        FAIL("not refused");
    } catch (const vigil::engine::util::ParameterError& e) {
        CHECK(e.parameter == "baud");
        CHECK(std::string(e.what()).find("115200") != std::string::npos);
    }
    o.baud = 115200;
    o.axes = 0;
    try {
        stream_signals(o, nullptr, nullptr, nullptr);
        FAIL("not refused");
    } catch (const vigil::engine::util::ParameterError& e) {
        CHECK(e.parameter == "axes");
    }
}

TEST_CASE("a file created for a recording that kept nothing is removed, a refused port leaves no file") {
    PtyPair pty;
    TempDir dir;
    RecordOptions o;
    static_cast<StreamOptions&>(o) = options(pty, 1, 4);
    o.out = dir.file("never.csv");
    std::atomic<bool> cancel{true};
    const RecordSummary s = record(o, nullptr, &cancel);
    CHECK(s.check_status == "none");
    CHECK_FALSE(std::filesystem::exists(o.out));
    o.port = dir.file("no-port");
    CHECK_THROWS_AS(record(o, nullptr, nullptr), PortError);
    CHECK_FALSE(std::filesystem::exists(o.out));
}

TEST_CASE("events and the summary have a JSON form") {
    RecordEvent e;
    e.kind = EventKind::rejected;
    e.rejection = Rejection{"inconsistent_length", "767 values, expected 768 (256 samples x 3 axes)", 12, 0, 12, 12};
    e.counters.kept = 3;
    const auto j = to_json(e);
    CHECK(j["kind"] == "rejected");
    CHECK(j["rejection"]["reason"] == "inconsistent_length");
    CHECK(j["rejection"]["line"] == 12);
    CHECK(j["rejection"]["column"].is_null());
    CHECK(j["counters"]["kept"] == 3);
    RecordSummary s;
    s.out = "x.csv";
    s.stop = StopReason::lines_reached;
    const auto js = to_json(s);
    CHECK(js["schema"] == "vigil.record/1");
    CHECK(js["stop"] == "lines_reached");
    CHECK(js["out"] == "x.csv");
}

TEST_CASE("a rejected first line says the recording may have started in the middle of it") {
    PtyPair pty;
    pty.write("7,0.25\n" + good_line(4, 1));  // the tail of a line sent before the port was opened
    StreamOptions o = options(pty, 1, 4);
    o.max_signals = 1;
    Log log;
    stream_signals(o, nullptr, [&](const RecordEvent& e) { log.events.push_back(e); }, nullptr);
    const auto r = log.rejections();
    REQUIRE(r.size() == 1);
    CHECK(r[0].line == 1);
    CHECK(r[0].message == "2 values, expected 4 (4 samples x 1 axis) or 1 (one sample); it is the first line received: "
                          "the recording may have started in the middle of it");
}
