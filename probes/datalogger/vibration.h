/* A synthetic vibration sensor: a rotating machine seen by an accelerometer, one continuous
 * stream of samples (axes interleaved), as a real sensor read at a fixed rate would give.
 *
 * Every axis carries the shaft's rotation (1x, 2x, 3x harmonics, a slowly wandering speed),
 * broadband noise, and the last one gravity (1 g). Now and then (a block of `length` samples,
 * with probability 1/fault_one_in) a bearing fault shows: a train of decaying impacts ringing at
 * a structural resonance, and a stronger 2x component. The numbers are in g.
 * Replace this file by your sensor's driver on a real board; nothing else depends on it. */
#ifndef DATALOGGER_VIBRATION_H
#define DATALOGGER_VIBRATION_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t rng;          /* xorshift32 state */
    float rate_hz;         /* the nominal sample rate */
    float shaft_phase;     /* radians, kept in [0, 2 pi) */
    float speed_drift;     /* relative deviation of the shaft speed, a slow random walk */
    float since_impact;    /* samples since the last impact of a fault */
    float ring_phase;      /* radians of the resonance excited by the last impact */
    int fault;             /* the current block is faulty */
} vibration_state;

void vibration_init(vibration_state *s, uint32_t seed, float rate_hz);

/* Fills `out` with the next `length` samples of `axes` values each (interleaved per sample:
 * x0 y0 z0 x1 y1 z1 ...). Returns 1 when this block carries a fault, else 0. */
int vibration_next_block(vibration_state *s, float *out, size_t length, size_t axes, uint32_t fault_one_in);

#endif
