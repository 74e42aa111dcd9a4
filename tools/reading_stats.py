#!/usr/bin/env python
"""How the numbered notebooks read, in numbers: the measures a reader feels.

    python tools/reading_stats.py [ROOT]

- asserts (`assert`, fastcore's `test_*`) in cells the site shows, against all of them;
- hidden test cells over 20 lines (hidden: `#| hide` or `#| include: false`; lines without directives or blanks);
- markdown cells over 100 words, and the median words of a markdown cell (formulas, code and link targets not counted);
- code cells over 20 lines;
- library lines over 120 characters (l2pa/*.py but the generated _modidx.py);
- the README's length in characters."""
import glob, json, os, re, statistics, sys

ASSERT = re.compile(r'(\bassert\b|\btest_(?:eq|ne|close|fail|is|shape|eq_type|stdout|warns|fig_exists|sig)\w*\()')
HIDDEN = re.compile(r'^#\|\s*(hide|include:\s*false)\s*$', re.M)

def words(s):
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", re.sub(r'\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\(http[^)]*\)', ' ', s, flags=re.S)))

def main(root='.'):
    vis = tot = big_hidden = 0; md, code = [], []
    for f in sorted(glob.glob(f'{root}/nbs/[0-9]*.ipynb')):
        for c in json.load(open(f))['cells']:
            s = ''.join(c['source'])
            if c['cell_type'] == 'markdown': md.append(words(s)); continue
            lines = [l for l in s.splitlines() if l.strip() and not l.startswith('#|')]
            code.append(len(lines)); n = len(ASSERT.findall(s)); tot += n
            if not HIDDEN.search(s): vis += n
            elif n and len(lines) > 20: big_hidden += 1
    lib = [l for f in glob.glob(f'{root}/l2pa/*.py') if not f.endswith('_modidx.py') for l in open(f).read().splitlines()]
    pct = lambda a, b: f'{100*a/b:.1f} % ({a} of {b})'
    print(f'asserts in cells the site shows: {pct(vis, tot)}')
    print(f'hidden test cells over 20 lines: {big_hidden}')
    print(f'markdown cells over 100 words: {pct(sum(w > 100 for w in md), len(md))}; median words a cell: {statistics.median(md):g}')
    print(f'code cells over 20 lines: {pct(sum(n > 20 for n in code), len(code))}')
    print(f'library lines over 120 characters: {pct(sum(len(l) > 120 for l in lib), len(lib))}')
    print(f'README.md: {os.path.getsize(f"{root}/README.md"):,} characters')

if __name__ == '__main__': main(*sys.argv[1:])
