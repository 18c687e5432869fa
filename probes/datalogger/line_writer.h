/* Numbers as text for the serial line, without printf (newlib-nano's float printf costs
 * ~10 KiB of flash and a heap): fixed decimals, '.' as the decimal point, '-' when negative,
 * written through a small buffer into uart_write(). */
#ifndef DATALOGGER_LINE_WRITER_H
#define DATALOGGER_LINE_WRITER_H

#include <stddef.h>

typedef struct {
    char buffer[64];
    size_t used;
} line_writer;

void line_writer_init(line_writer *w);
void line_writer_char(line_writer *w, char c);
/* `value` with `decimals` digits after the point (0..6), rounded; -0.0000 is written 0.0000. */
void line_writer_value(line_writer *w, float value, unsigned decimals);
/* Sends what is buffered. Call after each line's '\n'. */
void line_writer_flush(line_writer *w);

#endif
