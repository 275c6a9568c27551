# SPDX-License-Identifier: BSD-3-Clause
#
# Find every component and read its Makefile.uk (after the kit's own,
# the top-level Makefile.uk). A Makefile.uk is data
# only; it registers its library when selected and lists its sources:
#
#   UK_LIBS-$(CONFIG_LIBUKDEBUG) += libukdebug
#   LIBUKDEBUG_SRCS-y += printk.c
#   LIBUKDEBUG_SRCS-$(CONFIG_LIBUKDEBUG_SYMBOLS) += symbols.c
#   LIBUKDEBUG_CFLAGS-y += -DFOO        (optional, this library only)
#
# While a Makefile.uk is read, UK_THIS_DIR is its folder; after it, each
# library it registered gets <LIB>_DIR and <LIB>_NAME. Paths in _SRCS-y
# are relative to the folder. Every selected library's include/ folder
# is on every library's include path.

UK_COMPONENT_DIRS := \
	$(patsubst %/Makefile.uk,%,$(sort $(wildcard $(UK_ROOT)/arch/*/Makefile.uk))) \
	$(patsubst %/Makefile.uk,%,$(sort $(wildcard $(UK_ROOT)/plat/*/Makefile.uk))) \
	$(foreach d,$(UK_LIB_DIRS),$(if $(wildcard $(d)/Makefile.uk),$(d))) \
	$(UK_APP)

UK_LIBS-y :=
UK_ARCH_CFLAGS :=
UK_LDSCRIPT :=

# The kit-wide fragment first (flags every library is built with).
include $(UK_ROOT)/Makefile.uk

# $(call uk_read_component,dir): include dir/Makefile.uk and record the
# folder of each library it registered.
define uk_read_component
UK_THIS_DIR := $(1)
include $(1)/Makefile.uk
$$(foreach l,$$(UK_LIBS-y),$$(if $$($$(call uk_upper,$$(l))_DIR),,\
	$$(eval $$(call uk_upper,$$(l))_DIR := $(1))\
	$$(eval $$(call uk_upper,$$(l))_NAME := $$(l))))
endef
$(foreach d,$(UK_COMPONENT_DIRS),$(eval $(call uk_read_component,$(d))))

UK_LIBS := $(UK_LIBS-y)

# Every listed source of a selected library exists, checked before
# anything compiles (the upstream/ paths of a library with a <LIB>_DEB
# are unpacked by the fetch step).
uk_missing_srcs := $(strip $(foreach l,$(UK_LIBS),$(foreach s,$(filter-out $(if $($(call uk_upper,$(l))_DEB),upstream/%),\
	$($(call uk_upper,$(l))_SRCS-y)),$(if $(wildcard $($(call uk_upper,$(l))_DIR)/$(s)),,$(l):$(s)))))
ifneq ($(uk_missing_srcs),)
uk_missing_lib := $(firstword $(subst :, ,$(firstword $(uk_missing_srcs))))
$(error unikit: $(uk_missing_lib): source $(word 2,$(subst :, ,$(firstword $(uk_missing_srcs)))) \
	not found in $(call uk_relpath,$($(call uk_upper,$(uk_missing_lib))_DIR)) (listed in its Makefile.uk)$(if \
	$(word 2,$(uk_missing_srcs)), and $(words $(wordlist 2,999,$(uk_missing_srcs))) more))
endif
ifneq ($(words $(UK_LIBS)),$(words $(sort $(UK_LIBS))))
$(error unikit: a library is registered twice: $(UK_LIBS))
endif
