/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/* string.h and friends: copies, overlaps, searches, tokens, errors. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

static int sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

void t_string(void)
{
	char buf[64], *save, *tok;
	char ov[] = "0123456789";
	unsigned char big[300];
	int i, sum = 0;

	strcpy(buf, "hello");
	strcat(buf, ", world");
	printf("string: strcpy+strcat \"%s\" len %zu\n", buf, strlen(buf));
	printf("string: strchr \"%s\" strrchr \"%s\" strstr \"%s\"\n",
	       strchr(buf, 'o'), strrchr(buf, 'o'), strstr(buf, "wor"));
	printf("string: strstr miss %s, strchr nul at %td\n",
	       strstr(buf, "xyz") ? "found" : "NULL",
	       strchr(buf, '\0') - buf);
	printf("string: strcmp %d %d %d, strncmp %d, strcasecmp %d\n",
	       sign(strcmp("a", "b")), sign(strcmp("b", "a")),
	       strcmp("same", "same"), strncmp("abcX", "abcY", 3),
	       strcasecmp("HeLLo", "hello"));
	printf("string: memcmp of 0x80 vs 0x01 %d (unsigned bytes)\n",
	       sign(memcmp("\x80", "\x01", 1)));
	memmove(ov + 2, ov, 5);
	printf("string: memmove forward \"%s\"\n", ov);
	strcpy(ov, "0123456789");
	memmove(ov, ov + 3, 5);
	printf("string: memmove backward \"%s\"\n", ov);
	memset(buf, 'x', 10);
	strncpy(buf, "ab", 5);
	printf("string: strncpy pads: %d %d %d %c\n", buf[2], buf[3], buf[4],
	       buf[5]);
	printf("string: strspn %zu strcspn %zu strpbrk \"%s\"\n",
	       strspn("aabbcxd", "ab"), strcspn("hello world", " "),
	       strpbrk("hello world", "ow"));
	strcpy(buf, "a,b,,c;d");
	printf("string: strtok_r:");
	for (tok = strtok_r(buf, ",;", &save); tok;
	     tok = strtok_r(NULL, ",;", &save))
		printf(" [%s]", tok);
	printf("\n");
	printf("string: strndup \"%s\" strnlen %zu\n", strndup("abcdef", 3),
	       strnlen("abcdef", 4));
	for (i = 0; i < 300; i++)
		big[i] = (unsigned char)(i * 7);
	memcpy(buf, big + 100, 64);
	for (i = 0; i < 64; i++)
		sum += (unsigned char)buf[i];
	printf("string: memcpy checksum %d, memchr at %td\n", sum,
	       (unsigned char *)memchr(big, 21, 300) - big);
	printf("string: strerror(ENOENT) \"%s\"\n", strerror(ENOENT));
	printf("string: strerror(EAGAIN) \"%s\"\n", strerror(EAGAIN));
	printf("string: toupper %c isdigit %d isspace %d isalpha %d\n",
	       toupper('q'), !!isdigit('7'), !!isspace('\t'), !!isalpha('_'));
}
