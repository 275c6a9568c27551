# SPDX-License-Identifier: BSD-3-Clause
#
# Running: `make run` boots the app's image (QEMU for kvm, a process for
# linuxu); `make debug` does the same under gdb; `make test` runs the
# whole suite (test/run).
#   ARGS="..."      the command line (library parameters, then -- app args),
#                   passed on unchanged: quotes, $ and ` reach the image
#   MACHINE=pc|q35|microvm, ACCEL=kvm|tcg|auto, MEM=64M   (kvm; xen: MACHINE=xen)
#   HOSTFWD="8080:80 ..."  (kvm) a virtio-net NIC on QEMU user networking,
#                   each HOSTPORT:GUESTPORT forwarded from the host's 127.0.0.1
#   GDB_ARGS="..."  (debug) more gdb options, e.g. -batch -x cmds.gdb

.PHONY: run debug test fuzz setup

ifeq ($(UK_HAVE_CONFIG),y)
MACHINE ?= $(if $(CONFIG_PLAT_XEN),xen,$(or $(patsubst "%",%,$(CONFIG_KVM_DEFAULT_MACHINE)),pc))
ACCEL ?= auto
# ARGS goes to the runner through the environment, never through the
# recipe's shell words ($(value ...): not even make expands it).
run debug: export UK_RUN_ARGS = $(value ARGS)
debug: export GDB_ARGS := $(value GDB_ARGS)
UK_RUN_QEMU = QEMU=$(QEMU) $(UK_ROOT)/support/scripts/run-qemu --machine $(MACHINE) \
	--accel $(ACCEL) $(if $(MEM),--mem $(MEM)) $(foreach s,$(SHARE),--share $(s)) \
	$(if $(INITRD),--qemu-arg -initrd --qemu-arg $(abspath $(INITRD))) \
	$(if $(HOSTFWD),--qemu-arg -netdev --qemu-arg user$(comma)id=n0$(foreach f,$(HOSTFWD),$(comma)hostfwd=tcp:127.0.0.1:$(subst :,-:,$(f))) \
		--qemu-arg -device --qemu-arg $(if $(filter microvm,$(MACHINE)),virtio-net-device,virtio-net-pci)$(comma)netdev=n0) \
	--append "$$UK_RUN_ARGS"
run: $(UK_IMAGE)
ifeq ($(CONFIG_PLAT_LINUXU),y)
	$(Q)$(UK_ROOT)/support/scripts/run-linuxu --append "$$UK_RUN_ARGS" $(UK_IMAGE)
else
	$(Q)$(UK_RUN_QEMU) $(UK_IMAGE)
endif

# debug: kvm: QEMU paused under its gdbstub, gdb on the .dbg stopped at
# main; linuxu: gdb on the process.
debug: $(UK_IMAGE)
ifeq ($(CONFIG_PLAT_LINUXU),y)
	$(Q)$(UK_ROOT)/support/scripts/run-linuxu --gdb --append "$$UK_RUN_ARGS" $(UK_IMAGE)
else
	$(Q)$(UK_RUN_QEMU) --gdb $(UK_IMAGE)
endif
endif

# setup first, once: the cases run make two at a time, and two setups
# must not race for apt's lock.
test:
	$(Q)$(UK_SETUP) </dev/null
	$(Q)$(UK_ROOT)/test/run $(if $(J),-j$(J)) $(TESTS)

# Fuzz the parsers on the host (support/scripts/fuzz; test/cases/fuzz.sh
# runs the same targets inside make test, as fixed regression runs).
fuzz:
	$(Q)$(UK_SETUP) </dev/null
	$(Q)$(UK_ROOT)/support/scripts/fuzz --time $(or $(FUZZ_TIME),300) $(FUZZ)

# Install the Debian packages the kit needs (BENCH=1: bench/'s too).
setup:
	$(Q)$(UK_ROOT)/support/scripts/setup $(if $(BENCH),--bench)
