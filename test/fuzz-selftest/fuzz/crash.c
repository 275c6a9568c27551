/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A deliberately broken parser for test/cases/fuzz.sh: it reads past its
 * buffer when the input starts with "BUG!". The runner must find that in
 * seconds and report it (a fuzz run that cannot fail proves nothing).
 */
#include <stddef.h>
#include <string.h>

static volatile unsigned char sink;

int LLVMFuzzerTestOneInput(const unsigned char *buf, size_t len)
{
	if (len >= 4 && !memcmp(buf, "BUG!", 4))
		sink = buf[len + 16];
	return 0;
}
