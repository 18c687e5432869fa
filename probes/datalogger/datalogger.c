/* Vigil's data logger: reads a sensor into a buffer of DATALOGGER_LENGTH samples x
 * DATALOGGER_AXES axes and sends it over the UART as text, for `vigil record` (docs/targets.md,
 * "Recording from a board"). Under QEMU it is the stand-in for a real board; on a real board it
 * is a template (README.md): keep this file, replace vibration.c by your sensor and uart_*.c by
 * your UART driver.
 *
 * The line format (docs/check.md's input format): values with '.' as decimal point, separated
 * by DATALOGGER_SEPARATOR, axes interleaved per sample (x0,y0,z0,x1,y1,z1,...), each line ending
 * with '\n'. DATALOGGER_SAMPLE_PER_LINE 0: one whole signal per line (length x axes values);
 * 1: one sample per line (axes values), and vigil record assembles `length` of them. */
#include <stddef.h>
#include <stdint.h>

#include "line_writer.h"
#include "uart.h"
#include "vibration.h"

#ifndef DATALOGGER_LENGTH
#define DATALOGGER_LENGTH 256u /* samples per axis in one signal: vigil record --length */
#endif
#ifndef DATALOGGER_AXES
#define DATALOGGER_AXES 3u /* values per sample: vigil record --axes */
#endif
#ifndef DATALOGGER_RATE_HZ
#define DATALOGGER_RATE_HZ 1000u /* nominal sample rate: vigil record --rate */
#endif
#ifndef DATALOGGER_BAUD
#define DATALOGGER_BAUD 115200u /* vigil record --baud */
#endif
#ifndef DATALOGGER_SAMPLE_PER_LINE
#define DATALOGGER_SAMPLE_PER_LINE 0
#endif
#ifndef DATALOGGER_SEPARATOR
#define DATALOGGER_SEPARATOR ','
#endif
#ifndef DATALOGGER_DECIMALS
#define DATALOGGER_DECIMALS 4u
#endif
#ifndef DATALOGGER_HEALTHY_SIGNALS
#define DATALOGGER_HEALTHY_SIGNALS 64u /* the machine starts healthy: no fault in these first signals */
#endif
#ifndef DATALOGGER_FAULT_ONE_IN
#define DATALOGGER_FAULT_ONE_IN 5u /* after them, one signal in 5 (at random) carries a bearing fault; 0: never */
#endif
#ifndef DATALOGGER_SEED
#define DATALOGGER_SEED 12345u /* the same seed gives the same lines, every run */
#endif

static float signal_buffer[DATALOGGER_LENGTH * DATALOGGER_AXES];
/* A variable, not the macro, in the comparison below: with 0 the macro would make it "always
 * false", which -Wtype-limits reports. */
static const uint32_t healthy_signals = DATALOGGER_HEALTHY_SIGNALS;

static void send_signal(line_writer *w, const float *signal)
{
#if DATALOGGER_SAMPLE_PER_LINE
    for (size_t t = 0; t < DATALOGGER_LENGTH; ++t) {
        for (size_t a = 0; a < DATALOGGER_AXES; ++a) {
            if (a > 0u) line_writer_char(w, DATALOGGER_SEPARATOR);
            line_writer_value(w, signal[t * DATALOGGER_AXES + a], DATALOGGER_DECIMALS);
        }
        line_writer_char(w, '\n');
        line_writer_flush(w);
    }
#else
    for (size_t i = 0; i < DATALOGGER_LENGTH * DATALOGGER_AXES; ++i) {
        if (i > 0u) line_writer_char(w, DATALOGGER_SEPARATOR);
        line_writer_value(w, signal[i], DATALOGGER_DECIMALS);
    }
    line_writer_char(w, '\n');
    line_writer_flush(w);
#endif
}

int main(void)
{
    static vibration_state sensor;
    line_writer writer;
    uart_init(DATALOGGER_BAUD);
    vibration_init(&sensor, DATALOGGER_SEED, (float)DATALOGGER_RATE_HZ);
    line_writer_init(&writer);
    for (uint32_t n = 0;; ++n) {
        /* On a real board: fill the buffer from the sensor at DATALOGGER_RATE_HZ (a timer or
         * the sensor's data-ready interrupt), then send it; samples taken while a line is being
         * sent belong to the next signal, or are skipped (gaps between signals are fine, gaps
         * inside one are not). */
        const uint32_t fault_one_in = n < healthy_signals ? 0u : DATALOGGER_FAULT_ONE_IN;
        (void)vibration_next_block(&sensor, signal_buffer, DATALOGGER_LENGTH, DATALOGGER_AXES, fault_one_in);
        send_signal(&writer, signal_buffer);
    }
}
