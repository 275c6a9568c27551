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
# The one hint every missing tool gets (setup installs all of them).
UK_SETUP_HINT := run support/scripts/setup
# $(call uk_need_tool,name,value): stop when a tool is missing.
uk_need_tool = $(if $(2),,$(error $(1) not found: $(UK_SETUP_HINT)))

uk_cc_path = $(shell command -v $(CC))

# $(call uk_check_tools): in the recipes that run Kconfig (the first of
# every build is one): when a tool is missing, run $(UK_SETUP) once (it
# installs the packages, or prints the sudo command where it lacks root),
# look again, and stop only if the tool is still missing.
uk_check_tools = $(if $(and $(UK_PYTHON),$(uk_cc_path)),,\
	$(if $(uk_setup_ran),,$(eval uk_setup_ran := y)$(info unikit: a tool is missing: running support/scripts/setup)\
		$(shell $(UK_SETUP) >&2 </dev/null)$(eval UK_PYTHON := $$(or $$(UK_PYTHON),$$(uk_python_probe)))))\
	$(call uk_need_tool,a Python 3 with kconfiglib,$(UK_PYTHON))\
	$(call uk_need_tool,C compiler '$(CC)',$(uk_cc_path))

# The goals that run more than the compiler: QEMU for run and debug
# (asked for whatever the platform: this is read before the .config, and
# setup installs QEMU anyway), gdb for debug, gnuplot for size-report's
# chart, Graphviz for graph. Checked while make reads the makefiles, so a
# missing one is installed before anything is built; plain builds fork
# nothing here.
QEMU ?= qemu-system-x86_64
uk_goal_tools = $(if $(filter run debug,$(MAKECMDGOALS)),$(QEMU)) \
	$(if $(filter debug,$(MAKECMDGOALS)),gdb) \
	$(if $(filter size-report,$(MAKECMDGOALS)),gnuplot) \
	$(if $(filter graph,$(MAKECMDGOALS)),dot)
uk_missing_tools = $(shell for t in $(uk_goal_tools); do command -v $$t >/dev/null || echo $$t; done)
ifneq ($(strip $(uk_goal_tools)),)
uk_missing := $(uk_missing_tools)
ifneq ($(uk_missing),)
$(info unikit: $(uk_missing) missing: running support/scripts/setup)
$(shell $(UK_SETUP) >&2 </dev/null)
uk_missing := $(uk_missing_tools)
$(if $(uk_missing),$(error $(uk_missing) not found: $(UK_SETUP_HINT)))
endif
endif
