# SPDX-License-Identifier: BSD-3-Clause
#
# Reports: images that explain themselves. Everything lands in
# $(O)/report/.
#
#   size-report   every byte of the image attributed to a library, from the
#                 link map: size.md (table), size.tsv, size.png (chart).
#                 BASE=file|defconfig-name also builds that config in
#                 $(O)/base and prints the per-library difference.
#   why           LIB=name: why a library is in (or out of) the image, as
#                 the chain of select/depends/default from Kconfig.
#   graph         the selected libraries and their select/depends edges:
#                 graph.dot, graph.svg, graph.png (Graphviz).
#   boot-report   (kvm, xen) the boot, init by init and library by library:
#                 guest instructions from entry to main(), boot.md/.png.
#   bench         (no app) every benchmark in bench/, a dated report in
#                 bench/results/.

.PHONY: size-report why graph boot-report bench

ifeq ($(UK_HAVE_CONFIG),y)
UK_REPORT := $(UK_BUILD)/report
UK_SIZE_REPORT = $(UK_PYTHON) $(UK_ROOT)/support/scripts/size-report
UK_EXPLAIN = UK_ROOT=$(UK_ROOT) UK_APP=$(UK_APP) UK_APP_NAME=$(UK_APP_NAME) \
	UK_KCONFIG_LIBS=$(UK_KCONFIG_LIBS) $(UK_PYTHON) \
	$(UK_ROOT)/support/kconfig/explain.py --kconfig $(UK_ROOT)/Config.uk \
	--config $(UK_CONFIG) --dirs "$(UK_COMPONENT_DIRS)" --app-dir $(UK_APP)

# BASE=path or the name of one of the app's defconfigs.
UK_BASE := $(if $(BASE),$(firstword $(wildcard $(BASE) $(UK_APP)/defconfigs/$(BASE))))

size-report: $(UK_IMAGE)
	$(Q)$(UK_SIZE_REPORT) --image $(UK_IMAGE) --out $(UK_REPORT) \
		--title "$(UK_APP_NAME) $(UK_PLAT)-$(UK_ARCH) ($(call uk_relpath,$(UK_CONFIG)))"
ifneq ($(BASE),)
	$(if $(UK_BASE),,$(error unikit: BASE=$(BASE): no such file or defconfig))
	$(Q)mkdir -p $(UK_BUILD)/base
	$(Q)cmp -s $(UK_BASE) $(UK_BUILD)/base/.config.in || \
		{ cp $(UK_BASE) $(UK_BUILD)/base/.config.in && cp $(UK_BASE) $(UK_BUILD)/base/.config; }
	$(Q)$(MAKE) --no-print-directory A=$(UK_APP) O=$(UK_BUILD)/base \
		C=$(UK_BUILD)/base/.config L="$(L)" BASE= size-report > $(UK_BUILD)/base/size-report.log 2>&1 \
		|| { cat $(UK_BUILD)/base/size-report.log; exit 1; }
	@echo
	@echo "## Difference: $(call uk_relpath,$(UK_BASE)) -> $(call uk_relpath,$(UK_CONFIG)) (bytes)"
	@echo
	$(Q)$(UK_SIZE_REPORT) --diff $(UK_BUILD)/base/report/size.tsv $(UK_REPORT)/size.tsv \
		| tee $(UK_REPORT)/size-diff.md
endif
	@echo "size-report: $(call uk_relpath,$(UK_REPORT))/size.md, size.tsv$$(test -f $(UK_REPORT)/size.png && echo ', size.png')"

why:
	$(if $(LIB),,$(error unikit: make why LIB=name (e.g. LIB=ukdebug)))
	$(Q)$(UK_EXPLAIN) why $(LIB)

graph:
	$(Q)mkdir -p $(UK_REPORT)
	$(Q)$(UK_EXPLAIN) --sizes $(UK_REPORT)/size.tsv graph $(UK_REPORT)/graph.dot
	$(Q)command -v dot >/dev/null || { echo "unikit: graphviz 'dot' not found: run support/scripts/setup"; exit 1; }
	$(Q)dot -Tsvg -o $(UK_REPORT)/graph.svg $(UK_REPORT)/graph.dot
	$(Q)dot -Tpng -o $(UK_REPORT)/graph.png $(UK_REPORT)/graph.dot
	@echo "graph: $(call uk_relpath,$(UK_REPORT))/graph.svg, graph.png"

boot-report: $(UK_IMAGE)
ifneq ($(filter y,$(CONFIG_PLAT_KVM) $(CONFIG_PLAT_XEN)),)
	$(Q)$(UK_PYTHON) $(UK_ROOT)/bench/boottrace --image $(UK_IMAGE) \
		--machine $(or $(MACHINE),$(if $(CONFIG_PLAT_XEN),xen,pc)) --out $(UK_REPORT)
else
	$(error unikit: boot-report needs a kvm or xen image (this config builds $(UK_PLAT)))
endif
endif

bench:
	$(Q)$(UK_ROOT)/bench/run $(BENCH_ARGS)
