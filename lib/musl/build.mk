# SPDX-License-Identifier: BSD-3-Clause
#
# Building musl (support/build/fetch.mk includes this file). musl is
# ~1,300 objects, so it is built once per set of flags into the cache,
#
#   $(UK_CACHE)/build/musl-1.2.3-1-<key>/
#     src/          the unpacked, patched source, built in place (kept:
#                   the debug info of the image points into it)
#     include/      musl's installed headers: what applications see
#     lib/libc.a    linked as an archive (only the members used)
#
# and every build, app and test with the same flags reuses it. <key>
# hashes musl.hash, the patches, this file, the flags and the compiler.
# A build holds $(LIBMUSL_BUILT).lock while it builds, so concurrent
# builds wait for one another instead of building twice.
#
# musl's flags are the kit's (optimisation level, debug info, the
# architecture's flags), except -mgeneral-regs-only: a libc computes in
# floating point (printf's %f, strtod), so threads that run musl code
# save and restore SSE state; so is the application (app* libraries get
# <LIB>_FPU := y). Upstream warnings are not errors.

LIBMUSL_UPSTREAM_CFLAGS := \
	$(if $(CONFIG_OPTIMIZE_PERF),-O2,$(if $(CONFIG_OPTIMIZE_NONE),-O0,-Os)) \
	$(if $(CONFIG_DEBUG_INFO),-g) \
	-fno-pic -fno-pie -fno-stack-protector -fno-common \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer $(filter-out $(UK_ARCH_NOFPU_CFLAGS),$(UK_ARCH_CFLAGS))
LIBMUSL_BUILT := $(UK_CACHE)/build/musl-$(LIBMUSL_DEB_VERSION)-$(call uk_fetch_key,LIBMUSL,$(LIBMUSL_UPSTREAM_CFLAGS))

LIBMUSL_INCLUDE_DIRS := $(LIBMUSL_BUILT)/include
LIBMUSL_ARCHIVES := $(LIBMUSL_BUILT)/lib/libc.a $(shell $(CC) -print-libgcc-file-name)
UK_PREPARE += $(LIBMUSL_BUILT)/.done

# The recipe runs under the lock and checks again: another build may have
# finished it while this one waited.
$(LIBMUSL_BUILT)/.done:
	$(call uk_say,MUSL,$(LIBMUSL_BUILT) (once for these flags))
	$(Q)mkdir -p $(UK_CACHE)/build
	$(Q)flock $(LIBMUSL_BUILT).lock sh -ec 'test -f $@ && exit 0; \
		rm -rf $(LIBMUSL_BUILT); \
		$(UK_FETCH) unpack $(call uk_fetch_args,LIBMUSL) $(LIBMUSL_BUILT)/src $(LIBMUSL_DIR)/patches; \
		cd $(LIBMUSL_BUILT)/src; \
		log=$(LIBMUSL_BUILT)/build.log; \
		if ! { ./configure --prefix=/ --disable-shared \
			CC="$(CC)" CFLAGS="$(LIBMUSL_UPSTREAM_CFLAGS)" && \
		       $(MAKE) lib/libc.a && \
		       $(MAKE) install-headers DESTDIR=$(LIBMUSL_BUILT) includedir=/include; \
		     } >$$log 2>&1; then \
			tail -n 20 $$log | cut -c1-300 >&2; \
			echo "musl: build failed (log: $$log)" >&2; exit 1; \
		fi; \
		mkdir -p $(LIBMUSL_BUILT)/lib; \
		mv lib/libc.a $(LIBMUSL_BUILT)/lib/libc.a; \
		touch $@'

$(LIBMUSL_BUILT)/lib/libc.a: $(LIBMUSL_BUILT)/.done

# The application is C on a full libc: it may use floating point.
$(foreach l,$(filter app%,$(UK_LIBS)),$(eval $(call uk_upper,$(l))_FPU := y))
