/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/* stdio: printf and scanf of integers, floats and strings; buffering. */
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void t_printf(void)
{
	int n = 0;
	char buf[64];
	const char *volatile digits = "0123456789";

	printf("printf: [%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d]\n",
	       42, -42, 42, 42, 42, 42, 42);
	printf("printf: [%u] [%x] [%X] [%#x] [%o] [%#o]\n", 3000000000u,
	       0xbeefu, 0xbeefu, 255u, 8u, 8u);
	printf("printf: [%ld] [%lld] [%llu] [%jd] [%zu] [%hhd] [%hd]\n",
	       LONG_MIN, LLONG_MAX, ULLONG_MAX, INTMAX_MIN, (size_t)123,
	       (signed char)200, (short)70000);
	printf("printf: [%" PRId64 "] [%" PRIx32 "]\n", -(INT64_C(1) << 40),
	       UINT32_C(0xdeadbeef));
	printf("printf: [%f] [%.2f] [%10.3f] [%-10.1f] [%e] [%E] [%.0e]\n",
	       3.14159265, 2.675, -1.5, 0.05, 123456.789, 1e-300, 5e10);
	printf("printf: [%g] [%g] [%g] [%g] [%#g] [%G]\n", 100000.0, 1e6,
	       0.0001, 1e-5, 1.0, 1e-10);
	printf("printf: [%a] [%A] [%.3a]\n", 1.0, -0.5, 3.14159);
	printf("printf: [%f] [%f] [%f] [%e] [%g]\n", INFINITY, -INFINITY, NAN,
	       -0.0, 0.0);
	printf("printf: [%.17g] [%.17g] [%.20f]\n", 0.1, 1.0 / 3, 1e-10);
	printf("printf: [%Lf] [%.30Lg]\n", 1.5L, 1.0L / 3);
	printf("printf: [%s] [%10s] [%-10s] [%.3s] [%c] [%%]\n", "str", "right",
	       "left", "truncate", 'c');
	printf("printf: [%*d] [%-*d] [%.*f]\n", 6, 7, 6, 7, 2, 1.0 / 7);
	printf("printf: n%n=", &n);
	printf("%d\n", n);
	n = snprintf(buf, 8, "%s", digits);
	printf("snprintf: returned %d, kept \"%s\"\n", n, buf);
	n = snprintf(NULL, 0, "%d-%d", 123, 456);
	printf("snprintf: length only %d\n", n);
	PROP("printf: %p of a pointer starts with 0x",
	     snprintf(buf, sizeof(buf), "%p", (void *)&n) > 2 &&
	     !strncmp(buf, "0x", 2));
}

static void t_scanf(void)
{
	int a = 0, b = 0, n;
	unsigned u = 0;
	long l = 0;
	double d = 0, e = 0;
	float f = 0;
	char s[16] = "", t[16] = "";

	n = sscanf("  12 -34 0x1F", "%d %d %x", &a, &b, &u);
	printf("sscanf: %d items: %d %d %u\n", n, a, b, u);
	n = sscanf("077 -9223372036854775808", "%i %ld", &a, &l);
	printf("sscanf: %d items: %d %ld\n", n, a, l);
	n = sscanf("3.25 -1e-3 6.02e23", "%lf %f %lf", &d, &f, &e);
	printf("sscanf: %d items: %.17g %.9g %.17g\n", n, d, f, e);
	n = sscanf("name=value;rest", "%15[^=]=%15[^;]", s, t);
	printf("sscanf: %d items: \"%s\" \"%s\"\n", n, s, t);
	n = sscanf("abc", "%d", &a);
	printf("sscanf: no match gives %d\n", n);
	n = sscanf("", "%d", &a);
	printf("sscanf: empty input gives %d (EOF)\n", n);
	n = sscanf("12abc", "%d%n", &a, &b);
	printf("sscanf: %%n after %d: %d\n", a, b);
}

static void t_buffering(void)
{
	char *p = NULL;
	size_t len = 0;
	FILE *f;

	/* Line buffered stdout: "A" waits in the buffer, write() goes
	 * straight out, the newline flushes "A". */
	printf("buffering: A");
	if (write(1, "buffering: B (write)\n", 21) != 21)
		printf("!write failed");
	printf(" (printf, after B)\n");

	f = open_memstream(&p, &len);
	if (!f) {
		printf("buffering: open_memstream failed\n");
		return;
	}
	setvbuf(f, NULL, _IOFBF, 64);
	fprintf(f, "hello %d", 42);
	fflush(f);
	printf("buffering: memstream after fflush: len %zu \"%s\"\n", len, p);
	fprintf(f, " more");
	fclose(f);
	printf("buffering: memstream after fclose: len %zu \"%s\"\n", len, p);
	free(p);
}

void t_stdio(void)
{
	t_printf();
	t_scanf();
	t_buffering();
}
