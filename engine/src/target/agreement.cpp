#include "vigil/engine/target/agreement.hpp"

#include <cstdio>
#include <cstring>

namespace vigil::engine::target {

namespace {

std::string status_name(uint32_t s) {
    return emulation::status_text(static_cast<vigil_status>(s)) + " (" + std::to_string(s) + ")";
}

std::string float_text(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, 4);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g (0x%08x)", static_cast<double>(f), bits);
    return buf;
}

uint32_t bits_of(float f) {
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
}

void append(TestSignals& t, std::vector<float>& data, std::vector<SignalSource>& sources, const std::string& file,
            const vigil_recipe& recipe) {
    const dataset::Dataset d = emulation::load_signals(file, recipe);
    data.insert(data.end(), d.data.begin(), d.data.end());
    for (size_t i = 0; i < d.signals; ++i) sources.push_back({file, d.source_lines[i]});
    t.floats = static_cast<uint32_t>(d.row_size());
}

}  // namespace

TestSignals load_test_signals(const std::vector<std::string>& learn_files, const std::vector<std::string>& detect_files,
                              const vigil_recipe& recipe) {
    TestSignals t;
    t.floats = uint32_t{recipe.axes} * recipe.length;
    for (const auto& f : learn_files) append(t, t.learn, t.learn_sources, f, recipe);
    for (const auto& f : detect_files) append(t, t.detect, t.detect_sources, f, recipe);
    return t;
}

EmulatorRun emulate(const vigil_recipe& recipe, const TestSignals& signals) {
    emulation::EmulatorSession session(recipe);  // its constructor ran vigil_model_init: OK
    EmulatorRun run;
    for (size_t i = 0; i < signals.learn_count(); ++i)
        run.learn.push_back(session.learn_signal(signals.learn.data() + i * signals.floats));
    for (size_t i = 0; i < signals.detect_count(); ++i)
        run.detect.push_back(session.detect_signal(signals.detect.data() + i * signals.floats));
    return run;
}

Agreement compare(const FirmwareResult& board, const EmulatorRun& emu, const TestSignals& signals) {
    Agreement a;
    const auto differ = [&](const char* call, size_t index, SignalSource source, const char* field, std::string b,
                            std::string e) {
        if (!a.first_difference) a.first_difference = Difference{call, index, std::move(source), field, std::move(b), std::move(e)};
        return false;
    };
    a.total = 1 + emu.learn.size() + emu.detect.size();
    a.init_match = board.init_status == uint32_t(emu.init) ||
                   differ("init", 0, {}, "status", status_name(board.init_status), status_name(emu.init));
    a.matching += a.init_match;
    for (size_t i = 0; i < emu.learn.size(); ++i) {
        const bool ok = board.learn.at(i).status == uint32_t(emu.learn[i]) ||
                        differ("learn", i, signals.learn_sources.at(i), "status", status_name(board.learn[i].status),
                               status_name(emu.learn[i]));
        a.learn_match.push_back(ok);
        a.matching += ok;
    }
    for (size_t i = 0; i < emu.detect.size(); ++i) {
        const auto& b = board.detect.at(i);
        const auto& e = emu.detect[i];
        const auto& src = signals.detect_sources.at(i);
        bool ok = b.status == uint32_t(e.status) ||
                  differ("detect", i, src, "status", status_name(b.status), status_name(e.status));
        if (ok && e.status == VIGIL_OK) {
            ok = (b.similarity == e.similarity ||
                  differ("detect", i, src, "similarity", std::to_string(b.similarity), std::to_string(e.similarity))) &&
                 (b.exact_status == uint32_t(e.exact_status) ||
                  differ("detect", i, src, "similarity status", status_name(b.exact_status), status_name(e.exact_status))) &&
                 (e.exact_status != VIGIL_OK || b.exact_bits == bits_of(e.exact) ||
                  differ("detect", i, src, "exact similarity", float_text(b.exact_bits), float_text(bits_of(e.exact))));
        }
        a.detect_match.push_back(ok);
        a.matching += ok;
    }
    return a;
}

}  // namespace vigil::engine::target
