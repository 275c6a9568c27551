/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-time's private interfaces between its files (and its tests). */
#ifndef POSIX_TIME_PRIVATE_H
#define POSIX_TIME_PRIVATE_H

#include <stdint.h>
#include <time.h>

/* clock.c */
int posix_time_valid_ts(const struct timespec *ts);	/* 0 <= nsec < 1e9, sec >= 0 */
void posix_time_ns_to_ts(uint64_t ns, struct timespec *ts);
uint64_t posix_time_ts_to_ns(const struct timespec *ts);	/* saturates */
uint64_t posix_time_realtime_ns(void);
int posix_time_now(clockid_t id, uint64_t *ns);	/* 0 or -EINVAL */

/* sleep.c: until the monotonic clock reaches deadline. */
void posix_time_sleep_until(uint64_t deadline);

#endif
