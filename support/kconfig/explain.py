#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Explain a configuration from kconfiglib's model.

    explain.py --kconfig Config.uk --config .config --dirs "DIR ..." why NAME
    explain.py --kconfig Config.uk --config .config --dirs "DIR ..." \
               graph OUT.dot [--sizes size.tsv]

`why NAME` says why a library is in the image, or why it is not, as a
chain: its value; the symbols whose `select` forced it (and, recursively,
why those are on); its `default`; its `depends on` and whether that
holds; or that .config sets it. NAME may be a library (ukdebug,
libukdebug), its Kconfig symbol (LIBUKDEBUG, CONFIG_LIBUKDEBUG) or any
other symbol.

`graph OUT.dot` writes the dependency graph of the selected libraries:
one node per library in the image (boxes; the app in bold), the hidden
capabilities they provide or need (ellipses), `select` edges (solid) and
`depends on` edges (dashed). With --sizes, each library node carries its
bytes from size-report.

Libraries are mapped to symbols the way the build finds them: each
component folder's Makefile.uk registers `UK_LIBS-$(CONFIG_X) += name`.
"""
import argparse
import os
import re
import sys

import kconfiglib
from kconfiglib import AND, OR, NOT, BOOL, TRISTATE, expr_value, expr_str, expr_items, split_expr

REGISTER = re.compile(r"UK_LIBS-\$\(CONFIG_(\w+)\)\s*\+=\s*(\S+)")


def die(msg):
    print("unikit: " + msg, file=sys.stderr)
    sys.exit(1)


def library_map(dirs):
    """{library name: symbol name} from every component's Makefile.uk."""
    libs = {}
    for d in dirs:
        mk = os.path.join(d, "Makefile.uk")
        if not os.path.exists(mk):
            continue
        with open(mk) as f:
            for m in REGISTER.finditer(f.read()):
                libs[m.group(2)] = m.group(1)
    return libs


def load(args):
    try:
        kconf = kconfiglib.Kconfig(args.kconfig, warn_to_stderr=False)
    except kconfiglib.KconfigError as e:
        die("Kconfig: " + str(e).strip().replace("\n", " "))
    if not os.path.exists(args.config):
        die("%s does not exist: run make defconfig first" % args.config)
    kconf.load_config(args.config, replace=True)
    return kconf


def where(sym):
    n = sym.nodes[0] if sym.nodes else None
    if not n:
        return "not defined"
    root = os.environ.get("UK_ROOT", "")
    path = n.filename
    if root and path.startswith(root + "/"):
        path = path[len(root) + 1:]
    return "%s:%d" % (path, n.linenr)


def prompt(sym):
    for n in sym.nodes:
        if n.prompt:
            return n.prompt[0]
    return None


def default_value(sym):
    """(value, node location) of the default that applies, or (None, None)."""
    for val, cond in sym.defaults:
        if expr_value(cond):
            v = val.str_value if sym.orig_type not in (BOOL, TRISTATE) else \
                ("y" if expr_value(val) else "n")
            return v, None
    return None, None


def selectors(sym, rev):
    """[(selecting symbol, condition expr, active?)] from rev_dep/weak_rev_dep."""
    out = []
    if rev is sym.kconfig.n:
        return out
    for term in split_expr(rev, OR):
        items = split_expr(term, AND)
        first = items[0]
        if isinstance(first, kconfiglib.Symbol):
            cond = items[1:] and " && ".join(expr_str(i) for i in items[1:])
            out.append((first, cond, bool(expr_value(term))))
    return out


def dep_symbols(expr):
    return [s for s in expr_items(expr)
            if isinstance(s, kconfiglib.Symbol) and not s.is_constant]


