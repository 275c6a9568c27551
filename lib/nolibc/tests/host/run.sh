#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Host differential test for nolibc: no kit build needed.
#
# Compiles nolibc's sources with the kernel's freestanding flags, links
# them into one object and prefixes every symbol with "nl_" (objcopy), so
# nl_snprintf can sit beside glibc's snprintf in one host program, which
# compares them (test.c). Prints "N passed, N failed"; exits non-zero on
# any failure. Usage: run.sh [seed]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
nolibc=$(cd "$here/../.." && pwd)
top=$(cd "$nolibc/../.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/nolibc-host.XXXXXX")
trap 'rm -rf "$out"' EXIT

CC=${CC:-gcc}
gccinc=$($CC -print-file-name=include)
KFLAGS="-std=gnu11 -ffreestanding -nostdinc -isystem $gccinc
	-fno-pic -fno-stack-protector -mno-red-zone -mgeneral-regs-only
	-ffunction-sections -fdata-sections -Wall -Wextra -Werror -O2
	-I$nolibc/include -I$top/include -DUK_LIBNAME=nolibc"

objs=
for src in string.c errno.c ctype.c printf.c stdio.c stdlib.c qsort.c exit.c
do
	obj="$out/${src%.c}.o"
	$CC $KFLAGS -c "$nolibc/$src" -o "$obj"
	objs="$objs $obj"
done
ld -r -o "$out/nolibc.o" $objs
# Undefined references (ukplat_*) are renamed too: test.c defines them.
objcopy --prefix-symbols=nl_ "$out/nolibc.o" "$out/nolibc_nl.o"

$CC -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-format-nonliteral \
	-Wno-format-security -no-pie -o "$out/test" \
	"$here"/*.c "$out/nolibc_nl.o"
"$out/test" "$@"
