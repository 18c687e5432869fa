// At the default settings the difference between the files must be learnable but not trivial:
// a simple detector on spectral band energies separates them well, while one threshold on a
// line's mean (what a sensor's tilt or offset would give away) does not.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "spectrum.hpp"
#include "vigil/engine/synth/generator.hpp"

using namespace vigil::engine::synth;
using namespace synth_test;

namespace {

struct Separation {
    double band_detector_auc;  // z-scored log band energies, trained on half the regular file
    double mean_accuracy;      // best single threshold on the mean of all values of a line
    double axis_mean_accuracy; // the same on the mean of any one axis (the best axis)
    double rms_accuracy;       // the same on the RMS of a line (reported, not asserted)
};

Separation measure(const SynthSpec& spec) {
    const Generator gen(spec);
    const size_t axes = spec.axes, per_signal = gen.values_per_signal();
    constexpr size_t kBands = 16;
    auto signals = [&](SignalKind kind) {
        std::vector<std::vector<float>> out;
        for (uint32_t i = 0; i < gen.count(kind); ++i) {
            out.emplace_back(per_signal);
            gen.generate(kind, i, out.back());
        }
        return out;
    };
    const auto regular = signals(SignalKind::regular), abnormal = signals(SignalKind::abnormal);

    // Detector: per-feature mean and deviation on the first half of the regular signals,
    // score = mean squared z-score; evaluated on the other half against all abnormal ones.
    const size_t train = regular.size() / 2;
    std::vector<std::vector<double>> train_features;
    for (size_t i = 0; i < train; ++i) train_features.push_back(band_features(regular[i], axes, kBands));
    const size_t nf = train_features[0].size();
    std::vector<double> mean(nf, 0.0), sd(nf, 0.0);
    for (const auto& f : train_features)
        for (size_t j = 0; j < nf; ++j) mean[j] += f[j] / train;
    for (const auto& f : train_features)
        for (size_t j = 0; j < nf; ++j) sd[j] += (f[j] - mean[j]) * (f[j] - mean[j]) / (train - 1);
    auto score = [&](const std::vector<float>& s) {
        const auto f = band_features(s, axes, kBands);
        double z2 = 0.0;
        for (size_t j = 0; j < nf; ++j) z2 += (f[j] - mean[j]) * (f[j] - mean[j]) / (sd[j] + 1e-12);
        return z2 / nf;
    };
    std::vector<double> regular_scores, abnormal_scores;
    for (size_t i = train; i < regular.size(); ++i) regular_scores.push_back(score(regular[i]));
    for (const auto& s : abnormal) abnormal_scores.push_back(score(s));

    auto line_stat = [&](const std::vector<std::vector<float>>& set, int axis, bool rms) {
        std::vector<double> out;
        for (const auto& s : set) {
            double sum = 0.0, sum2 = 0.0;
            size_t n = 0;
            for (size_t v = 0; v < s.size(); ++v) {
                if (axis >= 0 && v % axes != size_t(axis)) continue;
                sum += s[v], sum2 += double(s[v]) * s[v], ++n;
            }
            out.push_back(rms ? std::sqrt(sum2 / n - (sum / n) * (sum / n)) : sum / n);
        }
        return out;
    };
    Separation r{};
    r.band_detector_auc = auc(regular_scores, abnormal_scores);
    r.mean_accuracy = best_threshold_accuracy(line_stat(regular, -1, false), line_stat(abnormal, -1, false));
    for (int a = 0; a < int(axes); ++a)
        r.axis_mean_accuracy = std::max(
            r.axis_mean_accuracy, best_threshold_accuracy(line_stat(regular, a, false), line_stat(abnormal, a, false)));
    r.rms_accuracy = best_threshold_accuracy(line_stat(regular, -1, true), line_stat(abnormal, -1, true));
    return r;
}

}  // namespace

TEST_CASE("default settings: learnable for a spectral detector, not for a mean threshold") {
    for (Machine machine : {Machine::vibration, Machine::current}) {
        for (Fault fault : {Fault::imbalance, Fault::misalignment, Fault::looseness, Fault::outer_race, Fault::inner_race}) {
            SynthSpec spec;  // the CLI's defaults: 3 axes, 1600 Hz, 256 samples, severity 0.5
            spec.signals = spec.abnormal_signals = 120;  // fewer than 200 + 200, for the test's time
            spec.machine = machine;
            spec.fault = fault;
            const Separation s = measure(spec);
            std::printf("synth separability %-9s %-12s: band AUC %.3f, mean %.3f, axis mean %.3f, rms %.3f\n",
                        std::string(to_string(machine)).c_str(), std::string(to_string(fault)).c_str(),
                        s.band_detector_auc, s.mean_accuracy, s.axis_mean_accuracy, s.rms_accuracy);
            INFO(to_string(machine) << " " << to_string(fault));
            CHECK(s.band_detector_auc > 0.95);
            CHECK(s.mean_accuracy < 0.7);
            CHECK(s.axis_mean_accuracy < 0.7);
        }
    }
}

TEST_CASE("severity sets the difficulty: indistinguishable at 0, growing with the severity") {
    for (Fault fault : {Fault::imbalance, Fault::outer_race}) {
        std::vector<double> aucs;
        for (double severity : {0.0, 0.25, 0.35, 0.5}) {
            SynthSpec spec;
            spec.signals = spec.abnormal_signals = 120;
            spec.fault = fault;
            spec.severity = severity;
            aucs.push_back(measure(spec).band_detector_auc);
            std::printf("synth severity sweep %-10s severity %.2f: band AUC %.3f\n", std::string(to_string(fault)).c_str(),
                        severity, aucs.back());
        }
        INFO(to_string(fault));
        CHECK(aucs[0] < 0.7);  // the score is one-sided; chance gives about 0.5
        CHECK(aucs[1] < aucs[3]);
        CHECK(aucs[2] <= aucs[3]);
        CHECK(aucs[3] > 0.95);
    }
}
