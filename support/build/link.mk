# SPDX-License-Identifier: BSD-3-Clause
#
# Linking, in two steps:
#
# 1. Each library becomes one object, $(UK_BUILD)/obj/<lib>.o: its objects
#    are partially linked (ld -r; with LTO, optimized as a whole), then
#    every global symbol not listed in its exportsyms.uk is made local.
#    A library without exportsyms.uk (or with an empty one) exports
#    nothing: objcopy keeps every global when its keep-list names no
#    symbol, so the list always holds one name no library defines
#    ($(UK_NO_EXPORT)). So a library that uses another's unexported
#    function fails to link, instead of depending on it silently.
#    `make exports LIB=name` drafts a library's list (below).
# 2. The library objects become the image, with the platform's linker
#    script or flags (UK_LDSCRIPT, UK_PLAT_LDFLAGS), --gc-sections and a
#    link map. With CONFIG_DEBUG_SYMBOLS a second pass embeds a table of
#    function names (section uk_symtab, after all code, so no function
#    moves between the passes). The bootable image is stripped; <image>.dbg
#    keeps symbols and debug info for gdb.

UK_PLAT := $(patsubst "%",%,$(CONFIG_UK_PLAT))
UK_ARCH := $(patsubst "%",%,$(CONFIG_UK_ARCH))
UK_IMAGE := $(UK_BUILD)/$(UK_APP_NAME)_$(UK_PLAT)-$(UK_ARCH)
UK_LIB_OBJS := $(foreach l,$(UK_LIBS),$(if $($(call uk_upper,$(l))_OBJS),$(UK_BUILD)/obj/$(l).o))

# Listed in every keep-list, defined nowhere: an empty exportsyms.uk
# still makes objcopy localize every other global.
UK_NO_EXPORT := __uk_exports_none__

# $(call uk_lib_link,lib,LIB): the rule for one library's object.
define uk_lib_link
$$(UK_BUILD)/obj/$(1).o: $$($(2)_OBJS) $$(wildcard $$($(2)_DIR)/exportsyms.uk)
	$$(call uk_say,LD,$(1).o)
	$$(Q)$$(CC) -nostdlib -r $$(if $$(CONFIG_OPTIMIZE_LTO),-flto -flinker-output=nolto-rel $$(UK_CFLAGS) $$($(2)_FLAGS)) \
		-o $$@.r $$($(2)_OBJS)
	$$(Q){ echo '# exports of $(1)'; echo '$$(UK_NO_EXPORT)'; cat $$(wildcard $$($(2)_DIR)/exportsyms.uk) /dev/null; } > $$@.syms
	$$(Q)$$(OBJCOPY) --keep-global-symbols=$$@.syms $$@.r $$@
	$$(Q)rm -f $$@.r $$@.syms
endef
$(foreach l,$(UK_LIBS),$(if $($(call uk_upper,$(l))_OBJS),$(eval $(call uk_lib_link,$(l),$(call uk_upper,$(l))))))

UK_LDFLAGS := $(UK_KIT_LDFLAGS) \
	$(if $(UK_LDSCRIPT),-T $(UK_LDSCRIPT)) $(UK_PLAT_LDFLAGS)
UK_GENSYMTAB := $(UK_ROOT)/support/build/gensymtab

# $(call uk_link_image,output,extra objects)
uk_link_image = $(LD) $(UK_LDFLAGS) -Map=$(1).map -o $(1) $(UK_LIB_OBJS) $(2) $(UK_LIB_ARCHIVES)

# Archives a library links as archives (only the members used): musl's
# libc.a, built once for many images (lib/musl/build.mk).
UK_LIB_ARCHIVES := $(foreach l,$(UK_LIBS),$($(call uk_upper,$(l))_ARCHIVES))

$(UK_IMAGE).dbg: $(UK_LIB_OBJS) $(UK_LIB_ARCHIVES) $(UK_LDSCRIPT) $(UK_GENSYMTAB) $(UK_BUILD)/obj/.config-stamp
	$(call uk_say,LD,$(call uk_relpath,$@))
