/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Minimal formatted output for early boot and crash reports (see
 * <uk/arch/print.h>). Deliberately no printf: this must work when nothing
 * else does.
 */
#include <uk/fmt.h>
#include <uk/essentials.h>
#include <uk/arch/print.h>

extern const ukarch_console_t __start_uk_archconsole[] __uk_weak;
extern const ukarch_console_t __stop_uk_archconsole[] __uk_weak;

static void out(const char *buf, size_t len)
{
	if (&__start_uk_archconsole[0] != &__stop_uk_archconsole[0])
		__start_uk_archconsole[0](buf, len);
}

void ukarch_print(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	out(s, n);
}

void ukarch_print_hex(uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char buf[18];
	int i, n;

	/* Enough digits for v, at least digits of them. */
	for (n = 1; n < 16 && (v >> (4 * n)); n++)
		;
	if (digits > n)
		n = digits > 16 ? 16 : digits;
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < n; i++)
		buf[2 + i] = hex[(v >> (4 * (n - 1 - i))) & 0xf];
	out(buf, 2 + n);
}

void ukarch_print_dec(uint64_t v)
{
	char buf[20], *end = buf + sizeof(buf), *p = uk_fmt_uint(end, v, 10, 0);

	out(p, end - p);
}
