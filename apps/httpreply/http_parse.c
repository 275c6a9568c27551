/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The request-head parser (contract in http_parse.h). One pass over the
 * bytes at hand: request line (RFC 9112 3), then header fields
 * (RFC 9112 5, RFC 9110 5.5-5.6), then the empty line. Running out of
 * bytes anywhere is "incomplete" (0) unless a limit is already passed.
 * Line ends are CRLF or a bare LF (RFC 9112 2.2 lets a recipient accept
 * LF); a CR not followed by LF is an error.
 */
#include "http_parse.h"

#include <string.h>

#define MORE 0 /* incomplete: need more input */

struct cur {
	const char *p, *end;
	struct http_req *req;
};

static int fail(struct cur *c, int status, const char *why)
{
	c->req->why = why;
	return -status;
}

/* tchar of RFC 9110 5.6.2: the characters of a token. */
static int is_tchar(unsigned char ch)
{
	if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z'))
		return 1;
	return ch && strchr("!#$%&'*+-.^_`|~", ch) != NULL;
}

/* field-vchar, SP and HTAB (obs-text included): a field value's bytes. */
static int is_value_char(unsigned char ch)
{
	return ch == '\t' || (ch >= ' ' && ch != 0x7f);
}

/* The request-target's bytes: visible ASCII (RFC 9112 3.2). */
static int is_target_char(unsigned char ch)
{
	return ch > ' ' && ch < 0x7f;
}

static int lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

/* Does s[0..n) equal the lower-case word w, ignoring case? */
static int word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

/*
 * Line end at c->p: 1 and step over it, 0 when it is not one, MORE-style
 * -1 when a CR is the last byte at hand, -2 for a CR without LF.
 */
static int eol(struct cur *c)
{
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		return 1;
	}
	if (c->p < c->end && *c->p == '\r') {
		if (c->p + 1 == c->end)
			return -1;
		if (c->p[1] != '\n')
			return -2;
		c->p += 2;
		return 1;
	}
	return 0;
}

static const char *const not_allowed[] = {
	"POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", NULL,
};

/* The method token, then one SP. */
static int parse_method(struct cur *c)
{
	const char *m = c->p;
	size_t n;
	int i;

	while (c->p < c->end && is_tchar(*c->p))
		c->p++;
	n = c->p - m;
	if (n > 16)
		return fail(c, 501, "method longer than any implemented");
	if (c->p == c->end)
		return MORE;
	if (n == 0 || *c->p != ' ')
		return fail(c, 400, "malformed request line");
	c->p++;
	if (n == 3 && !memcmp(m, "GET", 3)) {
		c->req->method = HTTP_GET;
		return 1;
	}
	if (n == 4 && !memcmp(m, "HEAD", 4)) {
		c->req->method = HTTP_HEAD;
		return 1;
	}
	for (i = 0; not_allowed[i]; i++)
		if (strlen(not_allowed[i]) == n &&
		    !memcmp(m, not_allowed[i], n))
			return fail(c, 405, "method not allowed");
	return fail(c, 501, "method not implemented");
}

/*
 * The request-target, then one SP: origin-form ("/path?query"), or
 * absolute-form ("http://host/path", RFC 9112 3.2.2), kept as its path.
 */
static int parse_target(struct cur *c)
{
	const char *t = c->p, *path, *q;
	size_t n;

	while (c->p < c->end && is_target_char(*c->p))
		c->p++;
	n = c->p - t;
	if (n > HTTP_MAX_TARGET)
		return fail(c, 414, "request-target too long");
	if (c->p == c->end)
		return MORE;
	if (n == 0 || *c->p != ' ')
		return fail(c, 400, "malformed request-target");
	c->p++;
	path = t;
	if (n > 7 && (word_is(t, 7, "http://") ||
		      (n > 8 && word_is(t, 8, "https://")))) {
		path = memchr(t + 7, '/', n - 7);
		if (!path) {
			c->req->target = "/";
			c->req->target_len = 1;
			return 1;
		}
	}
	if (*path != '/')
		return fail(c, 400, "request-target is not a path");
	q = memchr(path, '?', t + n - path);
	if (memchr(path, '#', t + n - path))
		return fail(c, 400, "fragment in request-target");
	c->req->target = path;
	c->req->target_len = (q ? q : t + n) - path;
	return 1;
}

/* HTTP-version ("HTTP/1.1"), then the line end. */
static int parse_version(struct cur *c)
{
	static const char v[] = "HTTP/x.y";
	size_t i, n = c->end - c->p;
	int r;

	for (i = 0; i < 8 && i < n; i++) {
		char ch = c->p[i];

		if (v[i] == 'x' || v[i] == 'y') {
			if (ch < '0' || ch > '9')
				return fail(c, 400, "malformed HTTP-version");
		} else if (ch != v[i]) {
			return fail(c, 400, "malformed HTTP-version");
		}
	}
	if (n < 8)
		return MORE;
	if (c->p[5] != '1')
		return fail(c, 505, "HTTP major version not supported");
	/* A later 1.x is answered as 1.1 (RFC 9110 2.5). */
	c->req->minor = c->p[7] == '0' ? 0 : 1;
	c->p += 8;
	r = eol(c);
	if (r == -1 || (r == 0 && c->p == c->end))
		return MORE;
	if (r <= 0)
		return fail(c, 400, "malformed request line end");
	return 1;
}