class Why:
    def __init__(self, kconf, libs):
        self.kconf = kconf
        self.sym2lib = {v: k for k, v in libs.items()}
        self.seen = set()
        self.lines = []

    def say(self, depth, text):
        self.lines.append("  " * depth + text)

    def head(self, sym, depth, via):
        lib = self.sym2lib.get(sym.name)
        p = prompt(sym)
        desc = '"%s"' % p if p else "(hidden, no prompt)"
        tag = " = library %s" % lib if lib else ""
        self.say(depth, "%s%s=%s  %s  [%s]%s" % (via, sym.name, sym.str_value, desc, where(sym), tag))

    def explain(self, sym, depth=0, via=""):
        self.head(sym, depth, via)
        if sym.name in self.seen:
            self.say(depth + 1, "(explained above)")
            return
        self.seen.add(sym.name)
        d = depth + 1
        on = sym.str_value not in ("n", "")
        if sym.orig_type not in (BOOL, TRISTATE):
            self.value_reason(sym, d)
            return
        if on:
            self.why_on(sym, d)
        else:
            self.why_off(sym, d)

    def value_reason(self, sym, d):
        if sym.user_value is not None and sym.visibility:
            self.say(d, "set in .config")
        else:
            self.say(d, "its default")

    def why_on(self, sym, d):
        sel = [s for s in selectors(sym, sym.rev_dep) if s[2]]
        if sym.choice:
            c = sym.choice
            how = "picked in .config" if c.user_selection is sym else "the choice's default"
            self.say(d, "chosen in the choice \"%s\" (%s)" % (prompt(c) or "?", how))
        elif sel:
            self.say(d, "forced on by select (no user can turn it off while these hold):")
            for s, cond, _ in sel:
                self.explain(s, d + 1, "selected by " + ("(if %s) " % cond if cond else ""))
        else:
            dv, _ = default_value(sym)
            if sym.user_value is not None and sym.visibility:
                if dv == sym.str_value:
                    self.say(d, "its default is %s and .config keeps it (say n in menuconfig to drop it)" % dv)
                else:
                    self.say(d, "set by the user in .config (its default would be %s)" % (dv or "n"))
            elif not sym.visibility and dv:
                self.say(d, "default %s, with no prompt: on whenever its dependencies hold" % dv)
            else:
                imp = [s for s in selectors(sym, sym.weak_rev_dep) if s[2]]
                if imp:
                    for s, cond, _ in imp:
                        self.explain(s, d, "implied by ")
                else:
                    self.say(d, "its default is %s" % (dv or "n"))
        self.deps(sym, d)

    def deps(self, sym, d):
        if sym.direct_dep is self.kconf.y or sym.choice:
            return
        self.say(d, "depends on %s  (holds: %s)" % (
            expr_str(sym.direct_dep), "yes" if expr_value(sym.direct_dep) else "NO"))
        for s in dep_symbols(sym.direct_dep):
            if s.orig_type in (BOOL, TRISTATE) and (s.str_value != "n") == bool(expr_value(sym.direct_dep)):
                self.explain(s, d + 1)

    def why_off(self, sym, d):
        if not expr_value(sym.direct_dep):
            self.say(d, "its dependencies do not hold: depends on %s" % expr_str(sym.direct_dep))
            for s in dep_symbols(sym.direct_dep):
                if s.orig_type in (BOOL, TRISTATE) and s.str_value == "n":
                    self.explain(s, d + 1)
            return
        if sym.choice:
            sel = sym.choice.selection
            self.say(d, "another option of the choice \"%s\" is picked: %s" % (
                prompt(sym.choice) or "?", sel.name if sel else "none"))
            return
        dv, _ = default_value(sym)
        if sym.user_value is not None and sym.visibility:
            self.say(d, "turned off in .config (its default would be %s)" % (dv or "n"))
        else:
            self.say(d, "its default is %s and nothing selects it" % (dv or "n"))
        cands = selectors(sym, sym.rev_dep)
        if cands:
            self.say(d, "it would be selected by: " + ", ".join(
                "%s (=%s)" % (s.name, s.str_value) for s, _, _ in cands))


