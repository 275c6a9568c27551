# SPDX-License-Identifier: BSD-3-Clause
#
# Helpers every build file uses: quiet output and error messages.

# Kbuild-style quiet output: "  CC      lib/ukdebug/printk.o"; V=1 shows
# every command in full.
ifeq ($(V),1)
Q :=
uk_say :=
else ifneq ($(findstring s,$(filter-out -%,$(firstword $(MAKEFLAGS)))),)
# make -s: silent, as make promises (UK_SILENT also mutes the SIZE line).
# Single-letter flags come first in MAKEFLAGS, without a dash; long
# options such as --no-builtin-rules (which contain an s) are skipped.
Q := @
uk_say :=
UK_SILENT := y
else
Q := @
# $(call uk_say,TAG,what): print one aligned line unless V=1.
uk_say = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif

# $(call uk_error,message): stop make with one line "unikit: message".
uk_error = $(error $(1))

# $(call uk_upper,word): upper-case a word (library names to variable names).
# Pure make: it runs for every library on every build.
uk_upper = $(subst -,_,$(subst z,Z,$(subst y,Y,$(subst x,X,$(subst w,W,$(subst v,V,$(subst u,U,$(subst t,T,$(subst s,S,$(subst r,R,$(subst q,Q,$(subst p,P,$(subst o,O,$(subst n,N,$(subst m,M,$(subst l,L,$(subst k,K,$(subst j,J,$(subst i,I,$(subst h,H,$(subst g,G,$(subst f,F,$(subst e,E,$(subst d,D,$(subst c,C,$(subst b,B,$(subst a,A,$(1))))))))))))))))))))))))))))

# $(call uk_relpath,path): path relative to UK_ROOT when inside it.
uk_relpath = $(patsubst $(UK_ROOT)/%,%,$(1))

# For $(subst) and $(file) where a literal comma is needed.
comma := ,
