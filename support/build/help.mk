# SPDX-License-Identifier: BSD-3-Clause
#
# `make help`, and a clear error for a target that does not exist.

.PHONY: help
help:
	@echo 'Unikit: make [A=appdir] [O=builddir] [C=config] [L=extdir:...] [V=1] TARGET'
	@echo
	@echo 'Configuration (edits $$(A)/.config, or C=file):'
	@echo '  menuconfig      pick architecture, platform, libraries in a menu'
	@echo '  defconfig       use $$(A)/defconfigs/default (DEFCONFIG=name for another)'
	@echo '  olddefconfig    bring .config up to date, new symbols at defaults'
	@echo '  savedefconfig   write the minimal config to $$(A)/defconfig'
	@echo '  allnoconfig allyesconfig alldefconfig'
	@echo '  randconfig      random config (KCONFIG_SEED=n to repeat one)'
	@echo
	@echo 'Building and running:'
	@echo '  all             build the image (default): $$(O)/<app>_<plat>-<arch>'
	@echo '  run             build and boot it (ARGS="lib.param=v -- app args",'
	@echo '                  MACHINE=pc|q35|microvm, ACCEL=kvm|tcg|auto, MEM=64M,'
	@echo '                  SHARE=DIR[:TAG[:MODEL]]: a host folder over 9p,'
	@echo '                  INITRD=FILE: a cpio newc archive as QEMU -initrd,'
	@echo '                  HOSTFWD="8080:80": a NIC on user networking, 127.0.0.1:8080'
	@echo '                  forwarded to the guest port 80)'
	@echo '  debug           run it under gdb, stopped at main (kvm: QEMU gdbstub;'
	@echo '                  GDB_ARGS="-batch -x cmds.gdb" for a script)'
	@echo '  clean           remove $$(O)      distclean  also remove .config'
	@echo '  compile_commands.json   for clangd, from the selected configuration'
	@echo '  fetch           download the pinned upstream sources the config needs'
	@echo '                  (into UK_CACHE, default ~/.cache/unikit); then offline'
	@echo
	@echo 'Reports (in $$(O)/report/):'
	@echo '  size-report     every byte of the image by library: table + chart'
	@echo '                  (BASE=config|defconfig-name: diff against it)'
	@echo '  why             LIB=name: why a library is in or out (Kconfig chain)'
	@echo '  exports         LIB=name: draft exportsyms.uk (the globals others use)'
	@echo '  graph           dependency graph of the selected libraries (SVG, PNG)'
	@echo '  boot-report     (kvm) guest instructions entry->main, by init and library'
	@echo '  syscalls        (musl) every system call the image can make, its provider,'
	@echo '                  and which are missing'
	@echo
	@echo 'Whole kit:'
	@echo '  test            run every test; ends with "N passed, N failed, N skipped"'
	@echo '                  (TESTS="pattern ..." to run some, J=n in parallel)'
	@echo '  fuzz            fuzz every parser for the host (libFuzzer), FUZZ_TIME=300 s'
	@echo '                  each (FUZZ="initrd-cpio ..." to pick; make test runs 10 s)'
	@echo '  bench           every benchmark, report in bench/results/ (bench/README.md)'
	@echo '  help            this text'

# Anything else is a typo: say so in one line (instead of make's
# "No rule to make target").
UK_KNOWN_TARGETS := all image run debug test help clean distclean menuconfig nconfig \
	oldconfig olddefconfig defconfig savedefconfig allnoconfig allyesconfig \
	alldefconfig randconfig size-report setup compile_commands.json \
	why graph boot-report bench exports fetch syscalls fuzz \
	$(UK_EXTRA_TARGETS)
UK_UNKNOWN := $(filter-out $(UK_KNOWN_TARGETS),$(MAKECMDGOALS))
ifneq ($(UK_UNKNOWN),)
$(error unikit: unknown target '$(firstword $(UK_UNKNOWN))': see make help)
endif
