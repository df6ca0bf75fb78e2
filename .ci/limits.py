#!/usr/bin/env python3
"""House rules: no non-test fn over 80 lines, no file over 400 non-test lines, in src/ and
crates/. `python3 .ci/limits.py [LIMIT [ROOT]]` lists each; exit status 1 when any.
Test code = files named *tests*.rs / tests.rs, and `#[cfg(test)]` items (mod blocks)."""
import os, re, sys
FILE_LIMIT = 400

def strip(src):
    """Blank out comments, strings and chars (keeping newlines) so braces can be counted."""
    out = []; i = 0; n = len(src)
    while i < n:
        c = src[i]
        if src.startswith('//', i):
            j = src.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == 'r' and re.match(r'r(#*)"', src[i:i+10]) and (i == 0 or not (src[i-1].isalnum() or src[i-1]=='_')):
            m = re.match(r'r(#*)"', src[i:]); end = '"' + m.group(1)
            j = src.find(end, i + len(m.group(0))); j = n if j < 0 else j + len(end)
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            j += 1
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", src[i:])
            if m:
                out.append(' ' * len(m.group(0))); i += len(m.group(0))
            else:
                out.append(c); i += 1
        else:
            out.append(c); i += 1
    return ''.join(out)

def match_brace(s, i):
    depth = 0
    for j in range(i, len(s)):
        if s[j] == '{': depth += 1
        elif s[j] == '}':
            depth -= 1
            if depth == 0: return j
    return len(s) - 1

def test_ranges(s):
    ranges = []
    for m in re.finditer(r'#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s*)?mod\s+\w+\s*\{', s):
        ranges.append((m.start(), match_brace(s, m.end() - 1)))
    for m in re.finditer(r'#\[(test|cfg\(test\))\]', s):
        b = s.find('{', m.end())
        semi = s.find(';', m.end())
        if b >= 0 and (semi < 0 or b < semi):
            ranges.append((m.start(), match_brace(s, b)))
    return ranges

if __name__ == '__main__':
    LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    root = sys.argv[2] if len(sys.argv) > 2 else '.'
    bad = 0
    for base in ('src', 'crates'):
        for d, _, files in os.walk(os.path.join(root, base)):
            for f in sorted(files):
                if not f.endswith('.rs') or 'tests' in f or f == 'tests.rs': continue
                p = os.path.join(d, f)
                src = open(p, encoding='utf-8').read()
                s = strip(src)
                tr = test_ranges(s)
                lines = src.count('\n')
                in_test = lambda pos: any(a <= pos <= b for a, b in tr)
                test_lines = sum(s[a:b].count('\n') for a, b in tr)
                if lines - test_lines > FILE_LIMIT:
                    print(f'FILE {p}: {lines - test_lines} non-test lines ({lines} total)'); bad += 1
                for m in re.finditer(r'\bfn\s+(\w+)', s):
                    if in_test(m.start()): continue
                    b = s.find('{', m.end()); semi = s.find(';', m.end())
                    if b < 0 or (0 <= semi < b): continue
                    e = match_brace(s, b)
                    start_line = s.count('\n', 0, m.start()) + 1
                    end_line = s.count('\n', 0, e) + 1
                    length = end_line - start_line + 1
                    if length > LIMIT:
                        print(f'FN {p}:{start_line} {m.group(1)}: {length} lines'); bad += 1
    sys.exit(1 if bad else 0)
