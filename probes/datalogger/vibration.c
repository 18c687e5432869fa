#include "vibration.h"

#include <math.h>

#define TWO_PI 6.28318530718f
#define SHAFT_HZ 24.5f        /* 1470 rpm */
#define IMPACT_HZ 87.3f       /* outer-race defect frequency of the modelled bearing */
#define RESONANCE_HZ 231.0f   /* where the impacts ring */
#define NOISE_G 0.04f

static uint32_t next_u32(vibration_state *s)
{
    uint32_t x = s->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s->rng = x;
    return x;
}

/* Uniform in [-1, 1). */
static float uniform(vibration_state *s)
{
    return (float)(next_u32(s) >> 8) * (2.0f / 16777216.0f) - 1.0f;
}

/* Roughly Gaussian, unit variance: the sum of three uniforms (variance 1/3 each). */
static float gaussian(vibration_state *s)
{
    return uniform(s) + uniform(s) + uniform(s);
}

void vibration_init(vibration_state *s, uint32_t seed, float rate_hz)
{
    s->rng = seed != 0u ? seed : 0x2545F491u;
    s->rate_hz = rate_hz;
    s->shaft_phase = 0.0f;
    s->speed_drift = 0.0f;
    s->since_impact = 0.0f;
    s->ring_phase = 0.0f;
    s->fault = 0;
}

int vibration_next_block(vibration_state *s, float *out, size_t length, size_t axes, uint32_t fault_one_in)
{
    s->fault = fault_one_in != 0u && next_u32(s) % fault_one_in == 0u;
    const float impact_period = s->rate_hz / IMPACT_HZ;
    for (size_t t = 0; t < length; ++t) {
        /* The shaft speed wanders around its nominal value by about a percent, slowly. */
        s->speed_drift = 0.995f * s->speed_drift + 0.0005f * uniform(s);
        s->shaft_phase += TWO_PI * SHAFT_HZ * (1.0f + s->speed_drift) / s->rate_hz;
        if (s->shaft_phase >= TWO_PI) s->shaft_phase -= TWO_PI;
        const float p = s->shaft_phase;

        float impact = 0.0f;
        if (s->fault) {
            s->since_impact += 1.0f;
            if (s->since_impact >= impact_period) {
                s->since_impact -= impact_period;
                s->ring_phase = 0.0f;
            }
            s->ring_phase += TWO_PI * RESONANCE_HZ / s->rate_hz;
            impact = 0.7f * expf(-s->since_impact / (0.004f * s->rate_hz)) * sinf(s->ring_phase);
        }
        const float harmonic2 = s->fault ? 0.35f : 0.12f;
        for (size_t a = 0; a < axes; ++a) {
            const float shift = 1.0472f * (float)a; /* 60 degrees between axes */
            const float gain = 1.0f / (1.0f + 0.5f * (float)a);
            float v = gain * (0.5f * sinf(p + shift) + harmonic2 * sinf(2.0f * p + 0.3f + shift) +
                              0.06f * sinf(3.0f * p + 1.1f));
            v += gain * impact + NOISE_G * gaussian(s);
            if (a == axes - 1u && axes > 1u) v += 1.0f; /* gravity on the last axis */
            out[t * axes + a] = v;
        }
    }
    return s->fault;
}
