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

// Hash of a signal's bytes for finding duplicate candidates (memcmp confirms each one, so
// collisions cost time, never correctness). FNV-1a style, but 8 bytes per step on four
// independent lanes: byte-at-a-time FNV was a tenth of the whole import's time.
uint64_t row_hash(const unsigned char* p, size_t bytes) {
    constexpr uint64_t kPrime = 1099511628211ull;
    uint64_t lane[4] = {1469598103934665603ull, 0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull};
    size_t i = 0;
    for (; i + 32 <= bytes; i += 32) {
        for (int l = 0; l < 4; ++l) {
            uint64_t w;
            std::memcpy(&w, p + i + 8 * l, 8);
            lane[l] = (lane[l] ^ w) * kPrime;
        }
    }
    uint64_t h = lane[0] ^ (lane[1] >> 1) ^ (lane[2] << 1) ^ (lane[3] >> 3);
    for (; i < bytes; ++i) h = (h ^ p[i]) * kPrime;
    return h ^ (h >> 29);
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
        auto& bucket = seen[row_hash(p, bytes)];
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
    // Per axis and side (0: maximum, 1: minimum), count the extreme and the next level
    // inwards: clipping piles values up on the rail, so the extreme is more frequent than its
    // neighbour; a natural peak is rarer. All of them in one pass over the matrix (it was one
    // strided pass per axis and side).
    struct Rail {
        bool active = false;
        float extreme = 0.0f;
        size_t at_extreme = 0, at_next = 0;
        bool have_next = false;
        float next = 0.0f;
        std::vector<double> per_signal;
    };
    std::vector<Rail> rails(d.axes * 2);
    bool any = false;
    for (size_t a = 0; a < d.axes; ++a) {
        const Summary& sum = c.stats.axes[a].summary;
        if (sum.min == sum.max) continue;  // constant: reported elsewhere
        for (int side = 0; side < 2; ++side) {
            Rail& r = rails[a * 2 + side];
            r.active = any = true;
            r.extreme = static_cast<float>(side == 0 ? sum.max : sum.min);
            r.per_signal.assign(d.signals, 0.0);
        }
    }
    if (!any) return;
    auto update = [](Rail& r, float v, size_t s, bool max_side) {
        if (v == r.extreme) {
            ++r.at_extreme;
            r.per_signal[s] += 1.0;
            return;
        }
        const bool inner = max_side ? v < r.extreme : v > r.extreme;
        const bool closer = max_side ? v > r.next : v < r.next;
        if (inner && (!r.have_next || closer)) {
            r.next = v;
            r.at_next = 1;
            r.have_next = true;
        } else if (r.have_next && v == r.next) {
            ++r.at_next;
        }
    };
    for (size_t s = 0; s < d.signals; ++s) {
        const float* row = d.data.data() + s * d.row_size();
        for (size_t t = 0; t < d.length; ++t) {
            for (size_t a = 0; a < d.axes; ++a) {
                Rail* r = &rails[a * 2];
                if (!r->active) continue;
                const float v = row[t * d.axes + a];
                // Most values are neither rail nor a new nearest level: skip both updates.
                if (r[0].have_next && r[1].have_next && v < r[0].next && v > r[1].next) continue;
                update(r[0], v, s, true);
                update(r[1], v, s, false);
            }
        }
    }
    for (size_t a = 0; a < d.axes; ++a) {
        for (int side = 0; side < 2; ++side) {
            const Rail& r = rails[a * 2 + side];
            if (!r.active) continue;
            const double fraction = double(r.at_extreme) / double(values);
            if (r.at_extreme < 3 || fraction < thresholds::kClippingFraction ||
                double(r.at_extreme) < thresholds::kClippingPileUp * double(r.at_next))
                continue;
            const auto lines = worst_first(r.per_signal);
            c.warn("clipping",
                   axis_name(a, d.axes) + ": " + percent(fraction) + " of the values sit exactly at the file's " +
                       (side == 0 ? "maximum " : "minimum ") + std::to_string(r.extreme) + " (" +
                       std::to_string(lines.size()) + " signals)",
                   "the sensor is probably saturating: use a larger measurement range or a lower gain", 0, lines);
        }
    }
}

}  // namespace vigil::engine::dataset::detail
