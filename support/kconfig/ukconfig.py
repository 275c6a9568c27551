#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The Kconfig front end of the build: one entry point for every config
target, on top of Debian's kconfiglib.

    ukconfig.py --kconfig Config.uk --config .config \
                --autoconf-mk auto.conf --autoconf-h autoconf.h \
                --symdir DIR COMMAND [ARG]

--set CONFIG_X=VALUE (repeatable; make passes every CONFIG_X=VALUE of its
command line) applies a value after the configuration is loaded, for
every COMMAND; a value Kconfig cannot take is an error.

COMMAND is menuconfig, oldconfig, olddefconfig, alldefconfig, defconfig
FILE, savedefconfig [FILE], allnoconfig, allyesconfig, randconfig
(KCONFIG_SEED picks the seed), or sync. `sync` is what every build runs
first: it loads .config, reports (never hides) every value Kconfig had to
change, keeps the previous file as .config.old when it rewrites it, and
writes auto.conf (for make; its mtime always moves, so that make sees it
remade), auto.conf.deps (the Kconfig files read, for make's rule),
autoconf.h (for C) and one stamp file per symbol whose value changed (so
only objects that mention it rebuild).

Kconfig warnings are errors here: a Config.uk that makes kconfiglib warn
is a bug in the tree, and a .config it warns about is reported line by
line.
"""
import argparse
import os
import random
import shutil
import sys

import kconfiglib


def die(msg):
    print("unikit: " + msg, file=sys.stderr)
    sys.exit(1)


def load(args, warn_config=True):
    try:
        kconf = kconfiglib.Kconfig(args.kconfig, warn_to_stderr=False)
        # A .config or defconfig naming a symbol no Config.uk defines (a
        # typo, or a library from an L= folder not given) is reported.
        kconf.warn_assign_undef = True
    except kconfiglib.KconfigError as e:
        die("Kconfig: " + str(e).strip().replace("\n", " "))
    for w in kconf.warnings:
        die("Kconfig: " + w.replace("\n", " "))
    return kconf


def load_config(kconf, path):
    """Load path into kconf; return the list of problems found in it."""
    kconf.warnings.clear()
    kconf.load_config(path, replace=True)
    problems = [w.replace("\n", " ") for w in kconf.warnings]
    kconf.warnings.clear()
    return problems


def read_assignments(path):
    """CONFIG_X=value lines and '# CONFIG_X is not set' as a dict."""
    vals = {}
    if not os.path.exists(path):
        return vals
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("CONFIG_") and "=" in line:
                k, v = line.split("=", 1)
                vals[k[7:]] = v
            elif line.startswith("# CONFIG_") and line.endswith(" is not set"):
                vals[line[9:-11]] = "n"
    return vals


def write_config(kconf, path, verb):
    if os.path.exists(path):
        shutil.copyfile(path, path + ".old")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    kconf.write_config(path, header="# Unikit configuration; edit with make menuconfig\n")
    print("unikit: %s: %s" % (verb, path), file=sys.stderr)


TYPE_NAME = {kconfiglib.BOOL: "bool", kconfiglib.TRISTATE: "tristate",
             kconfiglib.INT: "int", kconfiglib.HEX: "hex",
             kconfiglib.STRING: "string"}


def why_changed(kconf, name, old, new):
    """Why Kconfig did not keep CONFIG_<name>=<old> (the text of the
    assignment as written); one phrase, for the report."""
    sym = kconf.syms.get(name)
    if sym is None or not sym.nodes:
        return "no such symbol (no Config.uk defines it; is the library's L= folder missing?)"
    t = sym.orig_type
    tname = TYPE_NAME.get(t, "unknown")
    if t == kconfiglib.BOOL and old not in ("y", "n"):
        return "'%s' is not a bool value (y or n)" % old
    if t == kconfiglib.TRISTATE and old not in ("y", "m", "n"):
        return "'%s' is not a tristate value (y, m or n)" % old
    if t in (kconfiglib.INT, kconfiglib.HEX):
        base = 10 if t == kconfiglib.INT else 16
        try:
            val = int(old, base)
        except ValueError:
            return "'%s' is not %s value" % (old, "an int" if base == 10 else "a hex")
        for low, high, cond in sym.ranges:
            if kconfiglib.expr_value(cond):
                lo, hi = int(low.str_value, base), int(high.str_value, base)
                if not lo <= val <= hi:
                    return "%s is outside its range %s..%s" % (old, low.str_value, high.str_value)
                break
    if t == kconfiglib.STRING and not (len(old) >= 2 and old[0] == old[-1] == '"'):
        return "%s is not a quoted string" % old
    if not kconfiglib.expr_value(sym.direct_dep):
        return "its dependencies are off (depends on %s)" % kconfiglib.expr_str(sym.direct_dep)
    if sym.choice and old == "y" and sym.choice.selection is not None:
        return "%s is the choice's selection" % sym.choice.selection.name
    if t in (kconfiglib.BOOL, kconfiglib.TRISTATE) and new in ("y", "m") and \
            kconfiglib.expr_value(sym.rev_dep):
        return "selected by %s" % kconfiglib.expr_str(sym.rev_dep)
    if not sym.visibility:
        return "it has no prompt here: only its default or a select sets it"
    return "Kconfig's rules for %s (a %s)" % (name, tname)


def apply_sets(kconf, sets):
    """Apply NAME=VALUE overrides (from make's command line)."""
    for item in sets or []:
        name, _, val = item.partition("=")
        name = name[7:] if name.startswith("CONFIG_") else name
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            die("CONFIG_%s=%s (make command line): %s"
                % (name, val, why_changed(kconf, name, val, None)))
        raw = val
        if sym.orig_type == kconfiglib.STRING and len(val) >= 2 and val[0] == val[-1] == '"':
            val = val[1:-1]
        elif sym.orig_type == kconfiglib.STRING:
            raw = '"%s"' % val
        kconf.warnings.clear()
        sym.set_value(val)
        kconf.warnings.clear()
        if sym.str_value != val:
            die("CONFIG_%s=%s (make command line) did not take: %s"
                % (name, val, why_changed(kconf, name, raw, sym.str_value)))


def sym_value(sym):
    if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        return sym.str_value
    return sym.str_value if sym.str_value != "" or sym.visibility else None


def cmd_sync(kconf, args):
    if not os.path.exists(args.config):
        die("%s does not exist: run make defconfig or make menuconfig" % args.config)
    problems = load_config(kconf, args.config)
    apply_sets(kconf, args.set)
    overridden = {i.partition("=")[0][7:] for i in args.set or []}
    before = read_assignments(args.config)
    after = {}
    for sym in kconf.unique_defined_syms:
        if sym.config_string:
            after[sym.name] = sym.config_string.strip().split("=", 1)[1] \
                if not sym.config_string.startswith("#") else "n"
    changed = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None and new is not None:
            changed.append("CONFIG_%s is new: %s" % (name, new))
        elif old is not None and new is None:
            if old != "n":
                changed.append("CONFIG_%s=%s dropped: %s"
                               % (name, old, why_changed(kconf, name, old, new)))
        elif old != new:
            changed.append("CONFIG_%s: %s -> %s: %s" % (
                name, old, new, "set on make's command line" if name in overridden
                else why_changed(kconf, name, old, new)))
    # kconfiglib's own words for what is explained above are left out.
    for p in problems:
        if "assignment ignored" in p.lower() or "undefined symbol" in p:
            continue
        print("unikit: " + p, file=sys.stderr)
    if changed or problems:
        for c in changed:
            print("unikit: .config: " + c, file=sys.stderr)
        write_config(kconf, args.config, "brought .config up to date (previous kept as .config.old)")
    write_outputs(kconf, args)


def write_outputs(kconf, args):
    os.makedirs(os.path.dirname(args.autoconf_mk), exist_ok=True)
    os.makedirs(os.path.dirname(args.autoconf_h), exist_ok=True)
    os.makedirs(args.symdir, exist_ok=True)
    old = read_assignments(args.autoconf_mk)
    kconf.write_autoconf(args.autoconf_h, header="/* Generated from .config: do not edit */\n")
    # auto.conf: only what is set, as make variables.
    lines = []
    new = {}
    for sym in kconf.unique_defined_syms:
        s = sym.config_string
        if s and not s.startswith("#"):
            lines.append(s.rstrip("\n"))
            new[sym.name] = s.strip().split("=", 1)[1]
    text = "# Generated from .config: do not edit\n" + "\n".join(lines) + "\n"
    if not os.path.exists(args.autoconf_mk) or open(args.autoconf_mk).read() != text:
        with open(args.autoconf_mk, "w") as f:
            f.write(text)
    # make remade auto.conf through its rule: its mtime must move even
    # when its text did not, or make would run this again next time.
    os.utime(args.autoconf_mk)
    # The Kconfig files read, for make's rule (an empty rule for each, so
    # that a Config.uk removed later does not stop make).
    files = sorted({os.path.abspath(f) for f in kconf.kconfig_filenames})
    deps = "# Generated: the Kconfig files of this configuration\n" \
        "UK_KCONFIG_FILES := %s\n%s:\n" % (" ".join(files), " ".join(files))
    with open(args.autoconf_mk + ".deps", "w") as f:
        f.write(deps)
    # Per-symbol stamps: every defined symbol has one; a changed value
    # touches it.
    for sym in kconf.unique_defined_syms:
        stamp = os.path.join(args.symdir, "CONFIG_" + sym.name)
        if not os.path.exists(stamp) or old.get(sym.name) != new.get(sym.name):
            with open(stamp, "w"):
                pass
    for name in set(old) - set(new):
        stamp = os.path.join(args.symdir, "CONFIG_" + name)
        if os.path.exists(stamp):
            os.utime(stamp)


def cmd_defconfig(kconf, args):
    if not args.arg or not os.path.exists(args.arg):
        die("defconfig: %s: no such file" % args.arg)
    problems = load_config(kconf, args.arg)
    apply_sets(kconf, args.set)
    overridden = {i.partition("=")[0][7:] for i in args.set or []}
    # What the defconfig asks for and does not get (a symbol whose
    # dependencies are off is kept silently by Kconfig), one line each.
    wanted = read_assignments(args.arg)
    shown = os.path.relpath(args.arg)
    shown = args.arg if shown.startswith("..") else shown
    for name in sorted(wanted):
        sym = kconf.syms.get(name)
        if name in overridden or sym is None or not sym.nodes:
            continue        # kconfiglib's warning below names it
        got = sym.str_value or "n" if sym.orig_type in (
            kconfiglib.BOOL, kconfiglib.TRISTATE) else sym.str_value
        old = wanted[name]
        want = old[1:-1] if sym.orig_type == kconfiglib.STRING and \
            len(old) >= 2 and old[0] == old[-1] == '"' else old
        if sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
            try:
                same = int(want, 0 if sym.orig_type == kconfiglib.HEX else 10) == \
                    int(got, 0 if sym.orig_type == kconfiglib.HEX else 10)
            except ValueError:
                same = False
        else:
            same = want == got
        if not same:
            print("unikit: %s: CONFIG_%s=%s not taken (now %s): %s"
                  % (shown, name, old, got or '""',
                     why_changed(kconf, name, old, got)), file=sys.stderr)
    for p in problems:
        print("unikit: " + p, file=sys.stderr)
    write_config(kconf, args.config, "wrote %s from %s" % ("configuration", os.path.relpath(args.arg)))


def cmd_savedefconfig(kconf, args):
    load_config(kconf, args.config)
    out = args.arg or os.path.join(os.path.dirname(args.config), "defconfig")
    kconf.write_min_config(out)
    print("unikit: minimal config written to %s" % out, file=sys.stderr)


def set_all(kconf, value):
    """allnoconfig (value 0) / allyesconfig (value 2), as kconfiglib's own
    scripts do: every symbol that can take the value gets it; choices
    keep their defaults."""
    kconf.warn = False
    for sym in kconf.unique_defined_syms:
        if value == 0:
            sym.set_value(2 if sym.is_allnoconfig_y else 0)
        elif sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE) \
                and not sym.choice:
            sym.set_value(2)
    kconf.warn = True


def randomize(kconf, rng):
    for _ in range(3):
        for choice in kconf.unique_choices:
            syms = [s for s in choice.syms if s.visibility]
            if syms:
                rng.choice(syms).set_value("y")
        for sym in kconf.unique_defined_syms:
            if sym.choice or not sym.nodes[0].prompt:
                continue
            if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE) and sym.assignable:
                sym.set_value(rng.choice([v for v in sym.assignable if v != 1] or [0]))


