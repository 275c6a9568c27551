/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console: an ns16550-compatible UART on an I/O port (COM1 unless
 * configured otherwise), polled, no interrupts. It lives in plat/kvm
 * rather than drivers/ because it is twenty lines of port I/O that the
 * platform needs before any driver framework exists.
 *
 * Writes wait for the transmitter to drain (LSR.THRE), then fill the
 * 16-byte FIFO without asking again: one status read per 16 bytes.
 * Usable before kvm_serial_init() (QEMU's UART needs no setup) and from
 * exception handlers; no locking, so concurrent writers interleave.
 */
#define EAGAIN 11	/* no libc needed: the errno value is ABI */
#include <uk/arch/cpu.h>
#include <uk/plat/console.h>
#include "kvm.h"

#ifndef CONFIG_PLAT_KVM_SERIAL_PORT
#define CONFIG_PLAT_KVM_SERIAL_PORT 0x3f8
#endif
#define PORT		CONFIG_PLAT_KVM_SERIAL_PORT
#define UART_THR	(PORT + 0)	/* transmit; divisor low with DLAB */
#define UART_RBR	(PORT + 0)	/* receive */
#define UART_IER	(PORT + 1)	/* interrupt enable; divisor high */
#define UART_FCR	(PORT + 2)	/* FIFO control */
#define UART_LCR	(PORT + 3)	/* line control */
#define UART_MCR	(PORT + 4)	/* modem control */
#define UART_LSR	(PORT + 5)	/* line status */
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define FCR_ENABLE	0x07		/* enable and clear both FIFOs */
#define MCR_DTR_RTS	0x03
#define LSR_DR		0x01		/* a received byte is waiting */
#define LSR_THRE	0x20		/* transmit FIFO empty */
#define FIFO_SIZE	16

void kvm_serial_init(void)
{
	outb(UART_IER, 0);
	outb(UART_LCR, LCR_DLAB);
	outb(UART_THR, 1);		/* divisor 1: 115200 baud */
	outb(UART_IER, 0);
	outb(UART_LCR, LCR_8N1);
	outb(UART_FCR, FCR_ENABLE);
	outb(UART_MCR, MCR_DTR_RTS);
}

int ukplat_console_write(const char *buf, size_t len)
{
	size_t i;
	int room = 0;
	int cr = 0;	/* 1: the "\r" of a "\n" was sent, the "\n" not yet */

	for (i = 0; i < len; ) {
		if (!room) {
			while (!(inb(UART_LSR) & LSR_THRE))
				;
			room = FIFO_SIZE;
		}
		if (buf[i] == '\n' && !cr) {
			outb(UART_THR, '\r');
			cr = 1;
		} else {
			outb(UART_THR, buf[i++]);
			cr = 0;
		}
		room--;
	}
	return (int)len;
}

int ukplat_console_getc(void)
{
	if (!(inb(UART_LSR) & LSR_DR))
		return -EAGAIN;
	return inb(UART_RBR);
}
