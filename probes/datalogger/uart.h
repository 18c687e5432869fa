/* The data logger's only contact with the hardware: a transmit-only UART, 8N1.
 *
 * Two implementations for QEMU's machines (uart_cmsdk.c: the CMSDK APB UART of the MPS2
 * boards; uart_nrf51.c: the nRF51 UART of the micro:bit). On your board, implement these two
 * functions with your vendor's driver (README.md shows STM32 HAL) and keep the rest. */
#ifndef DATALOGGER_UART_H
#define DATALOGGER_UART_H

#include <stddef.h>
#include <stdint.h>

/* Enables the transmitter at `baud` (the rate vigil record --baud must be given). */
void uart_init(uint32_t baud);

/* Sends `size` bytes, returning once the UART has taken the last one. Blocking is fine: the
 * logger has nothing else to do while a line goes out. */
void uart_write(const char *bytes, size_t size);

#endif
