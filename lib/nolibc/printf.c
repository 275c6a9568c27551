/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the printf family, without floating point.
 *
 * One formatter, format(), writes into a struct out: a byte buffer with a
 * capacity and an optional flush function. snprintf points it at the
 * caller's buffer with no flush (excess bytes are counted, then dropped);
 * printf points it at a 128-byte stack buffer that is flushed to the
 * console whenever it fills, so the console sees a few large writes, not
 * one per character. See <stdio.h> for what is supported.
 */
#include <uk/fmt.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "stdio_impl.h"

#define CONSOLE_CHUNK 128

/* Helpers called from many places stay out of line: -O2 would copy them. */
#define SMALL __attribute__((noinline))

struct out {
	char *buf;
	size_t cap;		/* bytes buf can hold */
	size_t pos;		/* bytes now in buf */
	size_t total;		/* bytes produced, stored or not */
	int (*flush)(struct out *o);	/* empties buf; NULL: drop excess */
	int err;		/* a flush failed: the call returns -1 */
};

enum {
	F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_HASH = 8, F_ZERO = 16,
};

/* Length modifiers, as given; L_NONE means int. */
enum { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_T, L_J };

struct spec {
	int flags;
	int width;		/* 0: none */
	int prec;		/* -1: none */
	int len;		/* L_* */
};

static SMALL void put(struct out *o, const char *s, size_t n)
{
	size_t room;

	o->total += n;
	if (o->err)
		return;
	while (n) {
		room = o->cap - o->pos;
		if (!room) {
			if (!o->flush || o->flush(o) < 0)
				return;
			continue;
		}
		if (room > n)
			room = n;
		memcpy(o->buf + o->pos, s, room);
		o->pos += room;
		s += room;
		n -= room;
	}
}

static void pad(struct out *o, char c, int n)
{
	static const char spaces[] = "                ";
	static const char zeros[] = "0000000000000000";
	int k;

	for (; n > 0; n -= k) {
		k = n < 16 ? n : 16;
		put(o, c == '0' ? zeros : spaces, k);
	}
}

/* Emit s (n bytes) padded with spaces to the field width. */
static void put_field(struct out *o, const struct spec *sp, const char *s,
		      size_t n)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!(sp->flags & F_MINUS))
		pad(o, ' ', fill);
	put(o, s, n);
	if (sp->flags & F_MINUS)
		pad(o, ' ', fill);
}

/*
 * Emit one integer: prefix (sign or "0x"), zeros up to the precision (or,
 * with F_ZERO and no precision, up to the width), digits, and spaces.
 */
static void put_int(struct out *o, const struct spec *sp, uintmax_t v,
		    const char *prefix, unsigned int base, int upper)
{
	char tmp[3 * sizeof(uintmax_t)];	/* octal of 64 bits: 22 */
	char *d = tmp + sizeof(tmp);
	int ndig, plen = strlen(prefix), prec = sp->prec, zeros, fill;

	if (v || prec != 0)
		d = uk_fmt_uint(d, v, base, upper);
	ndig = tmp + sizeof(tmp) - d;
	if (base == 8 && (sp->flags & F_HASH) && (ndig == 0 || *d != '0') &&
	    prec <= ndig)
		prec = ndig + 1;	/* "#o": the first digit is a 0 */
	zeros = prec > ndig ? prec - ndig : 0;
	if ((sp->flags & (F_ZERO | F_MINUS)) == F_ZERO && sp->prec < 0 &&
	    sp->width > plen + ndig)
		zeros = sp->width - plen - ndig;
	fill = sp->width - plen - zeros - ndig;
	if (!(sp->flags & F_MINUS))
		pad(o, ' ', fill);
	put(o, prefix, plen);
	pad(o, '0', zeros);
	put(o, d, ndig);
	if (sp->flags & F_MINUS)
		pad(o, ' ', fill);
}

/*
 * Fetch an integer argument of length len. Signed ones come back
 * sign-extended to 64 bits, so (intmax_t) of the result is their value.
 */
static SMALL uintmax_t get_int(va_list *ap, int len, int is_signed)
{
	uintmax_t v;

	switch (len) {
	case L_L:
		return is_signed ? (uintmax_t)va_arg(*ap, long)
				 : va_arg(*ap, unsigned long);
	case L_LL:
		return va_arg(*ap, unsigned long long);
	case L_Z:
		return is_signed ? (uintmax_t)va_arg(*ap, __PTRDIFF_TYPE__)
				 : va_arg(*ap, size_t);
	case L_T:
		return va_arg(*ap, ptrdiff_t);
	case L_J:
		return va_arg(*ap, uintmax_t);
	}
	v = va_arg(*ap, unsigned int);	/* int, short and char arrive as int */
	if (len == L_HH)
		return is_signed ? (uintmax_t)(signed char)v : (unsigned char)v;
	if (len == L_H)
		return is_signed ? (uintmax_t)(short)v : (unsigned short)v;
	return is_signed ? (uintmax_t)(int)v : v;
}

