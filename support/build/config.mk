# SPDX-License-Identifier: BSD-3-Clause
#
# Configuration: the Kconfig targets, and turning .config into what the
# build reads (auto.conf for make, autoconf.h for C).
#
# Kconfig and make find libraries the same way, from one list made here:
# every lib/*/, drivers/*/ folder with a Config.uk, plus each L= folder.
# $(UK_BUILD)/kconfig/libs.uk sources them all into the "Libraries" menu.

UK_LIB_DIRS := $(patsubst %/Config.uk,%,$(sort \
	$(wildcard $(UK_ROOT)/lib/*/Config.uk) \
	$(wildcard $(UK_ROOT)/drivers/*/Config.uk))) \
	$(UK_EXTLIBS)
UK_KCONFIG_DIR := $(UK_BUILD)/kconfig
UK_KCONFIG_LIBS := $(UK_KCONFIG_DIR)/libs.uk
UK_AUTOCONF_MK := $(UK_BUILD)/config/auto.conf
UK_AUTOCONF_H := $(UK_BUILD)/include/uk/autoconf.h

# Write the index only when it changes (its mtime is not a dependency).
define newline


endef
uk_libs_uk := $(foreach d,$(UK_LIB_DIRS),source "$(d)/Config.uk"$(newline))
$(shell mkdir -p $(UK_KCONFIG_DIR))
ifneq ($(file <$(UK_KCONFIG_LIBS)),$(uk_libs_uk))
$(file >$(UK_KCONFIG_LIBS),$(uk_libs_uk))
endif

# Environment for Config.uk ($(shell) in make 4.3 does not see exports).
UK_KCONFIG := UK_ROOT=$(UK_ROOT) UK_APP=$(UK_APP) UK_APP_NAME=$(UK_APP_NAME) \
	UK_KCONFIG_LIBS=$(UK_KCONFIG_LIBS) $(UK_PYTHON) $(UK_ROOT)/support/kconfig/ukconfig.py \
	--kconfig $(UK_ROOT)/Config.uk --config $(UK_CONFIG) \
	--autoconf-mk $(UK_AUTOCONF_MK) --autoconf-h $(UK_AUTOCONF_H) \
	--symdir $(UK_BUILD)/config/syms

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

menuconfig nconfig oldconfig olddefconfig savedefconfig allnoconfig \
allyesconfig randconfig alldefconfig:
	$(call uk_check_tools)
	$(Q)$(UK_KCONFIG) $@

defconfig:
	$(call uk_check_tools)
	$(if $(UK_DEFCONFIG),,$(error unikit: DEFCONFIG=$(DEFCONFIG): no such defconfig (have: $(notdir $(UK_DEFCONFIGS)))))
	$(Q)$(UK_KCONFIG) defconfig $(UK_DEFCONFIG)

# Every other target needs auto.conf that matches .config. With no .config
# yet, the app's default defconfig is used (and said so). A .config edited
# by hand is checked and brought up to date by `sync`, which reports every
# change it makes and writes auto.conf, autoconf.h and per-symbol stamps
# only for what changed.
ifeq ($(filter $(UK_CONFIG_TARGETS) clean distclean,$(MAKECMDGOALS)),)
$(call uk_check_tools)
ifeq ($(wildcard $(UK_CONFIG)),)
ifeq ($(UK_DEFCONFIG),)
$(error unikit: $(UK_CONFIG) does not exist and $(UK_APP) has no defconfigs/: run make menuconfig)
endif
$(info unikit: no $(call uk_relpath,$(UK_CONFIG)) yet: using $(call uk_relpath,$(UK_DEFCONFIG)))
uk_sync_out := $(shell $(UK_KCONFIG) defconfig $(UK_DEFCONFIG) >&2 && $(UK_KCONFIG) sync >&2 || echo FAILED)
else
uk_sync_out := $(shell $(UK_KCONFIG) sync >&2 || echo FAILED)
endif
ifneq ($(uk_sync_out),)
$(error unikit: configuration failed (see above))
endif
UK_HAVE_CONFIG := y
include $(UK_AUTOCONF_MK)
endif
