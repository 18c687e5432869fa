#include "vigil/engine/emulation/emulator_session.hpp"

#include <stdexcept>

#include "vigil/engine/dataset/loader.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::emulation {

using util::LocatedError;
using util::ParameterError;

std::string status_text(vigil_status s) {
    switch (s) {
        case VIGIL_OK: return "ok";
        case VIGIL_NOT_INITIALIZED: return "not initialized";
        case VIGIL_LEARNING_IN_PROGRESS: return "learning in progress";
        case VIGIL_LEARNING_DONE: return "learning done";
        case VIGIL_BAD_ARGUMENT: return "bad argument";
        case VIGIL_BAD_KNOWLEDGE: return "bad knowledge";
    }
    return "unknown status";
}

dataset::Dataset load_signals(const std::string& path, const vigil_recipe& recipe) {
    dataset::LoadResult report = dataset::load_signal_file(path, recipe.axes, /*min_signals=*/1);
    if (report.error) {
        const auto& e = *report.error;
        throw LocatedError(e.file, e.line, e.column, e.message + (e.hint.empty() ? "" : " (" + e.hint + ")"));
    }
    if (report.dataset.length != recipe.length)
        throw LocatedError(path, 0, 0,
                           "signals of " + std::to_string(report.dataset.length) +
                               " samples per axis, the library expects " + std::to_string(recipe.length));
    return std::move(report.dataset);
}

dataset::Dataset signals_from_rows(const std::vector<std::vector<double>>& rows, const vigil_recipe& recipe) {
    dataset::Dataset d;
    d.axes = recipe.axes;
    d.length = recipe.length;
    d.signals = rows.size();
    d.data.reserve(rows.size() * d.row_size());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != d.row_size())
            throw ParameterError("signals", "signal " + std::to_string(i) + " has " + std::to_string(rows[i].size()) +
                                                " values, the library expects " + std::to_string(d.row_size()) + " (" +
                                                std::to_string(recipe.axes) + " axes x " +
                                                std::to_string(recipe.length) + " samples, interleaved)");
        for (double v : rows[i]) d.data.push_back(float(v));
        d.source_lines.push_back(i + 1);
    }
    return d;
}

EmulatorSession::EmulatorSession(const vigil_recipe& recipe)
    : recipe_(recipe), state_((vigil_model_state_size(&recipe) + 7) / 8) {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("the recipe is not valid");
    init();
}

void EmulatorSession::init() {
    if (vigil_model_init(state_.data(), state_.size() * 8, &recipe_) != VIGIL_OK)
        throw std::invalid_argument("the runtime refused the recipe");
}

void EmulatorSession::set_sensitivity(double sensitivity) {
    if (vigil_model_set_sensitivity(state_.data(), float(sensitivity)) != VIGIL_OK)
        throw ParameterError("sensitivity", "sensitivity " + std::to_string(sensitivity) + " is refused by the runtime");
}

double EmulatorSession::sensitivity() const { return vigil_model_get_sensitivity(state_.data()); }

uint32_t EmulatorSession::learn_count() const { return vigil_model_learn_count(state_.data()); }

vigil_status EmulatorSession::learn_signal(const float* signal) { return vigil_model_learn(state_.data(), signal); }

SignalDetection EmulatorSession::detect_signal(const float* signal) {
    SignalDetection d;
    d.status = vigil_model_detect(state_.data(), signal, &d.similarity);
    if (d.status == VIGIL_OK) d.exact_status = vigil_model_similarity(state_.data(), signal, &d.exact);
    return d;
}

size_t EmulatorSession::learn(const dataset::Dataset& data, const std::string& source) {
    for (size_t i = 0; i < data.signals; ++i) {
        const vigil_status s = learn_signal(data.row(i).data());
        if (s != VIGIL_LEARNING_IN_PROGRESS && s != VIGIL_LEARNING_DONE)
            throw LocatedError(source, data.source_lines[i], 0, "learn refused (" + status_text(s) + ")");
    }
    return data.signals;
}

std::vector<Detection> EmulatorSession::detect(const dataset::Dataset& data, const std::string& source) {
    std::vector<Detection> out;
    out.reserve(data.signals);
    for (size_t i = 0; i < data.signals; ++i) {
        Detection d;
        d.line = data.source_lines[i];
        const SignalDetection one = detect_signal(data.row(i).data());
        const vigil_status s = one.status != VIGIL_OK ? one.status : one.exact_status;
        d.similarity = one.similarity;
        d.exact = one.exact;
        if (s == VIGIL_NOT_INITIALIZED)
            throw std::runtime_error("detect needs " + std::to_string(recipe_.min_learn) +
                                     " learn calls first, the library has " + std::to_string(learn_count()));
        if (s != VIGIL_OK) throw LocatedError(source, d.line, 0, "detect refused (" + status_text(s) + ")");
        d.anomaly = d.similarity < VIGIL_SIMILARITY_THRESHOLD;
        out.push_back(d);
    }
    return out;
}

std::string EmulatorSession::save_knowledge() const {
    std::string blob(vigil_model_knowledge_size(state_.data()), '\0');
    const vigil_status s = vigil_model_knowledge_save(state_.data(), blob.data(), blob.size());
    if (s != VIGIL_OK) throw std::runtime_error("cannot save the knowledge: " + status_text(s));
    return blob;
}

void EmulatorSession::load_knowledge(const std::string& blob, const std::string& source) {
    const vigil_status s = vigil_model_knowledge_load(state_.data(), blob.data(), blob.size());
    if (s != VIGIL_OK) throw std::runtime_error(source + ": not knowledge of this library (" + status_text(s) + ")");
}

}  // namespace vigil::engine::emulation
