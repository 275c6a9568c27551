#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Layers and names (support/scripts/check-layers, docs/architecture.md
# "Names"):
#   - every library in the tree is named for its layer and exports only
#     names of its scheme (uk_<lib>_, ukplat_, ukarch_, or standard names
#     it declares);
#   - in real builds (kvm with threads, locks and every test; linuxu;
#     the default kvm helloworld with uktest and no allocator), no
#     library references a higher layer, weakly or not;
#   - the checker itself fails on a fake tree and a fake build that break
#     each rule once (so a green result means something);
#   - the page-table API works without ukalloc: the default config plus
#     CONFIG_LIBUKTEST=y passes x86paging.* on QEMU (issue 8 item 2:
#     map_alias_and_unmap and large_map_uses_large_pages were -ENOMEM).
. "$(dirname "$0")/../lib.sh"

chk=$UK_ROOT/support/scripts/check-layers
lacks() { ! grep -q "$1" <<<"$2"; }

check layers/names-in-tree "$chk" names "$UK_ROOT/test/extlib/ukcrc" \
	"$UK_ROOT/test/extlib-exports"

# A fake tree: each library breaks one rule.
fake=$UK_TEST_DIR/fake
mkdir -p "$fake"/lib/ukfoo "$fake"/lib/ukbar "$fake"/plat/baz
echo 'UK_LIBS-y += libukfoo' > "$fake"/lib/ukfoo/Makefile.uk
printf 'uk_foo_ok\nfoo_bad\n' > "$fake"/lib/ukfoo/exportsyms.uk
echo 'UK_LIBS-y += libukbar' > "$fake"/lib/ukbar/Makefile.uk
printf 'uk_bar_ok\n# standard: C\nmalloc\nuk_sneaky\n' > "$fake"/lib/ukbar/exportsyms.uk
echo 'UK_LIBS-y += libbazplat' > "$fake"/plat/baz/Makefile.uk
out=$(UK_ROOT=$fake "$chk" names 2>&1); rc=$?
log "$out"
check layers/names-refused test $rc = 1
check layers/names-says-what \
	grep -q "libukfoo exports foo_bad: outside its scheme (uk_foo_\*" <<<"$out"
check layers/names-standard-not-uk \
	grep -q "libukbar exports uk_sneaky" <<<"$out"
check layers/names-standard-allowed lacks "exports malloc" "$out"
check layers/names-library-name \
	grep -q "libbazplat (plat/baz): a library in this folder is named libukplatbaz" <<<"$out"

# A fake build: a platform that calls a library, and a weak reference.
fo=$UK_TEST_DIR/fakeobj
mkdir -p "$fo"/libukplatfoo "$fo"/libukfoo "$fo"/libukfoo/tests
cat > "$UK_TEST_DIR"/p.c <<'EOF'
int uk_foo_get(void);
extern int uk_foo_weak(void) __attribute__((weak));
int ukplat_foo(void) { return uk_foo_get() + (uk_foo_weak ? 1 : 0); }
EOF
cat > "$UK_TEST_DIR"/l.c <<'EOF'
int ukplat_foo(void);
int uk_foo_get(void) { return 1; }
int uk_foo_weak(void) { return ukplat_foo(); }
EOF
gcc -c -o "$fo"/libukplatfoo/p.o "$UK_TEST_DIR"/p.c &&
	cp "$fo"/libukplatfoo/p.o "$fo"/libukplatfoo.o &&
	gcc -c -o "$fo"/libukfoo/l.o "$UK_TEST_DIR"/l.c &&
	cp "$fo"/libukfoo/l.o "$fo"/libukfoo.o
out=$("$chk" refs "$fo" 2>&1); rc=$?
log "$out"
check layers/refs-refused test $rc = 1
check layers/refs-upward-named \
	grep -q "libukplatfoo (plat) uses uk_foo_get of libukfoo (lib): dependencies run downward" <<<"$out"
check layers/refs-weak-named \
	grep -q "libukplatfoo has a weak reference to uk_foo_weak (libukfoo)" <<<"$out"
check layers/refs-downward-allowed lacks "libukfoo (lib) uses" "$out"

refs_ok() {
	local out
	out=$("$chk" refs "$O/obj" 2>&1)
	local rc=$?
	log "$out"
	UK_FAIL_REASON=$(head -n 3 <<<"$out" | tr '\n' ' ')
	[ $rc = 0 ]
}

if BUILD_NAME=threads-kvm build_app test/apps/threads kvm-pc-preempt \
		CONFIG_LIBUKALLOCBUDDY=y CONFIG_LIBUKALLOCREGION=y; then
	check layers/refs-kvm-threads refs_ok
else
	fail layers/refs-kvm-threads "test/apps/threads kvm-pc-preempt did not build"
fi
if BUILD_NAME=threads-linuxu build_app test/apps/threads linuxu-coop; then
	check layers/refs-linuxu-threads refs_ok
else
	fail layers/refs-linuxu-threads "test/apps/threads linuxu-coop did not build"
fi

# The default configuration (no ukalloc) with uktest: the platform's
# page-table pool serves the x86paging cases on its own.
if BUILD_NAME=hello-uktest build_app apps/helloworld default CONFIG_LIBUKTEST=y &&
		! grep -q '^CONFIG_LIBUKALLOC=y' "$CFG"; then
	check layers/refs-kvm-default refs_ok
	if have_qemu; then
		run_qemu pc "$IMAGE" ""
		for t in map_alias_and_unmap large_map_uses_large_pages \
			 out_of_page_tables_is_enomem pool_sized_from_memory_map \
			 protect_splits_large_page; do
			check layers/no-ukalloc/x86paging.$t \
				expect_output "uktest: PASS x86paging.$t"
		done
		check layers/no-ukalloc/none-failed expect_output " 0 failed"
		check layers/no-ukalloc/status expect_status 0
	fi
else
	fail layers/refs-kvm-default "helloworld default + CONFIG_LIBUKTEST=y did not build without ukalloc"
fi
done_case
