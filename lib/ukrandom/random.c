/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where random bytes come from (<uk/random.h>): RDRAND when the CPU has
 * it, else the ChaCha20 generator (chacha20.c) seeded from RDSEED, the
 * registered sources, or timer jitter. The choice (CPUID only) is made
 * once, at the first use or at the early init (whichever comes first),
 * and printed; the generator seeds itself at its first use (boot pays
 * nothing for it) and again after UK_RANDOM_RESEED_BYTES. A source that
 * registers once the generator runs reseeds it at once.
 *
 * Locking: one CPU. The generator and the source list change with
 * interrupts off; a source's read runs with them on (it may sleep).
 */
#include <errno.h>
#include <string.h>
#include <uk/arch/cpu.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/plat/console.h>
#include <uk/plat/irq.h>
#include <uk/print.h>
#include "random.h"

static int nohw;
UK_PARAM(nohw, UK_PARAM_BOOL, &nohw,
	 "ignore RDRAND/RDSEED: use the ChaCha20 generator and other seeds");

enum { M_NONE, M_RDRAND, M_GEN };

static int method = M_NONE;
static int have_rdseed;
static struct uk_random_gen gen = {
	.seed_nonce = { 's', 'e', 'e', 'd', 'u', 'k', 'r', 'a', 'n', 'd' },
};
static struct uk_random_source *sources;
static char method_str[96];
static int rdrand_failed;	/* warned once */

static void set_method_str(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);

	if (n + m >= sizeof(method_str))
		m = sizeof(method_str) - 1 - n;
	memcpy(method_str, a, n);
	memcpy(method_str + n, b, m);
	method_str[n + m] = '\0';
}

/* Read 32 bytes from src into seed; bytes read (0 when it failed). */
static size_t read_source(struct uk_random_source *src, uint8_t *seed)
{
	size_t got = 0;
	long r;
	int tries = 0;

	while (got < 32 && tries++ < 8) {
		r = src->read(src, seed + got, 32 - got);
		if (r <= 0) {
			uk_pr_warn("source %s: read failed (%ld)\n", src->name,
				   r);
			break;
		}
		got += (size_t)r > 32 - got ? 32 - got : (size_t)r;
	}
	return got;
}

static void absorb(const void *seed, size_t len)
{
	unsigned long flags = ukplat_irq_save();

	uk_random_gen_absorb(&gen, seed, len);
	ukplat_irq_restore(flags);
}

/*
 * Seed the generator from everything that has entropy; returns the name
 * of the best seed used (for the method string).
 */
static const char *seed_gen(void)
{
	struct uk_random_source *s;
	const char *best = NULL;
	uint8_t seed[32];
	uint64_t v;
	size_t i;

	if (have_rdseed) {
		for (i = 0; i < 4; i++) {
			if (uk_random_rdseed64(&v) < 0)
				break;
			memcpy(seed + 8 * i, &v, 8);
		}
		if (i == 4) {
			absorb(seed, 32);
			best = "RDSEED";
		}
	}
	for (s = sources; s; s = s->next) {
		i = read_source(s, seed);
		if (i) {
			absorb(seed, i);
			if (!best)
				best = s->name;
		}
	}
	/* Always mix jitter in too: it costs little and hurts nothing. */
	uk_random_jitter(seed, sizeof(seed));
	v = rdtsc();
	memcpy(seed, &v, 8);
	absorb(seed, sizeof(seed));
	memset(seed, 0, sizeof(seed));
	return best;
}

/* The method string for the generator, from what seeded it. */
static void describe_gen(void)
{
	if (have_rdseed)
		set_method_str("ChaCha20 seeded from ", "RDSEED");
	else if (sources)
		set_method_str("ChaCha20 seeded from ", sources->name);
	else
		set_method_str("ChaCha20 seeded from timer jitter",
			       " (weak: no RDRAND, RDSEED or source)");
}

static void choose(void)
{
	if (!nohw && uk_random_cpu_has_rdrand()) {
		method = M_RDRAND;
		set_method_str("RDRAND", "");
		/* The generator backs RDRAND up should it ever fail. */
		have_rdseed = uk_random_cpu_has_rdseed();
		return;
	}
	have_rdseed = !nohw && uk_random_cpu_has_rdseed();
	method = M_GEN;
	describe_gen();
}

static void say(void)
{
	ukplat_console_puts("ukrandom: using ");
	ukplat_console_puts(method_str);
	ukplat_console_puts("\n");
}

const char *uk_random_method(void)
{
	if (method == M_NONE)
		choose();
	return method_str;
}

int uk_random_source_register(struct uk_random_source *src)
{
	struct uk_random_source *s;
	unsigned long flags;

	if (!src || !src->name || !src->read)
		return -EINVAL;
	flags = ukplat_irq_save();
	for (s = sources; s; s = s->next)
		if (s == src) {
			ukplat_irq_restore(flags);
			return -EEXIST;
		}
	src->next = sources;
	sources = src;
	ukplat_irq_restore(flags);
	if (method == M_NONE)
		return 0;	/* the generator reads it at its first use */
	if (method == M_GEN) {
		uint8_t seed[32];
		size_t n = gen.seeded ? read_source(src, seed) : 0;

		if (n)
			absorb(seed, n);
		memset(seed, 0, sizeof(seed));
		describe_gen();
		say();
	}
	return 0;
}

void uk_random_source_unregister(struct uk_random_source *src)
{
	struct uk_random_source **pp;
	unsigned long flags = ukplat_irq_save();

	for (pp = &sources; *pp; pp = &(*pp)->next)
		if (*pp == src) {
			*pp = src->next;
			src->next = NULL;
			break;
		}
	ukplat_irq_restore(flags);
	if (method == M_GEN)
		describe_gen();
}

static void gen_fill(void *buf, size_t len)
{
	unsigned long flags;
	int reseed;

	flags = ukplat_irq_save();
	reseed = !gen.seeded || gen.since_reseed >= UK_RANDOM_RESEED_BYTES;
	ukplat_irq_restore(flags);
	if (reseed)
		seed_gen();
	/* Generate in 4 KiB pieces: interrupts stay off for ~40 us at most. */
	while (len) {
		size_t n = len < 4096 ? len : 4096;

		flags = ukplat_irq_save();
		uk_random_gen_fill(&gen, buf, n);
		ukplat_irq_restore(flags);
		buf = (uint8_t *)buf + n;
		len -= n;
	}
}

static void rdrand_fill(uint8_t *p, size_t len)
{
	uint64_t v;
	size_t n;

	while (len) {
		if (uk_random_rdrand64(&v) < 0) {
			if (!rdrand_failed++)
				uk_pr_warn("RDRAND failed 10 times; using ChaCha20 for what it lacks\n");
			gen_fill(p, len);
			return;
		}
		n = len < 8 ? len : 8;
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	v = 0;
}

int uk_random_fill(void *buf, size_t len)
{
	if (!len)
		return 0;
	if (!buf)
		return -EINVAL;
	if (method == M_NONE)
		choose();
	if (method == M_RDRAND)
		rdrand_fill(buf, len);
	else
		gen_fill(buf, len);
	return 0;
}

static int ukrandom_init(void)
{
	if (method == M_NONE)
		choose();
	say();
	return 0;
}

uk_init(UK_INIT_EARLY, UK_PRIO_LATEST, ukrandom_init, NULL);
