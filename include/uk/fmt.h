/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Integers to text without a libc: the one digit loop of the kit, used by
 * the crash-safe printers (arch), ukboot's trace lines, uktest's reports,
 * the linuxu crash report, kvm's exit-status line and nolibc's printf.
 *
 * Part of the kit's core contract (always on the include path).
 */
#ifndef UK_FMT_H
#define UK_FMT_H

/* Enough room for any 64-bit value in any base from 2 up, plus a NUL. */
#define UK_FMT_UINT_MAX 65

/*
 * Write the digits of v in base (2..16; upper: A-F instead of a-f)
 * backwards so that they end just before end, and return the first
 * digit. At least one digit ("0" for 0). Nothing is NUL-terminated: the
 * digits are [returned pointer, end). The caller's buffer before end
 * must hold them: 20 bytes for base 10, 16 for base 16, 64 for base 2.
 */
static inline char *uk_fmt_uint(char *end, unsigned long long v,
				unsigned int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = digits[v % base];
		v /= base;
	} while (v);
	return end;
}

#endif /* UK_FMT_H */
