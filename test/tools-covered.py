#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""
tools-covered: every command the build, the suite or the benchmarks call
is one that support/scripts/setup installs, or one that a minbase Debian
already has.

    test/tools-covered.py [--verbose]

Reads support/scripts/setup.list (the one list of packages). Scans the
tree's makefiles (recipe lines and $(shell ...)), shell scripts (every
word in command position: at the start of a line or after ; | && || $(
` ( { then do else ! and after wrappers such as timeout, env, exec, or
a function of the same file that runs "$@", like `ina() { ip netns exec
$NS "$@"; }`) and
Python scripts (subprocess.run(["cmd", ...]), shutil.which("cmd")). A
word counts as a command when it names an executable in
/usr/sbin:/usr/bin:/sbin:/bin here; words that name nothing there are
variables, functions or prose and are skipped. A command is covered when
setup.list has it as a PROVIDES word (base group; bench/ may also use the
bench group), or when dpkg says its package is Essential or of priority
"required" (what debootstrap --variant=minbase installs). Prints one line
per uncovered command (where it is called), exits 1 if there is any.
support/scripts/fresh-machine is left out: it builds the clean machine,
it is not part of the build or the suite.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
SKIP = {"support/scripts/fresh-machine"}
# Shell words after which the next word is again in command position.
WRAPPERS = {"exec", "command", "env", "nice", "nohup", "xargs", "stdbuf",
            "timeout", "time", "then", "do", "else", "if", "elif", "while",
            "until", "!", "builtin", "runuser", "sudo"}
# Shell keywords and builtins: never commands to install.
KEYWORDS = {"if", "then", "else", "elif", "fi", "for", "while", "until", "do",
            "done", "case", "esac", "in", "function", "select", "time",
            "local", "export", "readonly", "declare", "return", "set",
            "unset", "shift", "trap", "wait", "read", "eval", "source", ".",
            "cd", "echo", "printf", "test", "[", "[[", "true", "false",
            "exit", "break", "continue", "type", "kill", "pwd", "let",
            "getopts", "hash", "umask", "jobs", "builtin", "mapfile", "ulimit"}
WORD = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]*$")
SPLIT = re.compile(r"\$\(|`|&&|\|\||[;|(){}]|\bthen\b|\bdo\b|\belse\b")


def manifest():
    groups = {}
    with open(os.path.join(ROOT, "support/scripts/setup.list")) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            for p in w[2:]:
                groups.setdefault(w[0], set()).add(p)
    return groups


# A shell function whose body runs its arguments as a command, alone or
# after a wrapper (`ina() { ip netns exec $NS "$@"; }`, `offline() {
# unshare -n "$@"; }`): a word after a call to it is in command position.
# (`mk() { make -C dir "$@"; }` passes arguments, and is not one.)
WRAPPER_FN = re.compile(
    r'^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{\s*'
    r'(?:(?:exec|sudo|command|env(?:\s+\w+=\S*)*|timeout\s+\S+|'
    r'unshare(?:\s+-\S+)*|nsenter(?:\s+-\S+)*|ip\s+netns\s+exec\s+\S+|'
    r'chroot\s+\S+)\s+)*"\$@"', re.M)


def shell_commands(text):
    """(line number, word) of every word in command position."""
    out = []
    wrappers = WRAPPERS | set(WRAPPER_FN.findall(text))
    heredoc = None
    for n, line in enumerate(text.splitlines(), 1):
        # A here-document's body is data (or another language), not shell.
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            continue
        m = re.search(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?", line)
        if m:
            heredoc = m.group(1)
        line = re.sub(r"(^|\s)#.*", "", line)
        # Prose and data, not commands: double-quoted strings without a
        # command substitution, single-quoted ones not run by eval or
        # sh -c, case patterns, array assignments.
        line = re.sub(r'"[^"`$]*(?:\$(?!\()[^"`$]*)*"', '""', line)
        line = re.sub(r"(?<!eval )(?<!-c )'[^']*'", "''", line)
        line = re.sub(r"^\s*\(?[\w|*.:/'\"\[\]-]+\)(\s|$)", " ", line)
        line = re.sub(r"\b\w+=\([^)]*\)", " ", line)
        for seg in SPLIT.split(line):
            words = seg.split()
            i = 0
            while i < len(words):
                if re.match(r'^[A-Za-z_][A-Za-z0-9_]*="', words[i]):
                    # VAR="value with spaces": skip to its closing quote.
                    quotes = words[i].count('"')
                    while quotes % 2 and i + 1 < len(words):
                        i += 1
                        quotes += words[i].count('"')
                    i += 1
                    continue
                w = words[i].strip("\"'")
                if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w) or w.startswith("-") \
                        or re.match(r"^[0-9.]+[smh]?$", w) or w in ("$(Q)", "@", "-", "+"):
                    i += 1
                    continue
                w = w.lstrip("@-+")
                if w.startswith("$(Q)"):
                    w = w[4:]
                if w:
                    out.append((n, w))
                if w in wrappers:
                    i += 1
                    continue
                break
    return out


def make_commands(text):
    out = []
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        if line.startswith("\t"):
            # $(make-function ...) is not a command; $$( and $(shell are.
            sh = re.sub(r"(?<!\$)\$\((?!shell )", "$[", line)
            out += [(n, w) for _, w in shell_commands(sh)]
        for m in re.finditer(r"\$\(shell ([^)]*)", line):
            out += [(n, w) for _, w in shell_commands(m.group(1))]
        m = re.match(r"^([A-Z]+)\s*\?=\s*(\S+)", line)
        if m:
            out.append((n, m.group(2)))
    return out


def python_commands(text):
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"(?:run|Popen|check_output|check_call|call)\(\s*\[\s*[\"']([\w.+-]+)[\"']", line):
            out.append((n, m.group(1)))
        for m in re.finditer(r"shutil\.which\(\s*[\"']([\w.+-]+)[\"']", line):
            out.append((n, m.group(1)))
    return out


