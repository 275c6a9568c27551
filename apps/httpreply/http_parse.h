/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply's HTTP/1.1 request parser (RFC 9112 message syntax, RFC 9110
 * semantics for the few fields it acts on). Pure: no I/O, no allocation,
 * no global state, so the same file builds into the server (host and
 * kit), its unit test and its fuzz harness.
 *
 * The caller keeps the bytes received so far on a connection in one
 * buffer and calls http_parse() on all of them after every read; the
 * parser looks at the request head (request line + header fields + the
 * empty line) at the start of the buffer. It does not read the body: a
 * request with Content-Length N is complete once its head is, and the
 * caller discards the N body bytes that follow.
 */
#ifndef HTTP_PARSE_H
#define HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* Longest request-target taken; a longer one is answered 414. */
#define HTTP_MAX_TARGET 2048
/* Longest request head (request line to the empty line); past it, 431. */
#define HTTP_MAX_HEAD 8192
/* Most header fields in one request; one more is answered 431. */
#define HTTP_MAX_FIELDS 64
/* Largest request body accepted (and discarded); a larger one is 413. */
#define HTTP_MAX_BODY (1024 * 1024)

enum http_method { HTTP_GET = 1, HTTP_HEAD };

struct http_req {
	enum http_method method;
	int minor;	    /* HTTP/1.<minor>: 0 or 1 */
	int keep_alive;	    /* 1: the connection stays open after the reply */
	const char *target; /* origin-form path, in the caller's buffer */
	size_t target_len;  /* without the query part */
	uint64_t body_len;  /* Content-Length (0 without one) */
	const char *why;    /* on an error: what was wrong, one short phrase */
};

/*
 * http_parse(buf, len, req): parse the request head at the start of
 * buf[0..len).
 *   > 0  the head is complete and valid: that many bytes are the head;
 *        *req describes the request (target points into buf)
 *     0  valid so far but incomplete: read more and call again with all
 *        of it (the limits above are enforced on incomplete input too,
 *        so waiting never grows past HTTP_MAX_HEAD)
 *   < 0  -status: the response the request gets (400, 405, 413, 414,
 *        431, 501, 505), req->why says why; the connection must close
 *        after it, as the framing of what follows cannot be trusted
 * Blank lines before a request line are skipped (RFC 9112 2.2) and count
 * towards the head.
 */
int http_parse(const char *buf, size_t len, struct http_req *req);

/* The reason phrase of a status code ("Not Found"), "" for unknown ones. */
const char *http_reason(int status);

#endif
