# SPDX-License-Identifier: BSD-3-Clause
#
# Compiling: one source becomes one object,
#
#   <lib dir>/<path>.c  ->  $(UK_BUILD)/obj/<lib>/<path>.o
#
# with the global flags below plus the library's <LIB>_CFLAGS-y. Each
# object depends on its source, the headers it included (gcc -MMD), the
# per-symbol stamps of every CONFIG_ symbol those files mention (see
# support/build/fixdep), and its library's flags stamp (so a changed
# compiler flag rebuilds exactly the objects it applies to). Every object
# waits for UK_PREPARE (fetch.mk: fetched sources, musl's headers).
# A library's <LIB>_INCLUDE_DIRS (e.g. musl's installed headers) are on
# every library's include path, like its include/ folder. A library with
# <LIB>_FPU := y (an application on musl) is built without the
# architecture's no-FPU flags (UK_ARCH_NOFPU_CFLAGS).
#
# A library with a <LIB>_DEB (fetch.mk) lists the upstream files it
# compiles as upstream/<path>.c: <path> is taken from its unpacked
# source, $(<LIB>_SRC)/<path>.c, and becomes obj/<lib>/upstream/<path>.o,
# with the library's flags minus -Werror (upstream warnings are not the
# kit's to fix) plus <LIB>_UPSTREAM_CFLAGS-y.

UK_INCLUDES := -I$(UK_BUILD)/include -I$(UK_ROOT)/include \
	$(foreach l,$(UK_LIBS),$(if $(wildcard $($(call uk_upper,$(l))_DIR)/include),\
		-I$($(call uk_upper,$(l))_DIR)/include)) \
	$(foreach l,$(UK_LIBS),$(addprefix -isystem ,$($(call uk_upper,$(l))_INCLUDE_DIRS)))

# The kit-wide flags come from the top-level Makefile.uk.
UK_CFLAGS := $(UK_KIT_CFLAGS) \
	$(UK_ARCH_CFLAGS) -include $(UK_AUTOCONF_H) $(UK_INCLUDES)
UK_ASFLAGS := -D__ASSEMBLY__ -Wa,--noexecstack $(filter-out -std=gnu11 -flto,$(UK_CFLAGS))

# $(call uk_lib_rules,lib): the objects, flags stamp and pattern rules of
# one library. <LIB>_OBJS lists its objects for link.mk.
define uk_lib_rules
$(2)_OBJDIR := $$(UK_BUILD)/obj/$(1)
$(2)_OBJS := $$(addprefix $$($(2)_OBJDIR)/,$$(addsuffix .o,$$(basename $$($(2)_SRCS-y))))
$(2)_FLAGS := -DUK_LIBNAME=$(patsubst lib%,%,$(1)) \
	$$(if $$(and $$(CONFIG_WERROR),$$(if $$($(2)_NOWERROR),,y)),-Werror) \
	$$($(2)_CFLAGS-y)
$(2)_CCFLAGS := $$(if $$($(2)_FPU),$$(filter-out $$(UK_ARCH_NOFPU_CFLAGS),$$(UK_CFLAGS)),$$(UK_CFLAGS))
$(2)_STAMP := $$($(2)_OBJDIR)/.flags
ifneq ($$(words $$($(2)_OBJS)),$$(words $$(sort $$($(2)_OBJS))))
$$(error unikit: $(1): two sources become the same object (e.g. x.c and x.S): $$(sort $$($(2)_SRCS-y)))
endif
$(2)_FLAGLINE := $$(strip $$($(2)_CCFLAGS) $$($(2)_FLAGS) $$($(2)_ASFLAGS-y) $$($(2)_UPSTREAM_CFLAGS-y))
ifneq ($$(strip $$(file <$$($(2)_STAMP))),$$($(2)_FLAGLINE))
$$($(2)_STAMP): uk-force
endif
$$($(2)_STAMP):
	$$(Q)mkdir -p $$(@D)
	$$(Q)printf '%s\n' '$$(call uk_escsq,$$($(2)_FLAGLINE))' > $$@

$$($(2)_OBJDIR)/%.o: $$($(2)_DIR)/%.c $$($(2)_STAMP) | $$(UK_PREPARE)
	$$(call uk_say,CC,$$(call uk_relpath,$$(patsubst %.c,%.o,$$<)))
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$($(2)_CCFLAGS) $$($(2)_FLAGS) -MMD -MP -MF $$@.dt -c $$< -o $$@
	$$(Q)$$(UK_FIXDEP) $$@.dt $$(UK_AUTOCONF_H) $$(UK_BUILD)/config/syms > $$@.d && rm -f $$@.dt

$$($(2)_OBJDIR)/%.o: $$($(2)_DIR)/%.S $$($(2)_STAMP) | $$(UK_PREPARE)
	$$(call uk_say,AS,$$(call uk_relpath,$$(patsubst %.S,%.o,$$<)))
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(UK_ASFLAGS) $$($(2)_FLAGS) $$($(2)_ASFLAGS-y) -MMD -MP -MF $$@.dt -c $$< -o $$@
	$$(Q)$$(UK_FIXDEP) $$@.dt $$(UK_AUTOCONF_H) $$(UK_BUILD)/config/syms > $$@.d && rm -f $$@.dt

ifneq ($$($(2)_SRC),)
$$($(2)_OBJDIR)/upstream/%.o: $$($(2)_SRC)/%.c $$($(2)_STAMP) | $$(UK_PREPARE)
	$$(call uk_say,CC,$(1): $$*.o)
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$($(2)_CCFLAGS) $$(filter-out -Werror,$$($(2)_FLAGS)) $$($(2)_UPSTREAM_CFLAGS-y) \
		-MMD -MP -MF $$@.dt -c $$< -o $$@
	$$(Q)$$(UK_FIXDEP) $$@.dt $$(UK_AUTOCONF_H) $$(UK_BUILD)/config/syms > $$@.d && rm -f $$@.dt

# A new unpack (a patch or the pinned files changed) rebuilds all of the
# library's objects: it rewrites sources and headers as a side effect of
# .unpacked, so make never sees their new times (the objects stayed stale).
$$($(2)_OBJS): $$(filter $$($(2)_SRC)/.unpacked,$$(UK_PREPARE))

# The sources exist once the fetch step has unpacked them.
# (precious: make would delete them as intermediate files otherwise).
$$($(2)_SRC)/%.c: | $$($(2)_SRC)/.unpacked ;
.PRECIOUS: $$($(2)_SRC)/%.c
endif

-include $$($(2)_OBJS:=.d)
endef

UK_FIXDEP := $(UK_ROOT)/support/build/fixdep
$(foreach l,$(UK_LIBS),$(eval $(call uk_lib_rules,$(l),$(call uk_upper,$(l)))))
