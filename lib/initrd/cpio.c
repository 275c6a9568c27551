/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cpio "newc" parser (the format of `cpio -H newc`, which Linux's
 * initramfs uses too): a 110-byte header of magic "070701" (or "070702",
 * with a checksum of the data) and thirteen 8-digit hex fields, the name
 * (with its NUL) padded to 4 bytes, the data padded to 4 bytes; the
 * member named TRAILER!!! ends an archive. See <uk/initrd.h> for the
 * contract.
 *
 * This file is the parser's whole trust boundary: everything in the
 * archive is checked here against the buffer's length before anything
 * reads it, with no arithmetic that can wrap. It uses nothing but the C
 * library's memcmp/memchr, so it builds unchanged for the host fuzz
 * harness (lib/initrd/fuzz/cpio.c).
 */
#include <errno.h>
#include <string.h>
#include <uk/initrd.h>

#define HDR_LEN		110
#define FIELD_LEN	8

/* st_mode's type bits (the values are the same on every Unix) */
#define T_MASK		0170000
#define T_SOCK		0140000
#define T_LNK		0120000
#define T_REG		0100000
#define T_BLK		0060000
#define T_DIR		0040000
#define T_CHR		0020000
#define T_FIFO		0010000

#define TRAILER		"TRAILER!!!"

/* The header's fields after the magic, in order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE,
	F_CHECK, F_COUNT
};

static const char *const bad_field[F_COUNT] = {
	"bad hex digit in c_ino",	"bad hex digit in c_mode",
	"bad hex digit in c_uid",	"bad hex digit in c_gid",
	"bad hex digit in c_nlink",	"bad hex digit in c_mtime",
	"bad hex digit in c_filesize",	"bad hex digit in c_devmajor",
	"bad hex digit in c_devminor",	"bad hex digit in c_rdevmajor",
	"bad hex digit in c_rdevminor",	"bad hex digit in c_namesize",
	"bad hex digit in c_check",
};

void uk_initrd_cpio_start(struct uk_initrd_cpio *it, const void *base,
			  size_t len)
{
	memset(it, 0, sizeof(*it));
	it->base = base;
	it->len = len;
	it->err_entry = "";
}

/* Fail at off with what, naming the entry name[0..len) (may be ""). */
static int fail(struct uk_initrd_cpio *it, size_t off, const char *what,
		const char *name, size_t len)
{
	it->err_off = off;
	it->err_what = what;
	it->err_entry = name;
	it->err_entry_len = len > 255 ? 255 : len;
	return -EINVAL;
}