ifeq ($(CONFIG_DEBUG_SYMBOLS),y)
	$(Q)$(UK_GENSYMTAB) /dev/null > $(UK_BUILD)/obj/symtab0.S
	$(Q)$(CC) -c -o $(UK_BUILD)/obj/symtab0.o $(UK_BUILD)/obj/symtab0.S
	$(Q)$(call uk_link_image,$@.pass1,$(UK_BUILD)/obj/symtab0.o)
	$(Q)$(NM) -n --defined-only -S $@.pass1 | $(UK_GENSYMTAB) - > $(UK_BUILD)/obj/symtab.S
	$(Q)$(CC) -c -o $(UK_BUILD)/obj/symtab.o $(UK_BUILD)/obj/symtab.S
	$(Q)$(call uk_link_image,$@,$(UK_BUILD)/obj/symtab.o)
	$(Q)$(UK_GENSYMTAB) --check $@.pass1 $@
	$(Q)rm -f $@.pass1 $@.pass1.map
else
	$(Q)$(call uk_link_image,$@)
endif

# One line: the image's segment sizes and its file size (not under make -s).
uk_size_line = $(SIZE) $(UK_IMAGE) | tail -n 1 | awk '{ printf "  %-7s %s: text %d data %d bss %d, file %d bytes\n", "SIZE", "$(notdir $(UK_IMAGE))", $$1, $$2, $$3, '$$(stat -c %s $(UK_IMAGE))' }'

$(UK_IMAGE): $(UK_IMAGE).dbg
	$(call uk_say,STRIP,$(call uk_relpath,$@))
	$(Q)$(STRIP) -s -R .comment -o $@ $<
	$(if $(UK_SILENT),@:,$(Q)$(uk_size_line))

# The link depends on which libraries are selected; relink when the set
# changes even if no object did.
# The stamp is rewritten (by its rule, never while make reads this file)
# only when the signature changed.
UK_LINK_SIG := $(strip $(UK_LIB_OBJS) $(UK_LIB_ARCHIVES) $(UK_LDFLAGS) $(CONFIG_DEBUG_SYMBOLS))
ifneq ($(strip $(file <$(UK_BUILD)/obj/.config-stamp)),$(UK_LINK_SIG))
$(UK_BUILD)/obj/.config-stamp: uk-force
endif
$(UK_BUILD)/obj/.config-stamp:
	$(Q)mkdir -p $(@D)
	$(Q)printf '%s\n' '$(call uk_escsq,$(UK_LINK_SIG))' > $@

# `make exports LIB=name`: a draft exportsyms.uk for a library (its name
# with or without "lib"): every global it defines that another selected
# library or the app references, from its objects before localization
# and the others' undefined symbols. Only the library objects are built,
# not the image (whose link may be what fails for want of the list).
.PHONY: exports
ifneq ($(filter exports,$(MAKECMDGOALS)),)
uk_exports_lib := $(firstword $(filter $(LIB) lib$(LIB),$(UK_LIBS)))
uk_exports_LIB := $(call uk_upper,$(uk_exports_lib))
uk_exports_others := $(filter-out $(UK_BUILD)/obj/$(uk_exports_lib).o,$(UK_LIB_OBJS))
endif
exports: $(if $(uk_exports_lib),$($(uk_exports_LIB)_OBJS) $(uk_exports_others))
	$(if $(LIB),,$(error unikit: make exports needs LIB=name (one of: $(UK_LIBS))))
	$(if $(uk_exports_lib),,$(error unikit: LIB=$(LIB): not a selected library (selected: $(UK_LIBS))))
	$(if $($(uk_exports_LIB)_OBJS),,$(error unikit: LIB=$(LIB): the library has no sources))
	@{ echo '# $(uk_exports_lib): the globals other libraries use (make exports LIB=$(LIB))'; \
	  $(NM) -u $(uk_exports_others) /dev/null 2>/dev/null | awk '$$1 == "U" { print $$2 }' | sort -u > $(UK_BUILD)/obj/.exports.used; \
	  $(NM) -g --defined-only $($(uk_exports_LIB)_OBJS) | awk 'NF == 3 { print $$3 }' | sort -u | \
	  comm -12 - $(UK_BUILD)/obj/.exports.used; rm -f $(UK_BUILD)/obj/.exports.used; }

.PHONY: all image
all: $(UK_IMAGE)
image: $(UK_IMAGE)
