#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The ECCP Desk developers
"""No include circle among the application's files.

A file's "module" is its name without .c/.h (and without -private: a
class's private header is part of it); module A depends on B when a file
of A includes a header of B.  A circle (window -> application ->
window, a factory and the classes it makes) is the sign of two files that
call back into each other; the app is wired by properties, bindings and
actions instead (docs/ARCHITECTURE.md).  Prints each circle and fails.
"""
import os
import re
import sys

folder = sys.argv[1]
files = [f for f in os.listdir(folder) if f.endswith(('.c', '.h'))]


def module_of(name):
    return re.sub(r'(-private)?\.[ch]$', '', name)


graph = {}
for name in files:
    module = module_of(name)
    with open(os.path.join(folder, name), encoding='utf-8') as source:
        included = re.findall(r'^#include "([^"]+)"', source.read(), re.M)
    deps = graph.setdefault(module, set())
    for header in included:
        if header in files and module_of(header) != module:
            deps.add(module_of(header))

circles = set()


def walk(module, path):
    for dep in sorted(graph.get(module, ())):
        if dep in path:
            circle = path[path.index(dep):]
            start = circle.index(min(circle))
            circles.add(tuple(circle[start:] + circle[:start]))
        else:
            walk(dep, path + [dep])


for module in sorted(graph):
    walk(module, [module])

for circle in sorted(circles):
    print('include circle: ' + ' -> '.join(circle + (circle[0],)))
print(f'{len(graph)} modules in {folder}, {len(circles)} include circles')
sys.exit(1 if circles else 0)
