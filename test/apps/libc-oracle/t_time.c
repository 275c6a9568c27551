/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Time: formatting fixed instants without locale (gmtime, strftime,
 * timegm, mktime in UTC), then the clocks themselves as properties.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static void fmt(time_t t)
{
	char buf[128];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j %U %W %u %w %y %C %e %D %T %R %p %I %s", &tm);
	printf("time: %lld -> %s yday %d wday %d\n", (long long)t, buf,
	       tm.tm_yday, tm.tm_wday);
	printf("time: timegm back %lld\n", (long long)timegm(&tm));
}

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

void t_time(void)
{
	struct timespec a, b, res, req = { 0, 20 * 1000000 }, rem;
	struct timeval tv;
	struct tm tm = { .tm_year = 124, .tm_mon = 1, .tm_mday = 29,
			 .tm_hour = 12, .tm_isdst = 0 };
	char buf[64];
	time_t t;
	int r;

	fmt(0);
	fmt(951782400);		/* 2000-02-29 */
	fmt(1700000000);
	fmt(-1);
	fmt(4102444800LL);	/* 2100-01-01 */
	setenv("TZ", "UTC0", 1);
	tzset();
	t = mktime(&tm);
	printf("time: mktime 2024-02-29 12:00 UTC = %lld, wday %d yday %d\n",
	       (long long)t, tm.tm_wday, tm.tm_yday);
	tm.tm_mday = 31;
	tm.tm_mon = 3;	/* April 31st normalizes to May 1st */
	t = mktime(&tm);
	strftime(buf, sizeof(buf), "%F %T", &tm);
	printf("time: mktime normalizes April 31 to %s\n", buf);
	gmtime_r(&(time_t){ 1700000000 }, &tm);
	printf("time: asctime %s", asctime(&tm));

	r = clock_getres(CLOCK_MONOTONIC, &res);
	printf("time: clock_getres(MONOTONIC) = %d, %ld s %ld ns\n", r,
	       (long)res.tv_sec, res.tv_nsec);
	r = clock_getres(CLOCK_REALTIME, &res);
	printf("time: clock_getres(REALTIME) = %d, %ld s %ld ns\n", r,
	       (long)res.tv_sec, res.tv_nsec);
	errno = 0;
	r = clock_gettime((clockid_t)1234, &a);
	printf("time: clock_gettime(bad clock) = %d, errno %d\n", r, errno);
	clock_gettime(CLOCK_REALTIME, &a);
	PROP("time: CLOCK_REALTIME after 2020", a.tv_sec > 1577836800);
	gettimeofday(&tv, NULL);
	PROP("time: gettimeofday within 5 s of CLOCK_REALTIME",
	     llabs(tv.tv_sec - a.tv_sec) <= 5 && tv.tv_usec < 1000000);
	PROP("time: time() within 5 s of CLOCK_REALTIME",
	     llabs(time(NULL) - a.tv_sec) <= 5);
	clock_gettime(CLOCK_MONOTONIC, &a);
	r = nanosleep(&req, &rem);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("time: nanosleep(20 ms) = %d\n", r);
	PROP("time: nanosleep slept at least 20 ms", ns(&b) - ns(&a) >= 20000000);
	PROP("time: nanosleep slept less than 2 s", ns(&b) - ns(&a) < 2000000000LL);
	req.tv_nsec = 1000000000;
	errno = 0;
	r = nanosleep(&req, NULL);
	printf("time: nanosleep(tv_nsec 1e9) = %d, errno %d\n", r, errno);
	clock_gettime(CLOCK_MONOTONIC, &a);
	a.tv_nsec += 10000000;
	if (a.tv_nsec >= 1000000000) {
		a.tv_sec++;
		a.tv_nsec -= 1000000000;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("time: clock_nanosleep(ABSTIME) = %d\n", r);
	PROP("time: clock_nanosleep woke at or after its deadline",
	     ns(&b) >= ns(&a));
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	PROP("time: CLOCK_PROCESS_CPUTIME_ID readable", a.tv_sec >= 0);
}
