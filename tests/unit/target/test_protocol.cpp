// The host side of the test firmware's protocol (probes/target_test/target_test.c): the job
// it reads, the result it writes, the completion line, how far a partial result got, the
// instruction counter's marks.
#include <catch2/catch.hpp>

#include <cstring>

#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/target/test_protocol.hpp"

namespace tgt = vigil::engine::target;

namespace {

void put(std::string& s, uint32_t v) {
    for (int i = 0; i < 4; ++i) s.push_back(char((v >> (8 * i)) & 0xff));
}

// What the firmware writes for 2 learn and 1 detect signals.
std::string sample_result(uint32_t recipe) {
    std::string r;
    for (uint32_t v : {tgt::kResultMagic, recipe, 1u, 1u, 7u, 0u, 2u}) put(r, v);
    for (uint32_t v : {2u, 1007u, 3u, 2007u}) put(r, v);  // learn: in progress, done
    put(r, 1u);
    float exact = 97.25f;
    uint32_t bits;
    std::memcpy(&bits, &exact, 4);
    for (uint32_t v : {0u, 97u, 0u, bits, 507u}) put(r, v);
    return r;
}

}  // namespace

TEST_CASE("the job: header words then the signals as little-endian floats") {
    const std::string job = tgt::encode_job(0xabcdef01u, 2, {1.0f, 2.0f, 3.0f, 4.0f}, {-1.5f, 0.0f});
    REQUIRE(job.size() == 20 + 6 * 4);
    CHECK(job.substr(0, 4) == "VGT1");
    CHECK(uint8_t(job[4]) == 0x01);
    CHECK(uint8_t(job[7]) == 0xab);
    CHECK(uint8_t(job[12]) == 2);  // learn signals
    CHECK(uint8_t(job[16]) == 1);  // detect signals
    float f;
    std::memcpy(&f, job.data() + 20 + 4 * 4, 4);
    CHECK(f == -1.5f);
    CHECK_THROWS_AS(tgt::encode_job(1, 3, {1.0f, 2.0f}, {}), std::invalid_argument);
}

TEST_CASE("a result is decoded only with its completion line's size and checksum") {
    const std::string r = sample_result(0x1234);
    const auto done = tgt::find_completion("VIGIL-TEST-START vigil-1234\nVIGIL-TEST-DONE 17 " + [&] {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08x", tgt::fnv1a32(r));
        return std::string(buf);
    }() + "\n");
    REQUIRE(done);
    CHECK(done->words == 17);  // 7 header words, 2 x 2 learn, the detect count, 5 for the detect
    const auto result = tgt::decode_result(r, *done, 0x1234, 2, 1);
    CHECK(result.counter_running);
    CHECK(result.overhead == 7);
    REQUIRE(result.learn.size() == 2);
    CHECK(result.learn[1].status == 3);
    CHECK(result.learn[1].cycles == 2007);
    REQUIRE(result.detect.size() == 1);
    CHECK(result.detect[0].similarity == 97);

    auto changed = r;
    changed[8 * 4] ^= 1;  // one bit of the second learn word
    CHECK_THROWS_WITH(tgt::decode_result(changed, *done, 0x1234, 2, 1), Catch::Contains("checksum"));
    CHECK_THROWS_WITH(tgt::decode_result(r, *done, 0x9999, 2, 1), Catch::Contains("another library"));
    CHECK_THROWS_WITH(tgt::decode_result(r, *done, 0x1234, 3, 1), Catch::Contains("expected"));
    try {
        tgt::decode_result(r.substr(0, 60), *done, 0x1234, 2, 1);
        FAIL("a short result was accepted");
    } catch (const tgt::DeviceError& e) {
        CHECK(e.kind == tgt::DeviceErrorKind::protocol);
    }
}

TEST_CASE("completion, refusal and fault lines") {
    CHECK_FALSE(tgt::find_completion("VIGIL-TEST-DONE 12\n"));
    CHECK_FALSE(tgt::find_completion("xVIGIL-TEST-DONE 1 00000000\n"));
    CHECK(tgt::find_completion("VIGIL-TEST-DONE 1 0000abcd\r\n")->fnv1a32 == 0xabcd);
    CHECK(tgt::find_firmware_error("VIGIL-TEST-START x\nVIGIL-TEST-ERROR job.bin is truncated\n") ==
          std::string("job.bin is truncated"));
    CHECK(tgt::find_fault("about to fault\nVIGIL-FAULT: processor fault (HardFault)\n") ==
          std::string("processor fault (HardFault)"));
    CHECK(tgt::fnv1a32("") == 2166136261u);
}

TEST_CASE("how far a partial result got") {
    CHECK(tgt::progress_text(0, 24, 20) == "before the first learn call (while starting up)");
    CHECK(tgt::progress_text(7 * 4, 24, 20) == "in learn call 1 of 24");
    CHECK(tgt::progress_text((7 + 2 * 5) * 4, 24, 20) == "in learn call 6 of 24");
    CHECK(tgt::calls_done((7 + 2 * 24 + 1 + 5 * 3) * 4, 24) == 27);
    CHECK(tgt::progress_text((7 + 2 * 24 + 1 + 5 * 3) * 4, 24, 20) == "in detect call 4 of 20");
    CHECK(tgt::progress_text((7 + 2 * 24 + 1 + 5 * 20) * 4, 24, 20) == "after the last call (while finishing)");
}

TEST_CASE("instruction counter marks in order") {
    const auto marks = tgt::icount_marks("noise\nicount-mark 0 100\nicount-mark 1 104\nicount-mark 2 200\nicount-total 300\n");
    CHECK(marks == std::vector<uint64_t>{100, 104, 200});
    CHECK(tgt::icount_marks("icount-mark 1 5\n").empty());
}
