/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: what main.c (sockets, the epoll loop, connection lifetimes)
 * and respond.c (turning a parsed request into response bytes) share.
 * Plain POSIX + Linux epoll: the same source builds with musl-gcc for the
 * host and with the kit's musl.
 */
#ifndef HTTPREPLY_H
#define HTTPREPLY_H

#include <stddef.h>
#include <stdint.h>

#include "http_parse.h"

/* Request bytes a connection holds: one whole head fits (431 past it). */
#define CONN_IN HTTP_MAX_HEAD
/* Response bytes queued per connection before it stops taking requests. */
#define CONN_OUT 4096
/* Room a response head needs; fewer free bytes pause pipelined parsing. */
#define RESP_HEAD_MAX 512

struct conn {
	int fd;
	int echo;	  /* 1: a TCP echo connection, not HTTP */
	int peer_eof;	  /* the peer shut down its side */
	int close_after;  /* close once everything queued is sent */
	int lingering;	  /* write side shut: discard input until EOF */
	unsigned events;  /* the epoll interest registered now */
	int64_t deadline; /* ms (monotonic) when it is closed if idle */
	uint64_t discard; /* request body bytes still to skip */
	int file;	  /* file being sent after out[], or -1 */
	uint64_t file_left;
	size_t in_len;
	size_t out_off, out_len;
	struct conn *prev, *next; /* its timeout list, oldest first */
	char in[CONN_IN];
	char out[CONN_OUT];
};

/* Server-wide settings from the command line (main.c). */
struct settings {
	const char *root; /* folder files are served from */
	int max_conns;
	int idle_ms;
};
extern struct settings cfg;

/*
 * respond(c, req): queue the response to a complete, valid request in
 * c->out (a file's bytes follow from c->file); c->out has at least
 * RESP_HEAD_MAX bytes free and no file pending.
 */
void respond(struct conn *c, const struct http_req *req);

/*
 * respond_error(c, status, why, req): queue an error response with the
 * body "<status> <reason>: <why>". req is the valid request it answers
 * (a missing file: the connection stays as the request asked), or NULL
 * for a request that did not parse (the connection closes after it).
 */
void respond_error(struct conn *c, int status, const char *why,
		   const struct http_req *req);

/*
 * fill_from_file(c): move the next bytes of c->file into c->out's free
 * room; closes c->file when all is read. 0, or -1 when the file could
 * not be read (the connection must close: its length was promised).
 */
int fill_from_file(struct conn *c);

#endif
