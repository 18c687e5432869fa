// libFuzzer target for the signal-file parser.
//
// Input: byte 0 picks the axes (1..4) and byte 1 the chunk size the text is fed in (1..64,
// or whole); the rest is the file. Besides crashes and sanitizer reports it checks two
// properties that must hold for every input:
//  1. Streaming does not change the result: the text fed in small chunks and in one piece
//     gives the same error (kind, line, column) or the same floats.
//  2. A successful parse is a well-formed matrix: signals x length x axes finite floats,
//     at least kMinSignals rows, strictly increasing source lines.
//  3. The fast float parser agrees with std::from_chars (result, end, bits) on the first
//     up-to-40 bytes of the text taken as one token.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <charconv>

#include "vigil/engine/dataset/float_parse.hpp"
#include "vigil/engine/dataset/signal_parser.hpp"

using vigil::engine::dataset::SignalParser;

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_signal_parser: property violated: %s\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const size_t axes = 1 + data[0] % 4;
    const size_t chunk = data[1] % 65;  // 0: whole
    std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

    {
        const std::string_view token = text.substr(0, 40);
        float a = 1.0f, b = 1.0f;
        const auto fa = vigil::engine::dataset::parse_float(token.data(), token.data() + token.size(), a);
        const auto fb = std::from_chars(token.data(), token.data() + token.size(), b, std::chars_format::general);
        check(fa.ec == fb.ec && fa.ptr == fb.ptr, "parse_float ends like from_chars");
        check(fa.ec != std::errc() || std::memcmp(&a, &b, sizeof a) == 0, "parse_float equals from_chars");
    }

    SignalParser whole("fuzz.csv", axes, text.size());
    whole.feed(text);
    whole.finish();

    SignalParser pieces("fuzz.csv", axes, 0);
    if (chunk == 0) {
        pieces.feed(text);
    } else {
        for (size_t at = 0; at < text.size(); at += chunk) pieces.feed(text.substr(at, chunk));
    }
    pieces.finish();

    check(whole.error().has_value() == pieces.error().has_value(), "same outcome whole and in chunks");
    if (whole.error()) {
        const auto& a = *whole.error();
        const auto& b = *pieces.error();
        check(a.kind == b.kind && a.line == b.line && a.column == b.column, "same error whole and in chunks");
        check(!a.kind.empty() && !a.message.empty() && !a.hint.empty(), "errors are explained");
        check(whole.dataset().data.empty(), "no data after an error");
        return 0;
    }
    const auto& d = whole.dataset();
    const auto& e = pieces.dataset();
    check(d.axes == axes && d.signals >= SignalParser::kMinSignals, "shape");
    check(d.data.size() == d.signals * d.length * d.axes, "matrix size");
    check(d.source_lines.size() == d.signals, "one source line per signal");
    for (size_t i = 1; i < d.source_lines.size(); ++i) check(d.source_lines[i] > d.source_lines[i - 1], "lines increase");
    for (float v : d.data) check(std::isfinite(v), "finite values");
    check(d.data.size() == e.data.size() && std::memcmp(d.data.data(), e.data.data(), d.data.size() * sizeof(float)) == 0,
          "same floats whole and in chunks");
    check(whole.format().separator == pieces.format().separator && whole.format().bom == pieces.format().bom &&
              whole.format().crlf == pieces.format().crlf,
          "same format whole and in chunks");
    return 0;
}
