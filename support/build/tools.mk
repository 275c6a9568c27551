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
# interpreter that does not see Debian's python3-kconfiglib). Probed once
# and only when a recipe needs it (Kconfig, reports): a no-op make starts
# no Python at all.
uk_python_probe = $(or \
	$(shell python3 -c 'import kconfiglib' >/dev/null 2>&1 && command -v python3),\
	$(shell /usr/bin/python3 -c 'import kconfiglib' >/dev/null 2>&1 && echo /usr/bin/python3))
ifeq ($(origin UK_PYTHON),undefined)
UK_PYTHON = $(eval UK_PYTHON := $$(uk_python_probe))$(UK_PYTHON)
endif

UK_SETUP := $(UK_ROOT)/support/scripts/setup
# $(call uk_need_tool,name,value): stop when a tool is missing.
uk_need_tool = $(if $(2),,$(error $(1) not found: run $(UK_SETUP) (or: apt-get install $(3))))

uk_cc_path = $(shell command -v $(CC))

# $(call uk_check_tools): in the recipes that run Kconfig (the first of
# every build is one): when a tool is missing, run $(UK_SETUP) once (it
# installs the packages, or prints the sudo command where it lacks root),
# look again, and stop only if the tool is still missing.
uk_check_tools = $(if $(and $(UK_PYTHON),$(uk_cc_path)),,\
	$(if $(uk_setup_ran),,$(eval uk_setup_ran := y)$(info unikit: a tool is missing: running $(UK_SETUP))\
		$(shell $(UK_SETUP) >&2 </dev/null)$(eval UK_PYTHON := $$(or $$(UK_PYTHON),$$(uk_python_probe)))))\
	$(call uk_need_tool,a Python 3 with kconfiglib,$(UK_PYTHON),python3-kconfiglib)\
	$(call uk_need_tool,C compiler '$(CC)',$(uk_cc_path),gcc)
