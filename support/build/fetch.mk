# SPDX-License-Identifier: BSD-3-Clause
#
# Fetching upstream sources: Debian source packages, pinned by version
# and SHA-256, cached under UK_CACHE (default ~/.cache/unikit), so that
# only the first build needs the network. A library that uses upstream
# code says, in its Makefile.uk,
#
#   LIBMUSL_DEB := musl 1.2.3-1        (source package, exact version)
#
# and keeps beside it <package>.hash, one line per file of the source
# package (`sha256 <hex> musl_1.2.3-1.dsc`, the .orig.tar and the
# .debian.tar), and optionally patches/*.patch (applied in name order,
# -p1, after Debian's own). support/build/fetch does the work; every
# failure is one line naming the package, the version and what to run.
#
# For each such library this file sets
#   <LIB>_DEB_PKG, <LIB>_DEB_VERSION, <LIB>_DEB_HASH, <LIB>_DEB_PATCHES
# and then either
#   - includes <libdir>/build.mk when there is one: a library with its
#     own build system (lib/musl) builds from the cache itself, once per
#     set of flags, keyed by $(call uk_fetch_key,<LIB>,<flags>); or
#   - unpacks into $(UK_BUILD)/fetch/<package>-<version> (<LIB>_SRC);
#     the library lists upstream/<path>.c in <LIB>_SRCS-y and compile.mk
#     compiles $(<LIB>_SRC)/<path>.c without -Werror (lib/lwip).
# Everything a compile must wait for is in UK_PREPARE. `make fetch`
# downloads what the configuration needs and nothing else.

UK_CACHE ?= $(HOME)/.cache/unikit
override UK_CACHE := $(abspath $(UK_CACHE))
export UK_CACHE
UK_FETCH := $(UK_ROOT)/support/build/fetch
UK_PREPARE :=

UK_FETCH_LIBS := $(foreach l,$(UK_LIBS),$(if $($(call uk_upper,$(l))_DEB),$(l)))

# $(call uk_fetch_key,LIB,extra): 16 hex digits that change when the
# pinned files, the patches, the library's build.mk or extra (its flags,
# the compiler) change: the name of its shared build in the cache.
uk_fetch_key = $(shell { cat $($(1)_DEB_HASH) $($(1)_DEB_PATCHES) \
	$(wildcard $($(1)_DIR)/build.mk) /dev/null; echo '$(2)'; \
	$(CC) --version | head -n 1; } | sha256sum | cut -c1-16)

# $(call uk_fetch_args,LIB): package, version, hash file, cache.
uk_fetch_args = $($(1)_DEB_PKG) $($(1)_DEB_VERSION) $($(1)_DEB_HASH) $(UK_CACHE)

define uk_fetch_lib
$(2)_DEB_PKG := $$(word 1,$$($(2)_DEB))
$(2)_DEB_VERSION := $$(word 2,$$($(2)_DEB))
$$(if $$(and $$($(2)_DEB_VERSION),$$(if $$(word 3,$$($(2)_DEB)),,y)),,\
	$$(error unikit: $(1): $(2)_DEB must be "<package> <version>", not "$$($(2)_DEB)"))
$(2)_DEB_HASH := $$($(2)_DIR)/$$($(2)_DEB_PKG).hash
$$(if $$(wildcard $$($(2)_DEB_HASH)),,\
	$$(error unikit: $(1): $$($(2)_DEB_HASH) is missing: it pins each file of $$($(2)_DEB)))
$(2)_DEB_PATCHES := $$(sort $$(wildcard $$($(2)_DIR)/patches/*.patch))
ifneq ($$(wildcard $$($(2)_DIR)/build.mk),)
include $$($(2)_DIR)/build.mk
else
# The folder name drops a version's epoch ("5:7.0.15-1"): make cannot
# have a colon in a target.
$(2)_SRC := $$(UK_BUILD)/fetch/$$($(2)_DEB_PKG)-$$(lastword $$(subst :, ,$$($(2)_DEB_VERSION)))
UK_PREPARE += $$($(2)_SRC)/.unpacked
# .unpacked holds the key of what was unpacked (the pinned files and the
# patches): a patch added, changed or removed unpacks again (and
# compile.mk rebuilds the library's objects).
$(2)_UNPACK_KEY := $$(shell cat $$($(2)_DEB_HASH) $$($(2)_DEB_PATCHES) | sha256sum | cut -c1-16)
ifneq ($$(strip $$(file <$$($(2)_SRC)/.unpacked)),$$($(2)_UNPACK_KEY))
$$($(2)_SRC)/.unpacked: uk-force
endif
$$($(2)_SRC)/.unpacked:
	$$(call uk_say,FETCH,$$($(2)_DEB))
	$$(Q)$$(UK_FETCH) unpack $$(call uk_fetch_args,$(2)) $$($(2)_SRC) $$($(2)_DIR)/patches
	$$(Q)echo $$($(2)_UNPACK_KEY) > $$@
endif
endef
$(foreach l,$(UK_FETCH_LIBS),$(eval $(call uk_fetch_lib,$(l),$(call uk_upper,$(l)))))

.PHONY: fetch
fetch:
	$(Q)set -e; $(foreach l,$(UK_FETCH_LIBS),\
		$(if $(UK_SILENT),,printf '  %-7s %s\n' FETCH '$($(call uk_upper,$(l))_DEB)';) \
		$(UK_FETCH) download $(call uk_fetch_args,$(call uk_upper,$(l)));) :
