# SPDX-License-Identifier: BSD-3-Clause
#
# The SQLite amalgamation (support/build/fetch.mk includes this file).
# Debian's sqlite3 source package is SQLite's full tree, not the
# amalgamation: sqlite3.c and shell.c are generated from it by SQLite's
# own build (lemon, mkkeywordhash and the tool/*.tcl scripts, run on
# the host with cc and tclsh), exactly as Debian's and upstream's
# Makefiles do it. That is done once into the cache,
#
#   $(UK_CACHE)/build/sqlite3-3.40.1-2+deb12u2-<key>/
#     sqlite3.c sqlite3.h sqlite3ext.h   the amalgamation, as generated
#     shell.c                            the sqlite3 command (shell.c.in)
#     speedtest1.c                       test/speedtest1.c (bench/sqlite)
#     .unpacked                          all of the above are there
#
# (the tree itself is removed after: the debug info points into these
# files only). <key> hashes sqlite3.hash, the patches, this file and the
# compiler; a build holds the .lock while it generates, so concurrent
# builds wait for one another. The kit then compiles upstream/sqlite3.c
# and upstream/shell.c from there (LIBSQLITE_SRC) like any upstream file.

LIBSQLITE_BUILT := $(UK_CACHE)/build/sqlite3-$(LIBSQLITE_DEB_VERSION)-$(call uk_fetch_key,LIBSQLITE,amalgamation)
LIBSQLITE_SRC := $(LIBSQLITE_BUILT)
UK_PREPARE += $(LIBSQLITE_BUILT)/.unpacked

$(LIBSQLITE_BUILT)/.unpacked:
	$(call uk_say,SQLITE,$(LIBSQLITE_BUILT) (the amalgamation, once))
	$(Q)mkdir -p $(UK_CACHE)/build
	$(Q)flock $(LIBSQLITE_BUILT).lock sh -ec 'test -f $@ && exit 0; \
		command -v tclsh >/dev/null || { echo "sqlite: tclsh missing (it generates the amalgamation): run support/scripts/setup" >&2; exit 1; }; \
		rm -rf $(LIBSQLITE_BUILT); \
		$(UK_FETCH) unpack $(call uk_fetch_args,LIBSQLITE) $(LIBSQLITE_BUILT)/tree $(LIBSQLITE_DIR)/patches; \
		cd $(LIBSQLITE_BUILT)/tree; \
		log=$(LIBSQLITE_BUILT)/build.log; \
		if ! { ./configure --disable-tcl --disable-readline --disable-shared && \
		       $(MAKE) sqlite3.c shell.c; } >$$log 2>&1; then \
			tail -n 20 $$log | cut -c1-300 >&2; \
			echo "sqlite: generating the amalgamation failed (log: $$log)" >&2; exit 1; \
		fi; \
		cp sqlite3.c sqlite3.h sqlite3ext.h shell.c test/speedtest1.c $(LIBSQLITE_BUILT)/; \
		cd $(LIBSQLITE_BUILT); rm -rf tree; \
		touch $@'
