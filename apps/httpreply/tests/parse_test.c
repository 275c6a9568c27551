/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host unit test of http_parse() (run by test/cases/net.sh): a table of
 * heads with the result each must give, and for every one that parses,
 * every shorter prefix must be "incomplete" (0) or the same error; for
 * the valid ones, the head followed by a second request must give the
 * same length (pipelining). Prints one line per failure and a summary;
 * exit status 1 when any failed.
 */
#include "../http_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcase {
	const char *name;
	const char *in;
	int want; /* > 0: the head's length (-1: all of in); or -status */
	int keep; /* for valid ones: keep_alive */
	const char *target; /* for valid ones: the path */
	unsigned body;	    /* for valid ones: Content-Length */
};

#define ALL -1

static const struct tcase cases[] = {
	{"get", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", ALL, 1, "/", 0},
	{"head", "HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n", ALL, 1, "/x", 0},
	{"bare-lf", "GET / HTTP/1.1\nHost: a\n\n", ALL, 1, "/", 0},
	{"query-cut", "GET /p?q=1 HTTP/1.1\r\nHost: a\r\n\r\n", ALL, 1, "/p",
	 0},
	{"absolute-form", "GET http://h:8/f HTTP/1.1\r\nHost: h\r\n\r\n", ALL,
	 1, "/f", 0},
	{"absolute-no-path", "GET http://h HTTP/1.1\r\nHost: h\r\n\r\n", ALL, 1,
	 "/", 0},
	{"leading-crlf", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", ALL, 1,
	 "/", 0},
	{"close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n", ALL,
	 0, "/", 0},
	{"close-in-list",
	 "GET / HTTP/1.1\r\nHost: a\r\nConnection: te, close\r\n\r\n", ALL, 0,
	 "/", 0},
	{"http10-close", "GET / HTTP/1.0\r\n\r\n", ALL, 0, "/", 0},
	{"http10-keep", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", ALL,
	 1, "/", 0},
	{"http12-as-11", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", ALL, 1, "/", 0},
	{"ows-value", "GET / HTTP/1.1\r\nHost:\t a \t\r\n\r\n", ALL, 1, "/", 0},
	{"body", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n", ALL,
	 1, "/", 12},
	{"body-list",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", ALL, 1,
	 "/", 5},
	{"obs-text", "GET / HTTP/1.1\r\nHost: a\r\nX: \xe4\xf6\r\n\r\n", ALL, 1,
	 "/", 0},
	{"no-host", "GET / HTTP/1.1\r\n\r\n", -400, 0, 0, 0},
	{"two-hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", -400, 0,
	 0, 0},
	{"lowercase-method", "get / HTTP/1.1\r\nHost: a\r\n\r\n", -501, 0, 0,
	 0},
	{"post", "POST / HTTP/1.1\r\nHost: a\r\n\r\n", -405, 0, 0, 0},
	{"delete", "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n", -405, 0, 0, 0},
	{"unknown-method", "BREW / HTTP/1.1\r\nHost: a\r\n\r\n", -501, 0, 0, 0},
	{"long-method", "ABCDEFGHIJKLMNOPQRSTU / HTTP/1.1\r\n\r\n", -501, 0, 0,
	 0},
	{"two-spaces", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", -400, 0, 0, 0},
	{"no-slash", "GET x HTTP/1.1\r\nHost: a\r\n\r\n", -400, 0, 0, 0},
	{"fragment", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", -400, 0, 0, 0},
	{"ctl-in-target", "GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n", -400, 0, 0,
	 0},
	{"bad-version", "GET / HTTX/1.1\r\nHost: a\r\n\r\n", -400, 0, 0, 0},
	{"version-letters", "GET / HTTP/a.b\r\nHost: a\r\n\r\n", -400, 0, 0, 0},
	{"http2", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", -505, 0, 0, 0},
	{"junk-after-version", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", -400, 0, 0,
	 0},
	{"cr-alone", "GET / HTTP/1.1\rHost: a\r\n\r\n", -400, 0, 0, 0},
	{"space-before-colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", -400, 0, 0,
	 0},
	{"no-colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", -400, 0, 0, 0},
	{"empty-name", "GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", -400, 0, 0,
	 0},
	{"obs-fold", "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n", -400, 0, 0, 0},
	{"nul-in-value", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", -400, 0, 0, 0},
	{"bad-length",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", -400, 0, 0,
	 0},
	{"negative-length",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", -400, 0, 0,
	 0},
	{"empty-length", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n",
	 -400, 0, 0, 0},
	{"conflicting-length",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: "
	 "2\r\n\r\n",
	 -400, 0, 0, 0},
	{"huge-length",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: "
	 "99999999999999999999999\r\n\r\n",
	 -413, 0, 0, 0},
	{"body-over-limit",
	 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n", -413,
	 0, 0, 0},
	{"chunked",
	 "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
	 -501, 0, 0, 0},
};

static int failures;

static void check(const char *name, const char *in, size_t len, int want,
		  const struct tcase *t)
{
	struct http_req req;
	int r = http_parse(in, len, &req);

	if (r != want) {
		printf("FAIL %s: http_parse gave %d, expected %d (%s)\n", name,
		       r, want, r < 0 ? req.why : "");
		failures++;
		return;
	}
	if (r < 0 && (!req.why || !*req.why)) {
		printf("FAIL %s: error %d without a reason\n", name, r);
		failures++;
	}
	if (r > 0 && t) {
		if (req.keep_alive != t->keep || req.body_len != t->body ||
		    req.target_len != strlen(t->target) ||
		    memcmp(req.target, t->target, req.target_len)) {
			printf("FAIL %s: keep %d body %llu target '%.*s'\n",
			       name, req.keep_alive,
			       (unsigned long long)req.body_len,
			       (int)req.target_len, req.target);
			failures++;
		}
	}
}

static size_t len_of(const struct tcase *t)
{
	/* "nul-in-value" holds a NUL: its length is up to the last \n\n. */
	const char *p = t->in;
	size_t n = strlen(p);

	if (!strcmp(t->name, "nul-in-value"))
		n += 1 + strlen(p + n + 1);
	return n;
}

/* Heads past the limits, built here. */
static void limits(void)
{
	static char buf[HTTP_MAX_HEAD * 2];
	size_t n;
	int i;

	n = sprintf(buf, "GET /");
	memset(buf + n, 'a', HTTP_MAX_TARGET);
	n += HTTP_MAX_TARGET;
	check("target-over-limit-incomplete", buf, n, -414, NULL);
	n = sprintf(buf, "GET /");
	memset(buf + n, 'a', HTTP_MAX_TARGET - 1);
	n += HTTP_MAX_TARGET - 1;
	n += sprintf(buf + n, " HTTP/1.1\r\nHost: a\r\n\r\n");
	check("target-at-limit", buf, n, n, NULL);

	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
	memset(buf + n, 'b', HTTP_MAX_HEAD);
	check("head-over-limit-incomplete", buf, HTTP_MAX_HEAD, -431, NULL);
	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
	memset(buf + n, 'b', HTTP_MAX_HEAD - n - 4);
	n = HTTP_MAX_HEAD - 4;
	n += sprintf(buf + n, "\r\n\r\n");
	check("head-at-limit", buf, n, n, NULL);
	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
	memset(buf + n, 'b', HTTP_MAX_HEAD - n - 3);
	n = HTTP_MAX_HEAD - 3;
	n += sprintf(buf + n, "\r\n\r\n");
	check("head-one-over", buf, n, -431, NULL);

	n = sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\n");
	for (i = 1; i < HTTP_MAX_FIELDS; i++)
		n += sprintf(buf + n, "X%d: y\r\n", i);
	strcpy(buf + n, "\r\n");
	check("fields-at-limit", buf, n + 2, n + 2, NULL);
	n += sprintf(buf + n, "Y: z\r\n\r\n");
	check("fields-over-limit", buf, n, -431, NULL);
}

int main(void)
{
	char name[128], buf[512];
	size_t i, k, len;
	int checked = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *t = &cases[i];
		int want = t->want == ALL ? (int)len_of(t) : t->want;

		len = len_of(t);
		check(t->name, t->in, len, want, t);
		checked++;
		/* Every prefix: incomplete, or already the same error. */
		for (k = 0; k < (want > 0 ? (size_t)want : len); k++) {
			struct http_req req;
			int r = http_parse(t->in, k, &req);

			if (r != 0 && r != want) {
				printf("FAIL %s: prefix of %zu bytes gave %d\n",
				       t->name, k, r);
				failures++;
				break;
			}
		}
		/* A second request behind a valid one changes nothing. */
		if (want > 0 && len + 32 < sizeof(buf)) {
			memcpy(buf, t->in, len);
			strcpy(buf + len, "GET /next HTTP/1.1\r\nHo");
			snprintf(name, sizeof(name), "%s+pipelined", t->name);
			check(name, buf, len + 23, want, t);
		}
	}
	limits();
	printf("parse_test: %d table cases, %d failed\n", checked, failures);
	return failures != 0;
}
