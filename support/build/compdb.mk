# SPDX-License-Identifier: BSD-3-Clause
#
# `make compile_commands.json`: the compilation database clangd and other
# tools read, for the selected configuration, written to the top of the
# tree (where clangd looks first). One entry per source of every selected
# library, with exactly the flags the build uses.

UK_COMPDB := $(UK_ROOT)/compile_commands.json

# $(call uk_compdb_entry,lib,LIB,src): one JSON object (no trailing comma).
uk_compdb_entry = {"directory": "$(UK_ROOT)", "file": "$($(2)_DIR)/$(3)", \
	"output": "$($(2)_OBJDIR)/$(basename $(3)).o", \
	"command": "$(CC) $(subst ",\",$(if $(filter %.S,$(3)),$(UK_ASFLAGS),$(UK_CFLAGS)) $($(2)_FLAGS)) -c $($(2)_DIR)/$(3)"}

uk_compdb_entries = $(foreach l,$(UK_LIBS),$(foreach s,$($(call uk_upper,$(l))_SRCS-y),\
	$(call uk_compdb_entry,$(l),$(call uk_upper,$(l)),$(s))))

.PHONY: compile_commands.json
compile_commands.json:
	$(call uk_say,GEN,compile_commands.json)
	$(if $(UK_DRY_RUN),,$(file >$(UK_COMPDB),[$(subst } {,}$(comma)$(newline) {,$(strip $(uk_compdb_entries)))]))