def force_on(sym, depth=0):
    """Try to make bool sym y: first what it depends on (for a symbol
    without a prompt, what selects it), then sym itself. Best effort: a
    negated dependency can still keep it off."""
    if sym.str_value == "y" or depth > 10 or sym.orig_type != kconfiglib.BOOL:
        return
    for dep in kconfiglib.expr_items(sym.direct_dep):
        if isinstance(dep, kconfiglib.Symbol) and dep.nodes and dep.str_value != "y":
            force_on(dep, depth + 1)
    if sym.nodes[0].prompt or sym.choice:
        sym.set_value(2)
    else:
        for sel in kconfiglib.expr_items(sym.rev_dep):
            if isinstance(sel, kconfiglib.Symbol) and sel.nodes:
                force_on(sel, depth + 1)
                if sym.str_value == "y":
                    break


def cmd_randconfig(kconf, args):
    """KCONFIG_SEED picks the seed. UK_RANDCONFIG_WANT="SYM ..." (for the
    config matrix's coverage) then switches each SYM on with what it
    depends on (force_on), trying seed, seed+1, ... (at most 1000) until
    every SYM is y; `KCONFIG_SEED=<printed seed> UK_RANDCONFIG_WANT=...`
    repeats it."""
    seed = os.environ.get("KCONFIG_SEED")
    seed = int(seed, 0) if seed else random.randrange(1 << 32)
    want = os.environ.get("UK_RANDCONFIG_WANT", "").split()
    for name in want:
        if name not in kconf.syms or not kconf.syms[name].nodes:
            die("randconfig: UK_RANDCONFIG_WANT: no such symbol %s" % name)
    for attempt in range(1000 if want else 1):
        s = (seed + attempt) & 0xffffffff
        kconf.unset_values()
        randomize(kconf, random.Random(s))
        for n in want:
            force_on(kconf.syms[n])
        if all(kconf.syms[n].str_value == "y" for n in want):
            break
    else:
        die("randconfig: no seed from %#x to %#x switches on %s" % (seed, s, " ".join(want)))
    print("unikit: randconfig: KCONFIG_SEED=%#x%s" % (
        s, " UK_RANDCONFIG_WANT=\"%s\"" % " ".join(want) if want else ""),
        file=sys.stderr)
    apply_sets(kconf, args.set)
    write_config(kconf, args.config, "wrote random configuration")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kconfig", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--autoconf-mk", required=True)
    ap.add_argument("--autoconf-h", required=True)
    ap.add_argument("--symdir", required=True)
    ap.add_argument("--set", action="append", metavar="CONFIG_X=VALUE")
    ap.add_argument("command")
    ap.add_argument("arg", nargs="?")
    args = ap.parse_args()
    os.environ["KCONFIG_CONFIG"] = args.config
    kconf = load(args)
    cmd = args.command
    if cmd == "sync":
        cmd_sync(kconf, args)
    elif cmd in ("menuconfig", "nconfig"):
        import menuconfig
        if os.path.exists(args.config):
            load_config(kconf, args.config)
        apply_sets(kconf, args.set)
        menuconfig.menuconfig(kconf)
    elif cmd in ("oldconfig", "olddefconfig"):
        if os.path.exists(args.config):
            for p in load_config(kconf, args.config):
                print("unikit: .config: " + p, file=sys.stderr)
        apply_sets(kconf, args.set)
        write_config(kconf, args.config, "updated configuration")
    elif cmd == "alldefconfig":
        apply_sets(kconf, args.set)
        write_config(kconf, args.config, "wrote default configuration")
    elif cmd == "defconfig":
        cmd_defconfig(kconf, args)
    elif cmd == "savedefconfig":
        cmd_savedefconfig(kconf, args)
    elif cmd == "allnoconfig":
        set_all(kconf, 0)
        apply_sets(kconf, args.set)
        write_config(kconf, args.config, "wrote allnoconfig")
    elif cmd == "allyesconfig":
        set_all(kconf, 2)
        apply_sets(kconf, args.set)
        write_config(kconf, args.config, "wrote allyesconfig")
    elif cmd == "randconfig":
        cmd_randconfig(kconf, args)
    else:
        die("unknown config command %s" % cmd)


if __name__ == "__main__":
    main()
