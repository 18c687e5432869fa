// Warnings about the sampling rate, read from the mean power spectrum (needs --rate).
#include <cstdio>

#include "checks_internal.hpp"

namespace vigil::engine::dataset::detail {

namespace {

std::string hz(double f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g Hz", f);
    return buf;
}

}  // namespace

void check_spectrum(const CheckContext& c) {
    if (!c.options.rate_hz) return;
    const double rate = *c.options.rate_hz;
    const double nyquist = rate / 2.0;
    for (size_t a = 0; a < c.d.axes; ++a) {
        const AxisStats& ax = c.stats.axes[a];
        double ac = 0.0, top = 0.0, bottom = 0.0;
        for (size_t k = 1; k < ax.power.size(); ++k) {  // bin 0 is the offset, not a vibration
            ac += ax.power[k];
            if (ax.frequency[k] >= thresholds::kNyquistBand * nyquist) top += ax.power[k];
            if (ax.frequency[k] < thresholds::kOversamplingBand * nyquist) bottom += ax.power[k];
        }
        if (ac <= 0.0) continue;
        if (top / ac > thresholds::kNyquistEnergy) {
            c.warn("aliasing_risk",
                   axis_name(a, c.d.axes) + ": " + percent(top / ac) + " of the energy lies above " +
                       hz(thresholds::kNyquistBand * nyquist) + ", close to the Nyquist frequency " + hz(nyquist),
                   "frequencies above " + hz(nyquist) + " may be folding into the signal: sample faster or "
                   "low-pass filter before sampling",
                   0);
        }
        if (bottom / ac >= thresholds::kOversamplingEnergy) {
            c.warn("oversampling",
                   axis_name(a, c.d.axes) + ": " + percent(bottom / ac) + " of the energy lies below " +
                       hz(thresholds::kOversamplingBand * nyquist) + " (a tenth of the Nyquist frequency)",
                   "the signal is oversampled: sample about 5x slower, or use longer buffers to capture more "
                   "periods of the slow motion",
                   0);
        }
    }
}

}  // namespace vigil::engine::dataset::detail
