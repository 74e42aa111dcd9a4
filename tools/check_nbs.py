#!/usr/bin/env python
"""Check the skeleton that every numbered notebook in nbs/ must have (see the contributor notes in the README):
a hidden, non-evaluated first cell that installs l2pa on Colab and is valid IPython; a `# Title` and a
`> description`; an "Open in Colab" badge pointing at the notebook itself; `#| default_exp`; `## Summary`,
`## Exercises` and `## Export -` sections; a one-sentence description; markdown cells short enough to read in one
breath (at most 150 words outside callouts, tables and code: asides go in a `::: {.callout-note}`); no "seen: …" comments in
code (a tolerance is derived, or the test asserts an invariant); and a notebook with `slow` cells has a `## Results` section,
the one place that says where, on what and with which command its numbers were measured. Also: every exported module compiles without a warning (an invalid escape
such as `\\e` in a docstring made from a description is a SyntaxWarning on Python 3.12 and will become an error). Exit 1
and name the notebook or module and the problem otherwise."""
import ast, json, re, sys, warnings
from pathlib import Path
from IPython.core.inputtransformer2 import TransformerManager
from nbdev.config import get_config

MAX_WORDS = 150

def prose_words(s):
    "Words of a markdown cell outside callouts, fenced code and table rows"
    s = re.sub(r'^:::.*?^:::', '', s, flags=re.S | re.M)
    s = re.sub(r'^```.*?^```', '', s, flags=re.S | re.M)
    return len(' '.join(l for l in s.split('\n') if not l.lstrip().startswith('|')).split())

def voice_problems(cells):
    "Problems of the tutorial voice: long markdown cells, a description of several sentences, diary comments, no Results section"
    out = []
    for i, (t, s) in enumerate(cells):
        if t == 'markdown' and (w := prose_words(s)) > MAX_WORDS: out.append(f'markdown cell {i} has {w} words (at most {MAX_WORDS}: split it, or put the aside in a callout)')
        if t == 'code' and re.search(r'#.*\bseen\b', s): out.append(f'code cell {i} has a "seen" comment: derive the tolerance or assert an invariant')
    desc = next((l[2:] for t, s in cells if t == 'markdown' for l in s.split('\n') if l.startswith('> ')), '')
    if len(re.findall(r'[.!?](?=\s+[A-Z])', desc)) > 0: out.append('the description has more than one sentence')
    slow = any(t == 'code' and re.search(r'^#\|\s*slow\b', s, re.M) for t, s in cells)
    if slow and not any(t == 'markdown' and re.search(r'^## Results', s, re.M) for t, s in cells): out.append('slow cells but no "## Results" section')
    return out

def problems(path):
    cfg = get_config()
    nb = json.loads(path.read_text(encoding='utf-8'))
    cells = [(c['cell_type'], ''.join(c['source'])) for c in nb['cells']]
    src = lambda t: [s for ct,s in cells if ct == t]
    out = []
    first = cells[0][1] if cells else ''
    if not (cells and cells[0][0] == 'code' and '#| hide' in first and '#| eval: false' in first and 'google.colab' in first):
        out.append('first cell is not the hidden, non-evaluated Colab install cell')
    else:
        try: ast.parse(TransformerManager().transform_cell(first))
        except SyntaxError as e: out.append(f'Colab install cell is not valid IPython: {e}')
    md = '\n'.join(src('markdown'))
    if not re.search(r'^# \S', md, re.M): out.append('no "# Title" markdown cell')
    if not re.search(r'^> \S', md, re.M): out.append('no "> description" line')
    badge = f'colab.research.google.com/github/{cfg.user}/{cfg.repo}/blob/{cfg.branch}/nbs/{path.name}'
    if badge not in md: out.append(f'no Open-in-Colab badge linking to {badge}')
    if not any(s.startswith('#| default_exp') for s in src('code')): out.append('no "#| default_exp" cell')
    for h in ('## Summary', '## Exercises', '## Export -'):
        if not re.search('^' + re.escape(h) + r'\s*$', md, re.M): out.append(f'no "{h}" section')
    return out + voice_problems(cells)

def module_problems(path):
    "A warning or error compiling the module `path` (warnings raised as errors, as a future Python will)"
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try: compile(path.read_text(encoding='utf-8'), str(path), 'exec')
        except (SyntaxError, SyntaxWarning, DeprecationWarning) as e: return [f'does not compile cleanly: {e}']
    return []

if __name__ == '__main__':
    nbs = sorted(p for p in get_config().nbs_path.glob('[0-9]*.ipynb'))
    bad = 0
    for p in sorted(get_config().lib_path.glob('*.py')):
        if ps := module_problems(p): print(f'{p.name}: ' + '; '.join(ps)); bad += 1
    for p in nbs:
        ps = problems(p)
        print(f'{p.name}: ' + ('ok' if not ps else '; '.join(ps)))
        bad += bool(ps)
    print(f'{len(nbs)} numbered notebooks, {bad} with problems')
    sys.exit(1 if bad else 0)
