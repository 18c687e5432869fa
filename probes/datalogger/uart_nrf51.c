/* nRF51 UART (the BBC micro:bit's nRF51822; QEMU's microbit machine), transmit only: ENABLE at
 * +0x500 (4 = enabled), TASKS_STARTTX at +0x008, TXD at +0x51C, EVENTS_TXDRDY at +0x11C (set
 * once a byte has gone out; clear it before the next one), BAUDRATE at +0x524. On the real
 * micro:bit, also set PSELTXD (+0x50C) to the pin wired to the USB interface chip (P0.24). */
#include "uart.h"

#define UART_BASE 0x40002000u
#define UART_REG(offset) (*(volatile uint32_t *)(UART_BASE + (offset)))
#define UART_TASKS_STARTTX UART_REG(0x008u)
#define UART_EVENTS_TXDRDY UART_REG(0x11Cu)
#define UART_ENABLE UART_REG(0x500u)
#define UART_PSELTXD UART_REG(0x50Cu)
#define UART_TXD UART_REG(0x51Cu)
#define UART_BAUDRATE UART_REG(0x524u)

static uint32_t baud_register(uint32_t baud)
{
    /* The nRF51 reference manual's table (the register is not baud x constant exactly). */
    switch (baud) {
    case 9600u: return 0x00275000u;
    case 19200u: return 0x004EA000u;
    case 38400u: return 0x009D5000u;
    case 57600u: return 0x00EBF000u;
    case 230400u: return 0x03AFB000u;
    case 460800u: return 0x075F7000u;
    case 921600u: return 0x0EBEDFA4u;
    default: return 0x01D7E000u; /* 115200 */
    }
}

void uart_init(uint32_t baud)
{
    UART_BAUDRATE = baud_register(baud);
    UART_PSELTXD = 24u;
    UART_ENABLE = 4u;
    UART_TASKS_STARTTX = 1u;
}

void uart_write(const char *bytes, size_t size)
{
    for (size_t i = 0; i < size; ++i) {
        UART_EVENTS_TXDRDY = 0u;
        UART_TXD = (uint32_t)(unsigned char)bytes[i];
        while (UART_EVENTS_TXDRDY == 0u) {
        }
    }
}
