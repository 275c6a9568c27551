/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel command line:
 *
 *	<lib>.<param>=<value> ... [-- <arg> ...]
 *
 * Words are separated by spaces or tabs; a double-quoted stretch keeps its
 * spaces ("vfs.fstab=a b" or arg="x y"), and \" or \\ inside quotes stand
 * for themselves. Before "--", every word must name a parameter some
 * library declared with UK_PARAM (<uk/param.h>); after it, words become
 * argv[1...]. A UK_PARAM_PREFIX list takes every "<prefix>.<rest>" word;
 * a UK_PARAM_PREFIX_APPENDED one also takes such words from the end of
 * the arguments (a hypervisor appended them after the user's "--").
 * Anything else stops the boot with one line naming the word.
 *
 * This file uses no libc: ukboot runs with or without one.
 */
#include <uk/param.h>
#include <uk/plat/console.h>
#include "boot.h"

char *uk_boot_complaint_buf;
size_t uk_boot_complaint_size;

/* Complaints go to the console, or to uk_boot_complaint_buf (boot.h). */
static void out(const char *s)
{
	size_t n;

	if (!uk_boot_complaint_buf) {
		ukplat_console_puts(s);
		return;
	}
	for (n = 0; uk_boot_complaint_buf[n]; n++)
		;
	while (*s && n + 1 < uk_boot_complaint_size)
		uk_boot_complaint_buf[n++] = *s++;
	uk_boot_complaint_buf[n] = '\0';
}

/* "ukboot: <what> '<word>'<hint>", without its newline. */
static void complain_begin(const char *what, const char *word,
			   const char *hint)
{
	out("ukboot: ");
	out(what);
	out(" '");
	out(word);
	out("'");
	out(hint);
}

static void complain(const char *what, const char *word, const char *hint)
{
	complain_begin(what, word, hint);
	out("\n");
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Does word start with "<lib>.<name>" followed by '=' or the end? */
static const char *match_param(const struct uk_param *p, const char *word)
{
	const char *a;

	for (a = p->lib; *a; a++, word++)
		if (*a != *word)
			return NULL;
	if (*word++ != '.')
		return NULL;
	if (p->type == UK_PARAM_LIST)	/* "<prefix>.<rest>": rest */
		return *word ? word : NULL;
	for (a = p->name; *a; a++, word++)
		if (*a != *word)
			return NULL;
	return (*word == '=' || *word == '\0') ? word : NULL;
}

/* Parse an integer: optional sign, decimal or 0x hex, K/M/G suffix. */
static int parse_number(const char *s, int allow_sign, unsigned long *out,
			int *neg)
{
	unsigned long v = 0, base = 10, d, max = (unsigned long)-1;
	const char *digits;

	*neg = 0;
	if (allow_sign && (*s == '-' || *s == '+'))
		*neg = (*s++ == '-');
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	for (digits = s; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (*s | 0x20) - 'a' + 10;
		else
			break;
		if (v > (max - d) / base)
			return -1;
		v = v * base + d;
	}
	if (s == digits)	/* no digits: "", "0x", "-", "K" */
		return -1;
	if (*s && !allow_sign) {
		int shift = (*s == 'K' || *s == 'k') ? 10 :
			    (*s == 'M' || *s == 'm') ? 20 :
			    (*s == 'G' || *s == 'g') ? 30 : -1;
		if (shift < 0 || s[1] || v > (max >> shift))
			return -1;
		v <<= shift;
		s++;
	}
	if (*s)
		return -1;
	*out = v;
	return 0;
}

static int set_param(const struct uk_param *p, const char *val)
{
	unsigned long v;
	int neg;

	switch (p->type) {
	case UK_PARAM_BOOL:
		if (!*val || streq(val, "1") || streq(val, "true") ||
		    streq(val, "yes") || streq(val, "on"))
			*(int *)p->addr = 1;
		else if (streq(val, "0") || streq(val, "false") ||
			 streq(val, "no") || streq(val, "off"))
			*(int *)p->addr = 0;
		else
			return -1;
		return 0;
	case UK_PARAM_INT:
		if (parse_number(val, 1, &v, &neg) < 0 ||
		    v > (neg ? (unsigned long)__LONG_MAX__ + 1 :
			       (unsigned long)__LONG_MAX__))
			return -1;
		*(long *)p->addr = neg ? -(long)(v - 1) - 1 : (long)v;
		return 0;
	case UK_PARAM_ULONG:
		if (parse_number(val, 0, &v, &neg) < 0)
			return -1;
		*(unsigned long *)p->addr = v;
		return 0;
	case UK_PARAM_STR:
		*(const char **)p->addr = val;
		return 0;
	}
	return -1;
}

/* Does p belong to the library named by the first len chars of word? */
static int lib_is(const struct uk_param *p, const char *word, long len)
{
	long i;

	for (i = 0; i < len && p->lib[i] == word[i]; i++)
		;
	return i == len && p->lib[len] == '\0';
}

/*
 * word is <lib>.<name>[=...] and no parameter matched: name the library's
 * parameters when it has some (the library is selected, the name is
 * wrong), else say that no selected library has parameters under <lib>.
 */
static void unknown_param(const char *word, long liblen)
{
	const struct uk_param *p;
	int n = 0;

	for (p = __start_uk_params; p < __stop_uk_params; p++) {
		if (!lib_is(p, word, liblen))
			continue;
		if (n++ == 0) {
			complain_begin("unknown parameter", word, ": ");
			out(p->lib);
			out(" has no such parameter; its parameters:");
		}
		out(" ");
		out(p->name);
	}
	if (n)
		out("\n");
	else
		complain("unknown parameter", word,
			 ": no selected library declares it");
}

static int apply_param(char *word)
{
	const struct uk_param *p;
	const char *rest;

	for (p = __start_uk_params; p < __stop_uk_params; p++) {
		rest = match_param(p, word);
		if (!rest)
			continue;
		if (p->type == UK_PARAM_LIST) {
			struct uk_param_list *l = p->addr;

			if (l->count >= l->max) {
				out("ukboot: too many words like '");
				out(word);
				out("': ");
				out(l->full_hint);
				out("\n");
				return -1;
			}
			l->words[l->count++] = rest;
			return 0;
		}
		if (*rest == '\0' && p->type != UK_PARAM_BOOL) {
			complain("parameter needs a value:", word, "");
			return -1;
		}
		if (set_param(p, *rest ? rest + 1 : rest) < 0) {
			complain("malformed value in", word,
				 p->type == UK_PARAM_BOOL ? " (expected 0/1)" :
				 " (expected a number)");
			return -1;
		}
		return 0;
	}
	rest = word;
	while (*rest && *rest != '.' && *rest != '=')
		rest++;
	if (*rest != '.' || rest == word || rest[1] == '=' || rest[1] == '\0')
		complain("malformed parameter", word,
			 ": expected <library>.<param>=<value>;"
			 " app arguments go after --");
	else
		unknown_param(word, rest - word);
	return -1;
}

/*
 * Cut the next word out of *s in place (quotes removed), advance *s.
 * Returns NULL at the end of the line.
 */
static char *next_word(char **s)
{
	char *r = *s, *w, *start;
	int quoted = 0;

	while (*r == ' ' || *r == '\t' || *r == '\n')
		r++;
	if (!*r)
		return NULL;
	start = w = r;
	for (; *r; r++) {
		if (*r == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		else if (!quoted && (*r == ' ' || *r == '\t' || *r == '\n'))
			break;
		*w++ = *r;
	}
	*s = *r ? r + 1 : r;
	*w = '\0';
	return start;
}

/* word belongs to a UK_PARAM_PREFIX_APPENDED list. */
static int is_appended(const char *word)
{
	const struct uk_param *p;

	for (p = __start_uk_params; p < __stop_uk_params; p++)
		if (p->appended && match_param(p, word))
			return 1;
	return 0;
}

int uk_boot_parse_cmdline(char *cmdline, char **argv, int maxargs)
{
	char *word;
	int argc = 1, in_args = 0, first, i;

	while ((word = next_word(&cmdline))) {
		if (!in_args && streq(word, "--")) {
			in_args = 1;
		} else if (in_args) {
			if (argc == maxargs) {
				complain("too many arguments at", word,
					 ": raise CONFIG_LIBUKBOOT_MAXARGS");
				return -1;
			}
			argv[argc++] = word;
		} else if (apply_param(word) < 0) {
			return -1;
		}
	}
	/* Words a hypervisor appended after the user's arguments. */
	for (first = argc; first > 1 && is_appended(argv[first - 1]); first--)
		;
	for (i = first; i < argc; i++)
		if (apply_param(argv[i]) < 0)
			return -1;
	argc = first;
	argv[argc] = NULL;
	return argc;
}
