# SPDX-License-Identifier: BSD-3-Clause
#
# Configuration: the Kconfig targets, and turning .config into what the
# build reads (auto.conf for make, autoconf.h for C).
#
# Kconfig and make find libraries the same way, from one list made here:
# every lib/*/, drivers/*/ folder with a Config.uk, plus each L= folder.
# $(UK_BUILD)/kconfig/libs.uk sources them all into the "Libraries" menu.
#
# Nothing here runs while make reads the makefiles: auto.conf is an
# included makefile with a rule (as Kbuild does), so make brings it up
# to date (`ukconfig.py sync`) and reads itself again only when .config,
# a Config.uk or the library list changed. A no-op make runs no Kconfig,
# and `make -n` writes nothing.

UK_LIB_DIRS := $(patsubst %/Config.uk,%,$(sort \
	$(wildcard $(UK_ROOT)/lib/*/Config.uk) \
	$(wildcard $(UK_ROOT)/drivers/*/Config.uk))) \
	$(UK_EXTLIBS)
UK_KCONFIG_DIR := $(UK_BUILD)/kconfig
UK_KCONFIG_LIBS := $(UK_KCONFIG_DIR)/libs.uk
UK_AUTOCONF_MK := $(UK_BUILD)/config/auto.conf
UK_AUTOCONF_H := $(UK_BUILD)/include/uk/autoconf.h

define newline


endef

# make -n (--just-print) and -q: print or ask, never write (not even the
# configuration, which make would otherwise remake before printing).
UK_DRY_RUN := $(if $(findstring n,$(filter-out -%,$(firstword $(MAKEFLAGS))))$(findstring q,$(filter-out -%,$(firstword $(MAKEFLAGS)))),y)

# .PHONY prerequisite of a file that must be rewritten this run.
.PHONY: uk-force
uk-force:

# $(call uk_escsq,text): text inside a single-quoted shell word.
uk_escsq = $(subst ','\'',$(1))

# The library index, rewritten only when the list of folders changes.
uk_libs_uk := $(foreach d,$(UK_LIB_DIRS),source "$(d)/Config.uk")
ifneq ($(strip $(file <$(UK_KCONFIG_LIBS))),$(strip $(uk_libs_uk)))
uk_libs_changed := y
$(UK_KCONFIG_LIBS): uk-force
endif
$(UK_KCONFIG_LIBS):
	$(Q)mkdir -p $(@D)
	$(Q)printf '%s\n' $(foreach d,$(UK_LIB_DIRS),'source "$(call uk_escsq,$(d))/Config.uk"') > $@

# CONFIG_X=value on make's command line: applied to .config by every
# Kconfig command and by sync (so `make L=dir CONFIG_LIBFOO=y` switches
# an external library on for good, without editing any file). A value
# Kconfig cannot take is an error, never silently dropped.
UK_CONFIG_SET := $(foreach v,$(sort $(filter CONFIG_%,$(.VARIABLES))),\
	$(if $(filter command line,$(origin $(v))),$(v)=$($(v))))

# Environment for Config.uk.
UK_KCONFIG = UK_ROOT=$(UK_ROOT) UK_APP=$(UK_APP) UK_APP_NAME=$(UK_APP_NAME) \
	UK_KCONFIG_LIBS=$(UK_KCONFIG_LIBS) $(UK_PYTHON) $(UK_ROOT)/support/kconfig/ukconfig.py \
	--kconfig $(UK_ROOT)/Config.uk --config $(UK_CONFIG) \
	--autoconf-mk $(UK_AUTOCONF_MK) --autoconf-h $(UK_AUTOCONF_H) \
	--symdir $(UK_BUILD)/config/syms \
	$(foreach s,$(UK_CONFIG_SET),--set '$(call uk_escsq,$(s))')

UK_CONFIG_TARGETS := menuconfig nconfig oldconfig olddefconfig defconfig \
	savedefconfig allnoconfig allyesconfig randconfig alldefconfig
.PHONY: $(UK_CONFIG_TARGETS)

