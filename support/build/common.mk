# SPDX-License-Identifier: BSD-3-Clause
#
# Helpers every build file uses: quiet output and error messages.

# Kbuild-style quiet output: "  CC      lib/ukdebug/printk.o"; V=1 shows
# every command in full.
ifeq ($(V),1)
Q :=
uk_say :=
else
Q := @
# $(call uk_say,TAG,what): print one aligned line unless V=1.
uk_say = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif

# $(call uk_error,message): stop make with one line "unikit: message".
uk_error = $(error $(1))

# $(call uk_upper,word): upper-case a word (library names to variable names).
# Pure make: it runs for every library on every build.
uk_upper = $(subst -,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,\
	$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,\
	$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,\
	$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,\
	$(subst x,X,$(subst y,Y,$(subst z,Z,$(1))))))))))))))))))))))))))))

# $(call uk_relpath,path): path relative to UK_ROOT when inside it.
uk_relpath = $(patsubst $(UK_ROOT)/%,%,$(1))
