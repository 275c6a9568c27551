# SPDX-License-Identifier: BSD-3-Clause
#
# Which application, build directory, config file and external libraries.
#   A=appdir   the application (default apps/helloworld); has Config.uk,
#              Makefile.uk, defconfigs/
#   O=dir      where every object and the image land (default $(A)/build)
#   C=file     the .config to use (default $(A)/.config)
#   L=d1:d2    external library folders, each with Config.uk + Makefile.uk

A ?= $(UK_ROOT)/apps/helloworld
UK_APP := $(patsubst %/,%,$(abspath $(A)))
ifeq ($(wildcard $(UK_APP)/Makefile.uk),)
$(error unikit: A=$(A): no application there ($(UK_APP)/Makefile.uk not found))
endif
UK_APP_NAME := $(notdir $(UK_APP))

O ?= $(UK_APP)/build
UK_BUILD := $(patsubst %/,%,$(abspath $(O)))
C ?= $(UK_APP)/.config
UK_CONFIG := $(abspath $(C))

# External libraries: colon- or space-separated, absolute or relative.
UK_EXTLIBS := $(foreach d,$(subst :, ,$(L)),$(patsubst %/,%,$(abspath $(d))))
$(foreach d,$(UK_EXTLIBS),$(if $(wildcard $(d)/Config.uk),,\
	$(error unikit: L=$(d): not a library folder (no Config.uk there)))\
	$(if $(wildcard $(d)/Makefile.uk),,\
	$(error unikit: L=$(d): Config.uk but no Makefile.uk (a library folder needs both))))

.PHONY: clean distclean
clean:
	$(call uk_say,CLEAN,$(call uk_relpath,$(UK_BUILD)))
	$(Q)rm -rf $(UK_BUILD)

distclean: clean
	$(Q)rm -f $(UK_CONFIG) $(UK_CONFIG).old
