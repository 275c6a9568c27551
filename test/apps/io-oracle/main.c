/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Usage: io-oracle    every section, then exit status 3.
 * Sections print in a fixed order, each line starting with its name.
 */
#include <poll.h>
#include <stdlib.h>
#include <time.h>

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

int main(void)
{
	/* Line buffered whatever stdout is (pipe, console). */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("oracle: begin\n");
	t_pipe();
	t_eventfd();
	t_poll();
	t_epoll();
	t_unix();
	printf("oracle: end\n");
	exit(3);
}