/* Content-Length's value: digits only (a list of equal values too). */
static int content_length(struct cur *c, const char *v, size_t n, uint64_t *out)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0)
		return fail(c, 400, "empty Content-Length");
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return fail(c, 400, "malformed Content-Length");
		if (x > HTTP_MAX_BODY)
			continue; /* too large anyway; keep checking syntax */
		x = x * 10 + (v[i] - '0');
	}
	*out = x;
	return 1;
}

/* Connection's value: a comma list of tokens (RFC 9110 7.6.1). */
static void connection(const char *v, size_t n, int *close_, int *keep)
{
	size_t i = 0, s;

	while (i < n) {
		while (i < n && (v[i] == ',' || v[i] == ' ' || v[i] == '\t'))
			i++;
		s = i;
		while (i < n && v[i] != ',' && v[i] != ' ' && v[i] != '\t')
			i++;
		if (word_is(v + s, i - s, "close"))
			*close_ = 1;
		else if (word_is(v + s, i - s, "keep-alive"))
			*keep = 1;
	}
}

struct fields {
	int n, hosts, close_, keep, te, have_len;
	uint64_t len;
};

/* One field line "name: value"; the fields it knows go into *f. */
static int parse_field(struct cur *c, struct fields *f)
{
	const char *name = c->p, *v, *ve;
	size_t nn;
	uint64_t len;
	int r;

	while (c->p < c->end && is_tchar(*c->p))
		c->p++;
	nn = c->p - name;
	if (c->p == c->end)
		return MORE;
	if (*c->p != ':' || nn == 0)
		return fail(c, 400,
			    nn ? "whitespace or junk before ':'" :
				 "malformed header field");
	c->p++;
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
	v = c->p;
	while (c->p < c->end && is_value_char(*c->p))
		c->p++;
	ve = c->p;
	r = eol(c);
	if (r == -1 || (r == 0 && c->p == c->end))
		return MORE;
	if (r <= 0)
		return fail(c, 400, "control character in header field");
	while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
		ve--;
	if (++f->n > HTTP_MAX_FIELDS)
		return fail(c, 431, "too many header fields");
	if (word_is(name, nn, "host")) {
		f->hosts++;
	} else if (word_is(name, nn, "content-length")) {
		/* "5, 5" repeats one value (RFC 9110 8.6): take each. */
		const char *s = v, *e;

		while (s < ve) {
			e = memchr(s, ',', ve - s);
			if (!e)
				e = ve;
			while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			r = content_length(c, s, e - s, &len);
			if (r < 0)
				return r;
			if (f->have_len && len != f->len)
				return fail(c, 400,
					    "conflicting Content-Length");
			f->have_len = 1;
			f->len = len;
			s = memchr(s, ',', ve - s);
			s = s ? s + 1 : ve;
			while (s < ve && (*s == ' ' || *s == '\t'))
				s++;
		}
		if (!f->have_len)
			return fail(c, 400, "empty Content-Length");
	} else if (word_is(name, nn, "transfer-encoding")) {
		f->te = 1;
	} else if (word_is(name, nn, "connection")) {
		connection(v, ve - v, &f->close_, &f->keep);
	}
	return 1;
}

/* The whole head; see http_parse.h. */
static int parse_head(struct cur *c)
{
	struct fields f = {0};
	int r;

	/* Blank lines before the request line (RFC 9112 2.2). */
	while ((r = eol(c)) == 1)
		;
	if (r == -1 || c->p == c->end)
		return MORE;
	if (r == -2)
		return fail(c, 400, "CR without LF");
	if ((r = parse_method(c)) <= 0)
		return r;
	if ((r = parse_target(c)) <= 0)
		return r;
	if ((r = parse_version(c)) <= 0)
		return r;
	for (;;) {
		r = eol(c);
		if (r == 1)
			break;
		if (r == -1 || c->p == c->end)
			return MORE;
		if (r == -2)
			return fail(c, 400, "CR without LF");
		if (*c->p == ' ' || *c->p == '\t')
			return fail(c, 400, "obsolete line folding");
		if ((r = parse_field(c, &f)) <= 0)
			return r;
	}
	if (c->req->minor == 1 && f.hosts != 1)
		return fail(c, 400,
			    f.hosts ? "more than one Host" :
				      "HTTP/1.1 request without Host");
	if (f.hosts > 1)
		return fail(c, 400, "more than one Host");
	if (f.te)
		return fail(c, 501, "Transfer-Encoding not implemented");
	if (f.len > HTTP_MAX_BODY)
		return fail(c, 413, "request body too large");
	c->req->body_len = f.len;
	c->req->keep_alive =
		c->req->minor == 1 ? !f.close_ : f.keep && !f.close_;
	return 1;
}

int http_parse(const char *buf, size_t len, struct http_req *req)
{
	struct cur c = {buf, buf + len, req};
	int r;

	memset(req, 0, sizeof(*req));
	r = parse_head(&c);
	if (r < 0)
		return r;
	/* Complete or not, a head may not pass the limit. */
	if ((r == MORE && len >= HTTP_MAX_HEAD) ||
	    (r > 0 && c.p - buf > HTTP_MAX_HEAD))
		return fail(&c, 431, "request head too large");
	if (r == MORE)
		return MORE;
	return c.p - buf;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 503:
		return "Service Unavailable";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "";
	}
}
