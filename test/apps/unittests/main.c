/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unittests: the tests are the libraries' own (their tests/ folders), run
 * by uktest before main(). main() is reached only when uktest does not
 * power off (CONFIG_LIBUKTEST_POWEROFF=n); it says so and returns 0.
 */
#include <uk/plat/console.h>

int main(int argc __attribute__((unused)), char *argv[] __attribute__((unused)))
{
	static const char msg[] = "unittests: main() reached after the tests\n";

	ukplat_console_write(msg, sizeof(msg) - 1);
	return 0;
}
