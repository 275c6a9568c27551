/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target "httpreply-parse" for http_parse(), run by the shared
 * runner support/scripts/fuzz (clang, ASan, UBSan on the host). Besides
 * memory safety it checks the parser's contract (http_parse.h) on every
 * input:
 *   - the result is a head length in 1..len, 0, or one of the statuses
 *     the server answers, with a reason;
 *   - a valid head lies in the input, its target in the head, and the
 *     head alone parses to the same length (nothing after it was read);
 *   - "incomplete" never happens at or past HTTP_MAX_HEAD bytes.
 */
// fuzz-runs: 300000
#include "../http_parse.c"

#include <stdlib.h>
#include <string.h>

static void ensure(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* A private copy, so reads past size trip ASan. */
	char *buf = malloc(size ? size : 1);
	struct http_req req, again;
	int r;

	memcpy(buf, data, size);
	r = http_parse(buf, size, &req);
	if (r > 0) {
		ensure((size_t)r <= size && r <= HTTP_MAX_HEAD);
		ensure(req.method == HTTP_GET || req.method == HTTP_HEAD);
		ensure(req.target_len >= 1 &&
		       req.target_len <= HTTP_MAX_TARGET);
		ensure(req.target[0] == '/');
		ensure((req.target >= buf &&
			req.target + req.target_len <= buf + r) ||
		       (req.target_len == 1)); /* "http://host" gives "/" */
		ensure(req.body_len <= HTTP_MAX_BODY);
		ensure(http_parse(buf, r, &again) == r);
	} else if (r == 0) {
		ensure(size < HTTP_MAX_HEAD);
	} else {
		ensure(r == -400 || r == -405 || r == -413 || r == -414 ||
		       r == -431 || r == -501 || r == -505);
		ensure(req.why && req.why[0]);
		ensure(http_reason(-r)[0]);
	}
	free(buf);
	return 0;
}
