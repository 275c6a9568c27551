/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-environ: the C library's environ from the kernel command line.
 *
 *	... env.HOME=/srv env.GREETING="hello world" -- app args
 *
 * ukboot hands every "env.<rest>" word to this library (UK_PARAM_PREFIX,
 * <uk/param.h>) before any init runs; the late init below turns them,
 * on top of CONFIG_LIBPOSIX_ENVIRON_DEFAULTS, into the array environ
 * points to. The strings stay in the command line's buffer (defaults in
 * a static copy): no allocation. setenv/putenv (the libc's) may replace
 * the array later.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/plat/console.h>
#include "environ.h"

extern char **environ;

#define MAX	CONFIG_LIBPOSIX_ENVIRON_MAX
#define NDEF	64	/* most default variables */

static const char *words[MAX];
static struct uk_param_list list = {
	.words = words,
	.max = MAX,
	.full_hint = "raise CONFIG_LIBPOSIX_ENVIRON_MAX",
};
UK_PARAM_PREFIX(env, &list,
		"env.NAME=value: an environment variable for main()");

static void complain(const char *what, const char *word)
{
	ukplat_console_puts("posix_environ: ");
	ukplat_console_puts(what);
	ukplat_console_puts(" 'env.");
	ukplat_console_puts(word);
	ukplat_console_puts("': expected env.NAME=value\n");
}

/* Length of NAME in "NAME=value", or -1 when there is no '=' or no NAME. */
static int name_len(const char *w)
{
	int i;

	for (i = 0; w[i] && w[i] != '='; i++)
		;
	return (w[i] == '=' && i > 0) ? i : -1;
}

static int same_name(const char *a, const char *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return b[n] == '=';
}

/* Put w into out[0..*count), replacing a variable of the same NAME. */
static int put(char **out, int *count, int max, char *w)
{
	int i, n = name_len(w);

	if (n < 0) {
		complain(w[0] == '=' ? "empty NAME in" : "no '=' in", w);
		return -EINVAL;
	}
	for (i = 0; i < *count; i++)
		if (same_name(w, out[i], n)) {
			out[i] = w;
			return 0;
		}
	if (*count >= max)
		return -ENOSPC;
	out[(*count)++] = w;
	return 0;
}

int posix_environ_build(char **out, int max, const char *defaults,
			char *dbuf, int dlen, const char *const *w, int n)
{
	int count = 0, i = 0, r;
	char *p;

	/* Defaults: copy, split at spaces. */
	while (*defaults) {
		while (*defaults == ' ')
			defaults++;
		if (!*defaults)
			break;
		p = dbuf + i;
		while (*defaults && *defaults != ' ') {
			if (i >= dlen - 1)
				return -ENOSPC;
			dbuf[i++] = *defaults++;
		}
		dbuf[i++] = '\0';
		r = put(out, &count, max, p);
		if (r < 0)
			return r;
	}
	for (i = 0; i < n; i++) {
		r = put(out, &count, max, (char *)w[i]);
		if (r < 0)
			return r;
	}
	out[count] = NULL;
	return count;
}

static char *env[MAX + NDEF + 1];
static char defaults_buf[sizeof(CONFIG_LIBPOSIX_ENVIRON_DEFAULTS)];

static int posix_environ_init(void)
{
	int r = posix_environ_build(env, MAX + NDEF,
				    CONFIG_LIBPOSIX_ENVIRON_DEFAULTS,
				    defaults_buf, sizeof(defaults_buf),
				    words, list.count);

	if (r == -ENOSPC)
		ukplat_console_puts("posix_environ: more than "
				    "CONFIG_LIBPOSIX_ENVIRON_MAX + 64 variables\n");
	if (r < 0)
		return r;
	environ = env;
	return 0;
}

/* Late: after the C library's own set-up, before uktest and main(). */
uk_init(UK_INIT_LATE, UK_PRIO_DEFAULT, posix_environ_init, NULL);
