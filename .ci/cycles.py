#!/usr/bin/env python3
"""Import cycles among modules of each crate, outside test code (house rule: none).
Run from the repository root: `python3 .ci/cycles.py`; exit status 1 when there is one.
Reads every `crate::a::b...` path (and `use crate::{a, b::c}` groups, and `super::` resolved)
in non-test code, builds edges module -> module at each level (top-level modules, and the
submodules within each parent), and prints strongly connected components of size > 1."""
import os, re, sys
sys.dont_write_bytecode = True  # no __pycache__ in .ci/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from limits import strip, test_ranges  # noqa

def modpath(root, p):
    rel = os.path.relpath(p, root)[:-3].split(os.sep)
    if rel[-1] in ('lib', 'main', 'mod'): rel = rel[:-1]
    return rel

def expand_use(body):
    """Expand a use tree body like `a::{b, c::d}` into paths."""
    body = body.strip()
    m = re.match(r'^([\w:]*?)(::)?\{(.*)\}$', body, re.S)
    if not m:
        return [body.split(' as ')[0].strip()]
    prefix = m.group(1); inner = m.group(3)
    parts, depth, cur = [], 0, ''
    for ch in inner:
        if ch == '{': depth += 1
        if ch == '}': depth -= 1
        if ch == ',' and depth == 0: parts.append(cur); cur = ''
        else: cur += ch
    parts.append(cur)
    out = []
    for part in parts:
        part = part.strip()
        if not part: continue
        for e in expand_use(part):
            out.append(prefix + ('::' if prefix and e else '') + e if e != 'self' else prefix)
    return out

def scc(graph):
    index, low, stack, on, res, i = {}, {}, [], set(), [], [0]
    def strong(v):
        index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index: strong(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: res.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index: strong(v)
    return res

def crate_edges(root):
    edges = set(); mods = set()
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith('.rs'): continue
            p = os.path.join(d, f)
            me = modpath(root, p)
            if any('test' in x for x in me): continue
            mods.add(tuple(me))
            s = strip(open(p, encoding='utf-8').read())
            for a, b in sorted(test_ranges(s), reverse=True):
                s = s[:a] + s[b:]
            paths = []
            for m in re.finditer(r'\buse\s+([^;]+);', s):
                paths += expand_use(m.group(1).replace('\n', ' '))
            for m in re.finditer(r'\b((?:crate|super)(?:::\w+)+)\s*(\(|!|::<)?', s):
                path = m.group(1)
                if m.group(2):  # a call: the last segment is a function, not a module
                    path = path.rsplit('::', 1)[0]
                paths.append(path)
            for path in paths:
                segs = [x.strip() for x in path.split('::') if x.strip()]
                if not segs: continue
                if segs[0] == 'crate': target = segs[1:]
                elif segs[0] == 'super':
                    base = list(me) if not p.endswith('mod.rs') else list(me)
                    # a file module's `super` is its parent
                    base = base[:-1]
                    k = 1
                    while k < len(segs) and segs[k] == 'super': base = base[:-1]; k += 1
                    target = base + segs[k:]
                else: continue
                # the longest prefix that names a module (the rest is an item in it)
                edges.add((tuple(me), tuple(target)))
    return edges, mods

def report(name, edges, mods):
    found = 0
    # at each level: for a parent P, edges between its children
    parents = {m[:k] for m in mods for k in range(len(m))}
    for P in sorted(parents):
        g = {}
        for a, b in edges:
            if a[:len(P)] == P and b[:len(P)] == P and len(a) > len(P) and len(b) > len(P):
                ca, cb = a[len(P)], b[len(P)]
                if ca != cb and tuple(P) + (cb,) in parents | mods:
                    g.setdefault(ca, set()).add(cb)
        for comp in scc(g):
            found += 1
            print(f'{name}: cycle under {"::".join(("crate",) + P)}: {comp}')
            for a in comp:
                for b in sorted(g.get(a, ())):
                    if b in comp: print(f'    {a} -> {b}')
    return found

total = 0
for name, root in (('knotless', 'src'), ('knotless-core', 'crates/core/src')):
    e, m = crate_edges(root)
    total += report(name, e, m)
    print(f'{name}: {len(m)} modules, {len(e)} module-to-path edges read')
sys.exit(1 if total else 0)