def cmd_why(kconf, libs, name):
    n = name[7:] if name.startswith("CONFIG_") else name
    sym = None
    for cand in (libs.get(n), libs.get("lib" + n), libs.get("app" + n), n, n.upper(), "LIB" + n.upper()):
        if cand and cand in kconf.syms and kconf.syms[cand].nodes:
            sym = kconf.syms[cand]
            break
    if sym is None:
        die("why: LIB=%s: no such library or symbol (libraries: %s)" % (name, " ".join(sorted(libs))))
    w = Why(kconf, libs)
    w.explain(sym)
    lib = w.sym2lib.get(sym.name)
    state = "in the image" if sym.str_value != "n" else "not in the image"
    print("%s is %s because:" % (lib or sym.name, state))
    print("\n".join(w.lines))


def read_sizes(path):
    sizes = {}
    if path and os.path.exists(path):
        with open(path) as f:
            f.readline()
            for line in f:
                p = line.rstrip("\n").split("\t")
                sizes[p[0]] = int(p[-1])
    return sizes


def cmd_graph(kconf, libs, out, sizes_path, app_sym):
    sizes = read_sizes(sizes_path)
    on = {lib: s for lib, s in libs.items() if s in kconf.syms and kconf.syms[s].str_value == "y"}
    sym2lib = {s: lib for lib, s in on.items()}
    caps = set()
    edges = set()

    def target(sym):
        if sym.name in sym2lib:
            return sym2lib[sym.name]
        caps.add(sym.name)
        return sym.name

    for lib, sname in on.items():
        sym = kconf.syms[sname]
        for t, cond in sym.selects:
            if t.str_value != "n" and expr_value(cond):
                edges.add((lib, target(t), "select"))
        for s in dep_symbols(sym.direct_dep):
            if s.str_value != "n" and s.name != sname and s.orig_type in (BOOL, TRISTATE):
                edges.add((lib, target(s), "depends"))
    # Providers of the capabilities that libraries depend on.
    for cap in list(caps):
        for s, cond, active in selectors(kconf.syms[cap], kconf.syms[cap].rev_dep):
            if active and s.name in sym2lib:
                edges.add((sym2lib[s.name], cap, "select"))
    with open(out, "w") as f:
        f.write("digraph unikit {\n  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=11];\n")
        f.write("  edge [fontname=\"Helvetica\", fontsize=9];\n")
        for lib in sorted(on):
            label = lib + ("\\n%d B" % sizes[lib] if lib in sizes else "")
            style = ", style=\"bold,filled\", fillcolor=\"#ffe9a8\"" if on[lib] == app_sym \
                else ", style=filled, fillcolor=\"#dbe9ff\""
            f.write("  \"%s\" [shape=box, label=\"%s\"%s];\n" % (lib, label, style))
        for cap in sorted(caps):
            f.write("  \"%s\" [shape=ellipse, fontsize=9, color=gray40];\n" % cap)
        for a, b, kind in sorted(edges):
            style = "solid" if kind == "select" else "dashed"
            f.write("  \"%s\" -> \"%s\" [label=\"%s\", style=%s];\n" % (
                a, b, "selects" if kind == "select" else "depends on", style))
        f.write("}\n")
    print("graph: %d libraries, %d capabilities, %d edges -> %s" % (len(on), len(caps), len(edges), out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kconfig", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--dirs", default="")
    ap.add_argument("--app-dir", default="")
    ap.add_argument("--sizes")
    ap.add_argument("command", choices=("why", "graph"))
    ap.add_argument("arg")
    args = ap.parse_args()
    kconf = load(args)
    libs = library_map(args.dirs.split())
    if args.command == "why":
        cmd_why(kconf, libs, args.arg)
    else:
        app = library_map([args.app_dir]) if args.app_dir else {}
        cmd_graph(kconf, libs, args.arg, args.sizes, next(iter(app.values()), ""))


if __name__ == "__main__":
    main()
