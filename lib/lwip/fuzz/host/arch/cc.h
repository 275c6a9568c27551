/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP's platform hooks for the host fuzz build: an assertion aborts. */
#ifndef UK_LWIP_FUZZ_CC_H
#define UK_LWIP_FUZZ_CC_H
#include <stdio.h>
#include <stdlib.h>
#define LWIP_PLATFORM_DIAG(x)	do { } while (0)
#define LWIP_PLATFORM_ASSERT(x)	do { fprintf(stderr, "lwIP assertion: %s\n", x); abort(); } while (0)
#endif
