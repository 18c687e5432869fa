/* CMSDK APB UART (Arm's MPS2 FPGA images AN385/AN386/AN500 and the AN505 IoT kit), as QEMU
 * models it: DATA at +0x00, STATE at +0x04 (bit 0: TX buffer full), CTRL at +0x08 (bit 0: TX
 * enable), BAUDDIV at +0x10 (peripheral clock / baud, at least 16). UART0 is the one QEMU wires
 * to its first -serial option. QEMU takes each byte at once (or holds TXFULL while the host
 * side is full, which is how a pty applies back-pressure); real hardware sends at the baud. */
#include "uart.h"

#ifndef DATALOGGER_UART_BASE
#define DATALOGGER_UART_BASE 0x40004000u /* UART0 on mps2-an385/386/500 */
#endif
#ifndef DATALOGGER_UART_CLOCK_HZ
#define DATALOGGER_UART_CLOCK_HZ 25000000u /* the MPS2 FPGA images' peripheral clock */
#endif

#define UART_REG(offset) (*(volatile uint32_t *)(DATALOGGER_UART_BASE + (offset)))
#define UART_DATA UART_REG(0x00u)
#define UART_STATE UART_REG(0x04u)
#define UART_CTRL UART_REG(0x08u)
#define UART_BAUDDIV UART_REG(0x10u)
#define STATE_TX_FULL 0x1u
#define CTRL_TX_ENABLE 0x1u

void uart_init(uint32_t baud)
{
    UART_BAUDDIV = DATALOGGER_UART_CLOCK_HZ / baud;
    UART_CTRL = CTRL_TX_ENABLE;
}

void uart_write(const char *bytes, size_t size)
{
    for (size_t i = 0; i < size; ++i) {
        while (UART_STATE & STATE_TX_FULL) {
        }
        UART_DATA = (uint32_t)(unsigned char)bytes[i];
    }
}