def files():
    r = subprocess.run(["git", "-C", ROOT, "ls-files"], capture_output=True, text=True)
    names = r.stdout.split() if r.returncode == 0 else []
    if not names:
        for d, _, fs in os.walk(ROOT):
            if "/build" in d[len(ROOT):] or "/.git" in d[len(ROOT):]:
                continue
            names += [os.path.relpath(os.path.join(d, f), ROOT) for f in fs]
    for rel in sorted(names):
        if rel in SKIP:
            continue
        path = os.path.join(ROOT, rel)
        base = os.path.basename(rel)
        try:
            with open(path, errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        first = text.split("\n", 1)[0]
        if base == "Makefile" or base.endswith(".mk") or base == "Makefile.uk":
            yield rel, make_commands(text)
        elif first.startswith("#!") and "python" in first:
            yield rel, python_commands(text)
        elif first.startswith("#!") and re.search(r"\b(ba)?sh\b", first) or rel.endswith(".sh"):
            yield rel, shell_commands(text)


def hosted_compiles():
    for rel in subprocess.run(["git", "-C", ROOT, "ls-files", "*.sh", "*/tests/*"],
                              capture_output=True, text=True).stdout.split():
        try:
            with open(os.path.join(ROOT, rel), errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        if not text.startswith("#!") or "python" in text.split("\n", 1)[0]:
            continue
        for line in text.splitlines():
            if re.search(r"(^|[\s;|&(])(gcc|cc|\$CC|\$\{CC[^}]*\})\s", line) and \
                    not re.search(r"-ffreestanding|-nostdinc|-print-", line):
                yield rel, line
                break


def minbase(paths):
    """The subset of paths whose dpkg package is Essential or required."""
    owner = {}
    cand = {}
    for p in paths:
        for c in {p, os.path.realpath(p), p.replace("/usr/bin/", "/bin/"),
                  p.replace("/usr/sbin/", "/sbin/")}:
            cand.setdefault(c, p)
    r = subprocess.run(["dpkg-query", "-S"] + sorted(cand), capture_output=True, text=True)
    for line in r.stdout.splitlines():
        pkgs, _, f = line.partition(": ")
        if f in cand and "diversion" not in pkgs:
            for pkg in pkgs.split(", "):
                owner.setdefault(cand[f], set()).add(pkg.split(":")[0])
    pkgs = sorted({p for s in owner.values() for p in s})
    if not pkgs:
        return set()
    r = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Essential} ${Priority}\n"] + pkgs,
                       capture_output=True, text=True)
    base = {w[0] for w in (l.split() for l in r.stdout.splitlines())
            if len(w) >= 3 and (w[1] == "yes" or w[2] == "required")}
    return {p for p, s in owner.items() if s & base}


def main():
    verbose = "--verbose" in sys.argv[1:]
    groups = manifest()
    calls = {}          # word -> [(file, line)]
    for rel, cmds in files():
        for n, w in cmds:
            if WORD.match(w) and w not in KEYWORDS:
                calls.setdefault(w, []).append((rel, n))
    found = {w: shutil.which(w, path=PATH) for w in calls}
    found = {w: p for w, p in found.items() if p}
    essential = minbase(set(found.values()))
    bad = 0
    # A script that compiles a hosted program (gcc or $CC without
    # -ffreestanding/-nostdinc) needs the C library's headers and crt.
    hosted = [rel for rel, text in hosted_compiles()]
    if hosted and "/usr/include/stdio.h" not in groups.get("base", set()):
        bad = 1
        print("tools-covered: %s compile(s) hosted C programs but no base package of "
              "support/scripts/setup.list provides /usr/include/stdio.h" % ", ".join(hosted))
    for w in sorted(found):
        where = calls[w]
        ok = w in groups.get("base", set())
        if not ok and all(f.startswith("bench/") for f, _ in where):
            ok = w in groups.get("bench", set())
        how = "setup.list" if ok else "minbase" if found[w] in essential else None
        if verbose:
            print("%-20s %-10s %s" % (w, how or "-", "%s:%d" % where[0]))
        if not how:
            bad = 1
            print("tools-covered: '%s' (%s) is called by %s but support/scripts/setup.list "
                  "provides it nowhere" % (w, found[w], ", ".join("%s:%d" % x for x in where[:3])))
    return bad


if __name__ == "__main__":
    sys.exit(main())
