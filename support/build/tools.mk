# SPDX-License-Identifier: BSD-3-Clause
#
# The tools the build uses. Each may be overridden on the command line
# (make CC=clang ...). A missing tool is reported with the command that
# installs it (support/scripts/setup installs all of them).

CC      ?= gcc
LD      ?= ld
OBJCOPY ?= objcopy
STRIP   ?= strip
NM      ?= nm
SIZE    ?= size
# `make CC=...` overrides the default "cc" that make itself defines.
ifeq ($(origin CC),default)
CC := gcc
endif
ifeq ($(origin LD),default)
LD := ld
endif

# A Python that imports kconfiglib (the one first on PATH may be a pyenv
# interpreter that does not see Debian's python3-kconfiglib).
ifeq ($(origin UK_PYTHON),undefined)
UK_PYTHON := $(firstword $(foreach p,python3 /usr/bin/python3,$(shell $(p) -c 'import kconfiglib' >/dev/null 2>&1 && command -v $(p))))
endif

UK_SETUP := $(UK_ROOT)/support/scripts/setup
# $(call uk_need_tool,name,value): stop when a tool is missing.
uk_need_tool = $(if $(2),,$(error $(1) not found: run $(UK_SETUP) (or: apt-get install $(3))))

uk_check_tools = $(call uk_need_tool,a Python 3 with kconfiglib,$(UK_PYTHON),python3-kconfiglib)$(call uk_need_tool,C compiler '$(CC)',$(shell command -v $(CC)),gcc)
