# SPDX-License-Identifier: BSD-3-Clause
#
# Running: `make run` boots the app's image (QEMU for kvm, a process for
# linuxu); `make test` runs the whole suite (test/run).
#   ARGS="..."      the command line (library parameters, then -- app args)
#   MACHINE=pc|q35|microvm, ACCEL=kvm|tcg|auto, MEM=64M   (kvm only)

.PHONY: run test setup

ifeq ($(UK_HAVE_CONFIG),y)
MACHINE ?= $(or $(patsubst "%",%,$(CONFIG_KVM_DEFAULT_MACHINE)),pc)
ACCEL ?= auto
run: $(UK_IMAGE)
ifeq ($(CONFIG_PLAT_LINUXU),y)
	$(Q)$(UK_IMAGE) $(ARGS)
else
	$(Q)$(UK_ROOT)/support/scripts/run-qemu --machine $(MACHINE) --accel $(ACCEL) \
		$(if $(MEM),--mem $(MEM)) --append "$(ARGS)" $(UK_IMAGE)
endif
endif

test:
	$(Q)$(UK_ROOT)/test/run $(if $(J),-j$(J)) $(TESTS)

# Install the Debian packages the kit needs (BENCH=1: bench/'s too).
setup:
	$(Q)$(UK_ROOT)/support/scripts/setup $(if $(BENCH),--bench)