/* Parse a decimal width or precision, saturating near 10^9 (no overflow). */
static int parse_num(const char **fp)
{
	const char *f = *fp;
	int n = 0;

	for (; *f >= '0' && *f <= '9'; f++)
		if (n < 100000000)
			n = n * 10 + (*f - '0');
	*fp = f;
	return n;
}

/*
 * Parse flags, width, precision and length of the conversion after a '%'.
 * Returns a pointer to the conversion character.
 */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	static const char flag_chars[] = "-+ #0";	/* order of F_* */
	static const char len_chars[] = "hlztjLq";
	static const unsigned char len_codes[] = {
		L_H, L_L, L_Z, L_T, L_J, L_LL, L_LL,
	};
	const char *c;

	sp->flags = 0;
	for (; *f && (c = strchr(flag_chars, *f)); f++)
		sp->flags |= 1 << (c - flag_chars);
	sp->width = 0;
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= F_MINUS;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		f++;
	}
	if (*f >= '0' && *f <= '9')
		sp->width = parse_num(&f);
	sp->prec = -1;
	if (*f == '.') {
		sp->prec = 0;
		if (*++f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		} else {
			sp->prec = parse_num(&f);
		}
	}
	sp->len = L_NONE;
	if (*f && (c = strchr(len_chars, *f))) {
		sp->len = len_codes[c - len_chars];
		if (f[1] == f[0] && (sp->len == L_H || sp->len == L_L)) {
			sp->len = sp->len == L_H ? L_HH : L_LL;	/* hh, ll */
			f++;
		}
		f++;
	}
	return f;
}

/* Convert one signed integer: the sign goes into the prefix. */
static void put_signed(struct out *o, const struct spec *sp, intmax_t v)
{
	const char *prefix = "";

	if (v < 0)
		prefix = "-";
	else if (sp->flags & F_PLUS)
		prefix = "+";
	else if (sp->flags & F_SPACE)
		prefix = " ";
	put_int(o, sp, v < 0 ? -(uintmax_t)v : (uintmax_t)v, prefix, 10, 0);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	if (!s)		/* glibc prints "(null)" unless it does not fit */
		s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
	put_field(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, sp->prec));
}

static void format(struct out *o, const char *fmt, va_list ap_in)
{
	struct spec sp;
	const char *start, *f;
	uintmax_t u;
	va_list ap;
	void *p;
	char c;

	va_copy(ap, ap_in);	/* so helpers can take &ap portably */
	for (f = fmt; *f; f++) {
		if (*f != '%') {
			start = f;
			while (f[1] && f[1] != '%')
				f++;
			put(o, start, f - start + 1);
			continue;
		}
		start = f;
		f = parse_spec(f + 1, &sp, &ap);
		c = *f;
		if (c == 'd' || c == 'i') {
			put_signed(o, &sp, (intmax_t)get_int(&ap, sp.len, 1));
		} else if (c == 'u' || c == 'o' || (c | 0x20) == 'x') {
			u = get_int(&ap, sp.len, 0);
			put_int(o, &sp, u,
				(sp.flags & F_HASH) && u && c == 'x' ? "0x" :
				(sp.flags & F_HASH) && u && c == 'X' ? "0X" :
				"", c == 'u' ? 10 : c == 'o' ? 8 : 16,
				c == 'X');
		} else if (c == 'p') {
			p = va_arg(ap, void *);
			if (p)
				put_int(o, &sp, (uintptr_t)p, "0x", 16, 0);
			else
				put_field(o, &sp, "(nil)", 5);
		} else if (c == 'c') {
			c = (char)va_arg(ap, int);
			put_field(o, &sp, &c, 1);
		} else if (c == 's') {
			put_string(o, &sp, va_arg(ap, const char *));
		} else if (c == '%') {
			put(o, "%", 1);
		} else if (c == 'n') {	/* unsupported: store, print nothing */
			(void)va_arg(ap, void *);
		} else {	/* %f and friends, unknown, or fmt ended */
			if (!c)
				f--;
			put(o, start, f - start + 1);
		}
	}
	va_end(ap);
}

static int result(const struct out *o)
{
	if (o->err)
		return -1;
	if (o->total > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o->total;
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt,
	      va_list ap)
{
	struct out o = { .buf = buf, .cap = n ? n - 1 : 0 };

	format(&o, fmt, ap);
	if (n)
		buf[o.pos] = '\0';
	return result(&o);
}

int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return r;
}

static int console_flush(struct out *o)
{
	if (nolibc_console_write_all(o->buf, o->pos) < 0)
		o->err = 1;
	o->pos = 0;
	return o->err ? -1 : 0;
}

/* stdout and stderr are the same console; callers check the FILE. */
int vprintf(const char *restrict fmt, va_list ap)
{
	char buf[CONSOLE_CHUNK];
	struct out o = {
		.buf = buf, .cap = sizeof(buf), .flush = console_flush,
	};

	format(&o, fmt, ap);
	if (o.pos && !o.err)
		console_flush(&o);
	return result(&o);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vprintf(fmt, ap);
	va_end(ap);
	return r;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	if (f != stdout && f != stderr) {
		errno = EBADF;
		return -1;
	}
	return vprintf(fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}
