/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <ctype.h>. ASCII only, the "C" locale: bytes 128..255 and EOF
 * belong to no class, and toupper/tolower return them unchanged. The
 * argument must be EOF or a value representable as unsigned char.
 */
#ifndef _NOLIBC_CTYPE_H
#define _NOLIBC_CTYPE_H

int isalnum(int c);
int isalpha(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);

#endif /* _NOLIBC_CTYPE_H */
