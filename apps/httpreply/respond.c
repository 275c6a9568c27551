/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply's responses: "/" is a fixed page; any other path names a
 * regular file under cfg.root (percent-decoded, no ".." segment), sent
 * with its Content-Length from fstat. Errors carry a one-line text body
 * that names what was wrong and close the connection.
 */
#include "httpreply.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char page[] = "<!DOCTYPE html>\n"
			   "<html><head><title>httpreply</title></head>\n"
			   "<body><p>Hello from httpreply.</p></body></html>\n";

static char *out_room(struct conn *c, size_t *room)
{
	if (c->out_off && c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	*room = CONN_OUT - c->out_len;
	return c->out + c->out_len;
}

/* Append bytes to c->out; the caller made sure they fit. */
static void out_put(struct conn *c, const void *p, size_t n)
{
	size_t room;
	char *d = out_room(c, &room);

	if (n > room)
		n = room;
	memcpy(d, p, n);
	c->out_len += n;
}

static void head(struct conn *c, int status, const char *type, uint64_t len,
		 int keep_alive, int minor, const char *extra)
{
	size_t room;
	char *d = out_room(c, &room);
	int n;

	n = snprintf(d, room,
		     "HTTP/1.1 %d %s\r\n"
		     "Server: httpreply\r\n"
		     "Content-Type: %s\r\n"
		     "Content-Length: %llu\r\n"
		     "%s%s\r\n",
		     status, http_reason(status), type, (unsigned long long)len,
		     extra,
		     !keep_alive ? "Connection: close\r\n" :
		     minor == 0	 ? "Connection: keep-alive\r\n" :
				   "");
	if (n > 0)
		c->out_len += (size_t)n < room ? (size_t)n : room;
}

void respond_error(struct conn *c, int status, const char *why,
		   const struct http_req *req)
{
	int keep = req && req->keep_alive;

	char body[160];
	int n;

	n = snprintf(body, sizeof(body), "%d %s: %s\n", status,
		     http_reason(status), why);
	if (n < 0 || (size_t)n >= sizeof(body))
		n = sizeof(body) - 1;
	head(c, status, "text/plain", n, keep, req ? req->minor : 1,
	     status == 405 ? "Allow: GET, HEAD\r\n" : "");
	if (!req || req->method != HTTP_HEAD)
		out_put(c, body, n);
	c->close_after = !keep;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The file a target names: cfg.root + the decoded path into buf.
 * 0, or -status (400: bad escape; 404: a "." or ".." segment or NUL).
 */
static int file_path(const char *t, size_t n, char *buf, size_t size)
{
	size_t i, o = strlen(cfg.root), seg;

	if (o + n + 1 > size)
		return -414;
	memcpy(buf, cfg.root, o);
	seg = o;
	for (i = 0; i < n; i++) {
		char ch = t[i];

		if (ch == '%') {
			int hi = i + 2 < n ? hexval(t[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(t[i + 2]) : -1;

			if (hi < 0 || lo < 0)
				return -400;
			ch = (char)(hi << 4 | lo);
			i += 2;
			if (ch == 0)
				return -404;
		}
		if (ch == '/') {
			buf[o] = 0;
			if (!strcmp(buf + seg, "/..") ||
			    !strcmp(buf + seg, "/."))
				return -404;
			seg = o;
		}
		buf[o++] = ch;
	}
	buf[o] = 0;
	if (!strcmp(buf + seg, "/..") || !strcmp(buf + seg, "/."))
		return -404;
	return 0;
}

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{".html", "text/html"},	       {".txt", "text/plain"},
		{".css", "text/css"},	       {".js", "text/javascript"},
		{".json", "application/json"}, {".png", "image/png"},
		{".jpg", "image/jpeg"},	       {".svg", "image/svg+xml"},
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

/* Open a regular file for the response: its fd, or -status. */
static int open_file(const char *path, uint64_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == EACCES ? -403 :
		       errno == ENOENT || errno == ENOTDIR || errno == ENOSYS ||
				       errno == ENAMETOOLONG || errno == ELOOP ?
					 -404 :
					 -500;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -404;
	}
	*len = st.st_size;
	return fd;
}

void respond(struct conn *c, const struct http_req *req)
{
	char path[PATH_MAX];
	uint64_t len;
	int r, fd;

	if (req->target_len == 1) {
		head(c, 200, "text/html", sizeof(page) - 1, req->keep_alive,
		     req->minor, "");
		if (req->method == HTTP_GET)
			out_put(c, page, sizeof(page) - 1);
		c->close_after = !req->keep_alive;
		return;
	}
	r = file_path(req->target, req->target_len, path, sizeof(path));
	fd = r < 0 ? r : open_file(path, &len);
	if (fd < 0) {
		respond_error(c, -fd,
			      -fd == 404 ? "no such file" :
			      -fd == 403 ? "permission denied" :
			      -fd == 400 ? "bad percent-escape in path" :
			      -fd == 414 ? "path too long" :
					   "file could not be opened",
			      req);
		return;
	}
	head(c, 200, content_type(path), len, req->keep_alive, req->minor, "");
	c->close_after = !req->keep_alive;
	if (req->method == HTTP_HEAD || len == 0) {
		close(fd);
		return;
	}
	c->file = fd;
	c->file_left = len;
}

int fill_from_file(struct conn *c)
{
	size_t room;
	char *d = out_room(c, &room);
	ssize_t n;

	if (room > c->file_left)
		room = c->file_left;
	if (room == 0)
		return 0;
	n = read(c->file, d, room);
	if (n <= 0)
		return -1;
	c->out_len += n;
	c->file_left -= n;
	if (c->file_left == 0) {
		close(c->file);
		c->file = -1;
	}
	return 0;
}