static int hex8(const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < FIELD_LEN; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

static size_t pad4(size_t n)
{
	return (4 - (n & 3)) & 3;
}

/* off moved past its padding, or to the end of the archive if cut. */
static size_t skip_pad(const struct uk_initrd_cpio *it, size_t off)
{
	return pad4(off) > it->len - off ? it->len : off + pad4(off);
}

/*
 * Strip leading "/" and "./" from name[0..*len), then check what is
 * left component by component. Returns NULL when safe, else why not.
 */
static const char *clean_name(const char **name, size_t *len)
{
	const char *s = *name;
	size_t n = *len, i, c;

	for (;;) {
		if (n && s[0] == '/') {
			s++, n--;
		} else if (n >= 2 && s[0] == '.' && s[1] == '/') {
			s += 2, n -= 2;
		} else {
			break;
		}
	}
	*name = s;
	*len = n;
	if (!n || (n == 1 && s[0] == '.')) {
		*name = ".";
		*len = 1;
		return NULL;
	}
	for (i = 0; i <= n; i = c + 1) {
		for (c = i; c < n && s[c] != '/'; c++)
			;
		if (c == i)
			return "empty path component in the name";
		if (c - i == 1 && s[i] == '.')
			return "a \".\" component in the name";
		if (c - i == 2 && s[i] == '.' && s[i + 1] == '.')
			return "a \"..\" component in the name (leaves the root)";
	}
	return NULL;
}

/* Check what the entry's type allows; NULL when fine, else why not. */
static const char *check_type(const struct uk_initrd_entry *e)
{
	const unsigned char *d = e->data;

	if (e->mode & ~(uint32_t)0177777)
		return "c_mode has bits beyond the type and permissions";
	if (!strcmp(e->name, ".") && (e->mode & T_MASK) != T_DIR)
		return "the root entry \".\" is not a directory";
	switch (e->mode & T_MASK) {
	case T_REG:
		return NULL;
	case T_DIR:
		return e->size ? "a directory with data" : NULL;
	case T_LNK:
		if (!e->size || e->size >= UK_INITRD_NAME_MAX)
			return "symlink target length out of range";
		if (memchr(d, '\0', e->size))
			return "NUL byte in the symlink target";
		return NULL;
	case T_CHR:
	case T_BLK:
	case T_FIFO:
	case T_SOCK:
		return e->size ? "a device, fifo or socket with data" : NULL;
	default:
		return "unknown file type in c_mode";
	}
}

/*
 * After TRAILER!!!: zero padding to the end (done), or padding and
 * another archive (go on at its header).
 */
static int after_trailer(struct uk_initrd_cpio *it)
{
	size_t p = it->pos;

	while (p < it->len && it->base[p] == 0)
		p++;
	if (p == it->len) {
		it->done = 1;
		return 0;
	}
	if ((p & 3) == 0 && it->len - p >= 6 &&
	    !memcmp(it->base + p, "07070", 5)) {
		it->pos = p;
		return 1;
	}
	return fail(it, p, "data after TRAILER!!! that is neither zero "
		    "padding nor another archive", TRAILER, 10);
}

/* Decode the header at it->pos into e; 0 or -EINVAL. */
static int read_header(struct uk_initrd_cpio *it, struct uk_initrd_entry *e,
		       int *crc)
{
	const unsigned char *h = it->base + it->pos;
	uint32_t f[F_COUNT];
	int i;

	if (it->len - it->pos < HDR_LEN)
		return fail(it, it->pos, it->pos == it->len ?
			    "archive ends without TRAILER!!! (truncated)" :
			    "truncated header", "", 0);
	if (memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2'))
		return fail(it, it->pos, "bad magic (not a cpio newc archive: "
			    "make it with cpio -H newc)", "", 0);
	for (i = 0; i < F_COUNT; i++)
		if (hex8(h + 6 + i * FIELD_LEN, &f[i]))
			return fail(it, it->pos + 6 + i * FIELD_LEN,
				    bad_field[i], "", 0);
	*crc = h[5] == '2';
	memset(e, 0, sizeof(*e));
	e->offset = it->pos;
	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->size = f[F_FILESIZE];
	e->dev_major = f[F_DEVMAJOR];
	e->dev_minor = f[F_DEVMINOR];
	e->rdev_major = f[F_RDEVMAJOR];
	e->rdev_minor = f[F_RDEVMINOR];
	e->name_len = f[F_NAMESIZE];	/* with its NUL, for now */
	e->data = (const void *)(uintptr_t)f[F_CHECK];	/* for now */
	return 0;
}

int uk_initrd_cpio_next(struct uk_initrd_cpio *it, struct uk_initrd_entry *e)
{
	const char *name, *why;
	size_t name_off, nsize, data_off, left;
	uint32_t check, sum = 0;
	size_t i;
	int crc, r;

	if (it->err_what)
		return -EINVAL;
	if (it->done)
		return 0;
again:
	if ((r = read_header(it, e, &crc)))
		return r;
	nsize = e->name_len;
	check = (uint32_t)(uintptr_t)e->data;
	name_off = it->pos + HDR_LEN;
	name = (const char *)it->base + name_off;
	left = it->len - name_off;
	if (nsize < 2 || nsize > UK_INITRD_NAME_MAX)
		return fail(it, it->pos + 6 + F_NAMESIZE * FIELD_LEN,
			    "c_namesize out of range", "", 0);
	if (nsize > left)
		return fail(it, name_off, "name runs past the end of the "
			    "archive (truncated)", name, left);
	if (name[nsize - 1] != '\0')
		return fail(it, name_off + nsize - 1,
			    "name not NUL-terminated", name, nsize);
	if (memchr(name, '\0', nsize - 1))
		return fail(it, name_off, "NUL byte inside the name",
			    name, nsize - 1);
	e->name_len = nsize - 1;
	data_off = name_off + nsize;
	/* Padding may be cut at the very end (after a trailer). */
	data_off = skip_pad(it, data_off);
	left = it->len - data_off;
	if (e->size > left)
		return fail(it, data_off, "data runs past the end of the "
			    "archive (truncated)", name, e->name_len);
	e->data = it->base + data_off;
	if (crc) {
		for (i = 0; i < e->size; i++)
			sum += it->base[data_off + i];
		if (sum != check)
			return fail(it, it->pos + 6 + F_CHECK * FIELD_LEN,
				    "checksum (c_check) does not match the data",
				    name, e->name_len);
	}
	it->pos = skip_pad(it, data_off + e->size);
	if (e->name_len == 10 && !memcmp(name, TRAILER, 10)) {
		r = after_trailer(it);
		if (r == 1)
			goto again;
		return r;
	}
	e->name = name;
	if ((why = clean_name(&e->name, &e->name_len)))
		return fail(it, name_off, why, name, nsize - 1);
	if ((why = check_type(e)))
		return fail(it, e->offset + 6 + F_MODE * FIELD_LEN, why,
			    name, nsize - 1);
	return 1;
}
