#include "line_writer.h"

#include <stdint.h>

#include "uart.h"

void line_writer_init(line_writer *w)
{
    w->used = 0u;
}

void line_writer_flush(line_writer *w)
{
    if (w->used > 0u) uart_write(w->buffer, w->used);
    w->used = 0u;
}

void line_writer_char(line_writer *w, char c)
{
    if (w->used == sizeof w->buffer) line_writer_flush(w);
    w->buffer[w->used++] = c;
}

void line_writer_value(line_writer *w, float value, unsigned decimals)
{
    static const uint32_t scale[] = {1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u};
    if (decimals > 6u) decimals = 6u;
    const int negative = value < 0.0f;
    float magnitude = negative ? -value : value;
    if (magnitude > 2000.0f) magnitude = 2000.0f; /* keeps the scaled value in 32 bits */
    const uint32_t scaled = (uint32_t)(magnitude * (float)scale[decimals] + 0.5f);
    uint32_t whole = scaled / scale[decimals];
    uint32_t fraction = scaled % scale[decimals];
    if (negative && scaled != 0u) line_writer_char(w, '-');
    char digits[10];
    size_t n = 0u;
    do {
        digits[n++] = (char)('0' + whole % 10u);
        whole /= 10u;
    } while (whole != 0u);
    while (n > 0u) line_writer_char(w, digits[--n]);
    if (decimals == 0u) return;
    line_writer_char(w, '.');
    for (unsigned d = decimals; d-- > 0u;) {
        line_writer_char(w, (char)('0' + fraction / scale[d]));
        fraction %= scale[d];
    }
}
