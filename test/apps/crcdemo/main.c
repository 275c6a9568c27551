/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * crcdemo: print the CRC-32 of each argument, one line each, with the
 * external library ukcrc (test/extlib/ukcrc):
 *
 *	make A=test/apps/crcdemo L=test/extlib/ukcrc run ARGS="-- 123456789"
 *	crc32("123456789") = 0xcbf43926
 *
 * Needs no libc: it writes to the console itself.
 */
#include <uk/crc.h>
#include <uk/plat/console.h>

static void say_hex32(uint32_t v)
{
	char buf[11] = "0x";
	int i;

	for (i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
	buf[10] = '\0';
	ukplat_console_puts(buf);
}

int main(int argc, char *argv[])
{
	const char *e;
	int i;

	if (argc < 2) {
		ukplat_console_puts("usage: crcdemo -- <text>...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		for (e = argv[i]; *e; e++)
			;
		ukplat_console_puts("crc32(\"");
		ukplat_console_puts(argv[i]);
		ukplat_console_puts("\") = ");
		say_hex32(uk_crc_crc32(0, argv[i], e - argv[i]));
		ukplat_console_puts("\n");
	}
	return 0;
}