# DEFCONFIG=name picks $(A)/defconfigs/name (or any path); default: the
# app's "default" defconfig, else the first one.
UK_DEFCONFIGS := $(sort $(wildcard $(UK_APP)/defconfigs/*))
ifneq ($(DEFCONFIG),)
UK_DEFCONFIG := $(firstword $(wildcard $(DEFCONFIG) $(UK_APP)/defconfigs/$(DEFCONFIG)))
else
UK_DEFCONFIG := $(firstword $(wildcard $(UK_APP)/defconfigs/default) $(UK_DEFCONFIGS))
endif

# No .config yet: every target that starts from the existing
# configuration (menuconfig as much as make) starts from the app's
# default defconfig, and says so.
$(UK_CONFIG): | $(UK_KCONFIG_LIBS)
	$(call uk_check_tools)
	$(if $(UK_DEFCONFIG),,$(error unikit: $(UK_CONFIG) does not exist and $(UK_APP) has no defconfigs/: run make menuconfig))
	@echo 'unikit: no $(call uk_relpath,$(UK_CONFIG)) yet: using $(call uk_relpath,$(UK_DEFCONFIG))' >&2
	$(Q)$(UK_KCONFIG) defconfig $(UK_DEFCONFIG)

menuconfig nconfig oldconfig olddefconfig savedefconfig: $(UK_KCONFIG_LIBS) | $(UK_CONFIG)
	$(call uk_check_tools)
	$(Q)$(UK_KCONFIG) $@

allnoconfig allyesconfig randconfig alldefconfig: $(UK_KCONFIG_LIBS)
	$(call uk_check_tools)
	$(Q)$(UK_KCONFIG) $@

defconfig: $(UK_KCONFIG_LIBS)
	$(call uk_check_tools)
	$(if $(UK_DEFCONFIG),,$(error unikit: DEFCONFIG=$(DEFCONFIG): no such defconfig (have: $(notdir $(UK_DEFCONFIGS)))))
	$(Q)$(UK_KCONFIG) defconfig $(UK_DEFCONFIG)

# Every other target needs auto.conf that matches .config. `sync` checks
# a .config edited by hand, reports every change it makes, and writes
# auto.conf, autoconf.h and per-symbol stamps (only for what changed),
# plus auto.conf.deps: every Kconfig file it read, so that editing any
# Config.uk syncs again.
ifeq ($(filter $(UK_CONFIG_TARGETS) clean distclean,$(MAKECMDGOALS)),)
-include $(UK_AUTOCONF_MK).deps
ifneq ($(UK_DRY_RUN),y)
$(UK_AUTOCONF_MK): $(UK_CONFIG) $(UK_KCONFIG_LIBS) $(UK_KCONFIG_FILES) \
		$(UK_ROOT)/support/kconfig/ukconfig.py $(if $(UK_CONFIG_SET),$(if $(MAKE_RESTARTS),,uk-force))
	$(call uk_check_tools)
	$(Q)$(UK_KCONFIG) sync
endif

# The compiler's own include folder (-isystem; the kit is -nostdinc),
# asked once per compiler rather than on every make.
UK_CC_MK := $(UK_BUILD)/config/cc.mk
-include $(UK_CC_MK)
ifneq ($(UK_DRY_RUN),y)
ifneq ($(UK_CC_CACHED),$(CC))
$(UK_CC_MK): uk-force
endif
$(UK_CC_MK):
	$(call uk_check_tools)
	$(Q)mkdir -p $(@D)
	$(Q)printf 'UK_CC_CACHED := %s\nUK_GCC_INCLUDE := %s\n' '$(call uk_escsq,$(CC))' "$$($(CC) -print-file-name=include)" > $@
endif

# The libraries' Makefile.uk files may stop make on what they read from
# auto.conf, so they are read only once it is known to be up to date:
# after make remade it (MAKE_RESTARTS), or when nothing it depends on is
# newer (one read-only find; otherwise make remakes auto.conf first and
# then reads everything again).
ifneq ($(filter 1 2 3,$(MAKE_RESTARTS)),$(MAKE_RESTARTS))
$(error unikit: the configuration did not settle after $(MAKE_RESTARTS) syncs (clock skew in $(call uk_relpath,$(UK_BUILD))?))
endif
ifeq ($(wildcard $(UK_AUTOCONF_MK)),)
UK_CONFIG_STALE := y
else ifeq ($(MAKE_RESTARTS),)
UK_CONFIG_STALE := $(or $(UK_CONFIG_SET),$(uk_libs_changed),$(shell find $(UK_CONFIG) \
	$(UK_KCONFIG_FILES) $(UK_ROOT)/support/kconfig/ukconfig.py -newer $(UK_AUTOCONF_MK) -print -quit 2>&1))
endif
ifneq ($(UK_DRY_RUN),y)
include $(UK_AUTOCONF_MK)
UK_HAVE_CONFIG := $(if $(UK_CONFIG_STALE),,y)
else ifeq ($(wildcard $(UK_AUTOCONF_MK)),)
$(error unikit: make -n: no configuration in $(call uk_relpath,$(UK_BUILD)) yet: run make once)
else
$(if $(UK_CONFIG_STALE),$(info unikit: make -n: the configuration changed since the last build; showing the plan for the previous one))
include $(UK_AUTOCONF_MK)
UK_HAVE_CONFIG := y
endif
endif
