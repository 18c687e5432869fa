// Warnings read from the values of each signal: constant data, repeated samples, duplicated
// signals, clipping.
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "checks_internal.hpp"

namespace vigil::engine::dataset::detail {

namespace {

bool signal_is_constant(const Dataset& d, size_t s) {
    const auto row = d.row(s);
    for (size_t j = d.axes; j < row.size(); ++j)
        if (row[j] != row[j % d.axes]) return false;
    return true;
}

// Signal indices ordered by decreasing score, keeping only positive scores.
std::vector<size_t> worst_first(const std::vector<double>& score) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < score.size(); ++i)
        if (score[i] > 0) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    return idx;
}

std::vector<uint64_t> lines_of(const Dataset& d, const std::vector<size_t>& signals) {
    std::vector<uint64_t> lines;
    for (size_t i = 0; i < signals.size() && i < kMaxListedLines; ++i) lines.push_back(d.source_lines[signals[i]]);
    return lines;
}

}  // namespace

void check_constant(const CheckContext& c) {
    const Dataset& d = c.d;
    if (d.axes > 1) {
        for (size_t a = 0; a < d.axes; ++a) {
            const Summary& s = c.stats.axes[a].summary;
            if (s.min == s.max) {
                c.warn("constant_axis",
                       axis_name(a, d.axes) + " never changes: it is " + std::to_string(s.min) + " in every signal",
                       "check that this axis of the sensor is connected and enabled, or record fewer axes",
                       d.source_lines.front());
            }
        }
    }
    std::vector<size_t> constant;
    for (size_t s = 0; s < d.signals; ++s)
        if (signal_is_constant(d, s)) constant.push_back(s);
    if (!constant.empty()) {
        c.warn("constant_signal",
               std::to_string(constant.size()) + " signal(s) are constant (every sample equal): lines " +
                   list_lines(lines_of(d, constant), constant.size()),
               "a constant signal carries no information: check the sensor, then remove these lines", 0, constant);
    }
}

void check_repetition(const CheckContext& c) {
    const Dataset& d = c.d;
    if (d.length < 2) return;
    std::vector<double> fraction(d.signals, 0.0);
    size_t repeats = 0, pairs = 0;
    for (size_t s = 0; s < d.signals; ++s) {
        if (signal_is_constant(d, s)) continue;  // reported as constant_signal
        const float* row = d.data.data() + s * d.row_size();
        size_t n = 0;
        for (size_t t = 1; t < d.length; ++t)
            if (std::memcmp(row + t * d.axes, row + (t - 1) * d.axes, d.axes * sizeof(float)) == 0) ++n;
        fraction[s] = double(n) / double(d.length - 1);
        repeats += n;
        pairs += d.length - 1;
    }
    if (pairs == 0) return;
    const double total = double(repeats) / double(pairs);
    if (total < thresholds::kRepetitionFraction) return;
    const auto worst = worst_first(fraction);
    c.warn("data_repetition",
           percent(total) + " of successive samples repeat the previous sample exactly (worst: line " +
               std::to_string(d.source_lines[worst.front()]) + ", " + percent(fraction[worst.front()]) + ")",
           "the sensor was probably read faster than it produces data: read it at its output data rate, "
           "or raise the sensor's rate",
           0, worst);
}

void check_duplicates(const CheckContext& c) {
    const Dataset& d = c.d;
    const size_t bytes = d.row_size() * sizeof(float);
    std::unordered_map<uint64_t, std::vector<size_t>> seen;  // hash -> first signals with it
    std::vector<size_t> duplicates;
    size_t first_original = 0;
    for (size_t s = 0; s < d.signals; ++s) {
        const unsigned char* p = reinterpret_cast<const unsigned char*>(d.data.data() + s * d.row_size());
        uint64_t h = 1469598103934665603ull;  // FNV-1a
        for (size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ull;
        auto& bucket = seen[h];
        bool dup = false;
        for (size_t o : bucket) {
            if (std::memcmp(p, d.data.data() + o * d.row_size(), bytes) == 0) {
                if (duplicates.empty()) first_original = o;
                dup = true;
                break;
            }
        }
        if (dup) {
            duplicates.push_back(s);
        } else {
            bucket.push_back(s);
        }
    }
    if (duplicates.empty()) return;
    c.warn("duplicate_signals",
           std::to_string(duplicates.size()) + " signal(s) repeat an earlier line exactly (first: line " +
               std::to_string(d.source_lines[duplicates.front()]) + " = line " +
               std::to_string(d.source_lines[first_original]) + "): lines " +
               list_lines(lines_of(d, duplicates), duplicates.size()),
           "remove the copies: duplicated signals weigh twice in learning and inflate test scores", 0, duplicates);
}

void check_clipping(const CheckContext& c) {
    const Dataset& d = c.d;
    const size_t values = d.signals * d.length;
    for (size_t a = 0; a < d.axes; ++a) {
        const Summary& sum = c.stats.axes[a].summary;
        if (sum.min == sum.max) continue;  // constant: reported elsewhere
        for (int side = 0; side < 2; ++side) {
            const float extreme = static_cast<float>(side == 0 ? sum.max : sum.min);
            // Count the extreme and the next level inwards: clipping piles values up on the
            // rail, so the extreme is more frequent than its neighbour; a natural peak is rarer.
            size_t at_extreme = 0, at_next = 0;
            bool have_next = false;
            float next = 0.0f;
            std::vector<double> per_signal(d.signals, 0.0);
            for (size_t s = 0; s < d.signals; ++s) {
                for (size_t t = 0; t < d.length; ++t) {
                    const float v = d.at(s, t, a);
                    if (v == extreme) {
                        ++at_extreme;
                        per_signal[s] += 1.0;
                    } else {
                        const bool inner = side == 0 ? v < extreme : v > extreme;
                        const bool closer = side == 0 ? v > next : v < next;
                        if (inner && (!have_next || closer)) {
                            next = v;
                            at_next = 1;
                            have_next = true;
                        } else if (have_next && v == next) {
                            ++at_next;
                        }
                    }
                }
            }
            const double fraction = double(at_extreme) / double(values);
            if (at_extreme < 3 || fraction < thresholds::kClippingFraction ||
                double(at_extreme) < thresholds::kClippingPileUp * double(at_next))
                continue;
            const auto lines = worst_first(per_signal);
            c.warn("clipping",
                   axis_name(a, d.axes) + ": " + percent(fraction) + " of the values sit exactly at the file's " +
                       (side == 0 ? "maximum " : "minimum ") + std::to_string(extreme) + " (" +
                       std::to_string(lines.size()) + " signals)",
                   "the sensor is probably saturating: use a larger measurement range or a lower gain", 0, lines);
        }
    }
}

}  // namespace vigil::engine::dataset::detail
