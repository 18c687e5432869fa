#include "vigil/engine/target/test_protocol.hpp"

#include <cstring>
#include <regex>

#include "vigil/engine/target/errors.hpp"

namespace vigil::engine::target {

namespace {

constexpr size_t kHeaderWords = 7;  // magic, recipe, counter kind, running, overhead, init status, L
constexpr size_t kLearnWords = 2;
constexpr size_t kDetectWords = 5;

void put(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

uint32_t word(std::string_view b, size_t index) {
    const size_t at = index * 4;
    return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 | uint32_t(uint8_t(b[at + 2])) << 16 |
           uint32_t(uint8_t(b[at + 3])) << 24;
}

void put_floats(std::string& out, const std::vector<float>& values) {
    for (float f : values) {
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        put(out, bits);
    }
}

[[noreturn]] void malformed(const std::string& what) {
    throw DeviceError(DeviceErrorKind::protocol, "the test firmware's result is malformed: " + what);
}

std::optional<std::string> line_after(std::string_view output, const std::string& prefix) {
    size_t at = output.find(prefix);
    if (at == std::string_view::npos) return std::nullopt;
    at += prefix.size();
    size_t end = output.find('\n', at);
    if (end == std::string_view::npos) end = output.size();
    std::string text(output.substr(at, end - at));
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

std::string encode_job(uint32_t recipe_id, uint32_t floats, const std::vector<float>& learn,
                       const std::vector<float>& detect) {
    if (floats == 0 || learn.size() % floats || detect.size() % floats)
        throw std::invalid_argument("encode_job: signals are not whole");
    std::string out;
    out.reserve(20 + 4 * (learn.size() + detect.size()));
    put(out, kJobMagic);
    put(out, recipe_id);
    put(out, floats);
    put(out, static_cast<uint32_t>(learn.size() / floats));
    put(out, static_cast<uint32_t>(detect.size() / floats));
    put_floats(out, learn);
    put_floats(out, detect);
    return out;
}

std::optional<Completion> find_completion(std::string_view output) {
    static const std::regex re(R"((?:^|\n)VIGIL-TEST-DONE (\d+) ([0-9a-f]{8})\r?(?:\n|$))");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(output.begin(), output.end(), m, re)) return std::nullopt;
    Completion c;
    c.words = static_cast<uint32_t>(std::stoul(m[1].str()));
    c.fnv1a32 = static_cast<uint32_t>(std::stoul(m[2].str(), nullptr, 16));
    return c;
}

std::optional<std::string> find_firmware_error(std::string_view output) {
    return line_after(output, "VIGIL-TEST-ERROR ");
}

std::optional<std::string> find_fault(std::string_view output) { return line_after(output, "VIGIL-FAULT: "); }

uint32_t fnv1a32(std::string_view bytes) {
    uint32_t h = 2166136261u;
    for (unsigned char c : bytes) h = (h ^ c) * 16777619u;
    return h;
}

FirmwareResult decode_result(std::string_view b, const Completion& done, uint32_t recipe_id, size_t learn,
                             size_t detect) {
    if (b.size() % 4) malformed(std::to_string(b.size()) + " bytes, not whole 32-bit words");
    if (b.size() / 4 != done.words)
        malformed("result.bin holds " + std::to_string(b.size() / 4) + " words, the firmware reported " +
                  std::to_string(done.words));
    if (fnv1a32(b) != done.fnv1a32) malformed("result.bin's checksum differs from the one the firmware reported");
    const size_t expected = kHeaderWords + kLearnWords * learn + 1 + kDetectWords * detect;
    if (done.words != expected)
        malformed(std::to_string(done.words) + " words for " + std::to_string(learn) + " learn and " +
                  std::to_string(detect) + " detect signals, expected " + std::to_string(expected));
    FirmwareResult r;
    if (word(b, 0) != kResultMagic) malformed("no VTR1 magic");
    r.recipe_id = word(b, 1);
    if (r.recipe_id != recipe_id) malformed("it comes from another library (recipe id)");
    r.counter_kind = word(b, 2);
    r.counter_running = word(b, 3) != 0;
    r.overhead = word(b, 4);
    r.init_status = word(b, 5);
    if (word(b, 6) != learn) malformed("learn count " + std::to_string(word(b, 6)) + ", sent " + std::to_string(learn));
    size_t at = kHeaderWords;
    for (size_t i = 0; i < learn; ++i, at += kLearnWords) r.learn.push_back({word(b, at), word(b, at + 1)});
    if (word(b, at) != detect) malformed("detect count " + std::to_string(word(b, at)) + ", sent " + std::to_string(detect));
    ++at;
    for (size_t i = 0; i < detect; ++i, at += kDetectWords)
        r.detect.push_back({word(b, at), word(b, at + 1), word(b, at + 2), word(b, at + 3), word(b, at + 4)});
    return r;
}

size_t calls_done(size_t result_bytes, size_t learn) {
    const size_t words = result_bytes / 4;
    if (words <= kHeaderWords) return 0;
    const size_t learned = std::min(learn, (words - kHeaderWords) / kLearnWords);
    if (learned < learn) return learned;
    const size_t after = kHeaderWords + kLearnWords * learn + 1;
    return learn + (words > after ? (words - after) / kDetectWords : 0);
}

std::string progress_text(size_t result_bytes, size_t learn, size_t detect) {
    if (result_bytes / 4 < kHeaderWords) return "before the first learn call (while starting up)";
    const size_t done = calls_done(result_bytes, learn);
    if (done < learn) return "in learn call " + std::to_string(done + 1) + " of " + std::to_string(learn);
    if (done - learn < detect) return "in detect call " + std::to_string(done - learn + 1) + " of " + std::to_string(detect);
    return "after the last call (while finishing)";
}

std::vector<uint64_t> icount_marks(std::string_view output) {
    static const std::regex re(R"(icount-mark (\d+) (\d+))");
    std::vector<uint64_t> marks;
    for (std::regex_iterator<std::string_view::const_iterator> it(output.begin(), output.end(), re), end; it != end; ++it) {
        const size_t k = std::stoull((*it)[1].str());
        if (k != marks.size()) break;  // out of order: stop at what is consistent
        marks.push_back(std::stoull((*it)[2].str()));
    }
    return marks;
}

}  // namespace vigil::engine::target
