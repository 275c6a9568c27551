# SPDX-License-Identifier: BSD-3-Clause
#
# Unikit: the user's entry point. `make help` lists the targets.
#
#   make [A=appdir] [O=builddir] [C=configfile] [L=extdir[:extdir...]] [V=1] TARGET
#
# The build is GNU Make + kconfiglib and nothing else. The machinery lives in
# support/build/, one job per file:
#   tools.mk    find the compiler, binutils and a Python with kconfiglib
#   libs.mk     find every library folder, include its Makefile.uk
#   fetch.mk    upstream sources: pinned Debian source packages, `make fetch`
#   syscalls.mk the system-call name table, `make syscalls`
#   config.mk   the Kconfig targets and .config -> auto.conf/autoconf.h
#   compile.mk  one .c/.S -> one .o, with header and config dependencies
#   link.mk     one object per library (exports enforced), then the image
#   test.mk     `make test`, `make run`
#   report.mk   size-report, why, graph, boot-report, bench

.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:

UK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# Targets that need no application at all.
UK_NOAPP_TARGETS := help test fuzz setup bench

include $(UK_ROOT)/support/build/common.mk
include $(UK_ROOT)/support/build/tools.mk
include $(UK_ROOT)/support/build/help.mk

ifneq ($(filter-out $(UK_NOAPP_TARGETS),$(or $(MAKECMDGOALS),all)),)
include $(UK_ROOT)/support/build/app.mk
include $(UK_ROOT)/support/build/config.mk
ifeq ($(UK_HAVE_CONFIG),y)
include $(UK_ROOT)/support/build/libs.mk
include $(UK_ROOT)/support/build/fetch.mk
include $(UK_ROOT)/support/build/syscalls.mk
include $(UK_ROOT)/support/build/compile.mk
include $(UK_ROOT)/support/build/link.mk
include $(UK_ROOT)/support/build/compdb.mk
endif
endif
include $(UK_ROOT)/support/build/test.mk
include $(UK_ROOT)/support/build/report.mk
