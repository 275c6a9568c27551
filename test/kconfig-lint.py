#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""kconfig-lint.py Config.uk: parse the menu (UK_* variables from the
environment) and print one line per problem; exit 1 if there is any.

Problems: any kconfiglib warning; a visible option (a symbol or choice
with a prompt) whose prompt is not "name: purpose" or that has no help.
A choice is fine when all its members are; otherwise the choice itself
needs both, and then its members need neither.
"""
import os
import re
import sys

import kconfiglib

# Also warn about references to symbols nothing defines (a typo in
# "depends on" otherwise silently hides an option).
os.environ["KCONFIG_WARN_UNDEF"] = "y"

PROMPT = re.compile(r"^[A-Za-z0-9_.+/ -]{1,40}: \S")


def where(node):
    return "%s:%d" % (node.filename, node.linenr)


def documented(node):
    return bool(node.help) and bool(node.prompt) and \
        bool(PROMPT.match(node.prompt[0]))


def check(node, name):
    """The problems of one prompted menu node."""
    out = []
    if not PROMPT.match(node.prompt[0]):
        out.append('%s: %s: prompt "%s" is not "name: purpose"'
                   % (where(node), name, node.prompt[0]))
    if not node.help and not any(n.help for n in node.item.nodes):
        out.append("%s: %s: no help text" % (where(node), name))
    return out


def main():
    problems = []
    try:
        kconf = kconfiglib.Kconfig(sys.argv[1], warn_to_stderr=False)
    except kconfiglib.KconfigError as e:
        print("parse error: " + str(e).replace("\n", " "))
        return 1
    problems += ["warning: " + w.replace("\n", " ") for w in kconf.warnings]
    for node in kconf.node_iter():
        item = node.item
        if isinstance(item, kconfiglib.Symbol) and node.prompt:
            if item.choice is not None and documented(item.choice.nodes[0]):
                continue
            problems += check(node, item.name)
        elif isinstance(item, kconfiglib.Choice) and node.prompt:
            if all(not check(n, s.name) for s in item.syms for n in s.nodes
                   if n.prompt):
                continue
            problems += check(node, "choice \"%s\"" % node.prompt[0])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
