#!/usr/bin/env python
"""Check the skeleton that every numbered notebook in nbs/ must have (see the contributor notes in the README):
a hidden, non-evaluated first cell that installs l2pa on Colab and is valid IPython; a `# Title` and a
`> description`; an "Open in Colab" badge pointing at the notebook itself; `#| default_exp`; `## Summary`,
`## Exercises` and `## Export -` sections; a one-sentence description; markdown cells short enough to read in one
breath (at most 150 words outside callouts, tables and code: asides go in a `::: {.callout-note}`); no "seen: …" comments in
code (a tolerance is derived, or the test asserts an invariant); and a notebook with `slow` cells has a `## Results` section,
the one place that says where, on what and with which command its numbers were measured. Also: every exported module compiles without a warning (an invalid escape
such as `\\e` in a docstring made from a description is a SyntaxWarning on Python 3.12 and will become an error). Exit 1
and name the notebook or module and the problem otherwise.

    python tools/check_nbs.py [--fix]

Where the repository lives is one setting: `user` (and `repo`, `branch`) in settings.ini. The Colab install cell, which
installs the released package or, where there is no release yet, the repository's branch, and the Open-in-Colab badge
follow it; `--fix` rewrites both in every numbered notebook from settings.ini (after a move, say), keeping each
notebook's extra (`l2pa[analysis]`)."""
import argparse, ast, json, re, sys, warnings
from pathlib import Path
from IPython.core.inputtransformer2 import TransformerManager
from nbdev.config import get_config

MAX_WORDS = 150

def install_cell(cfg, extra=''):
    "The Colab install cell of a notebook that needs `l2pa{extra}`: the release from the package index, else the repository's branch"
    pkg = f'l2pa{extra}'
    return f"""#| hide
#| eval: false
# On Colab, install {pkg} (Colab already has torch, fastai, matplotlib and ipywidgets): the release from the package
# index, or the {cfg.branch} branch of {cfg.git_url} where there is no release yet. Written by tools/check_nbs.py --fix.
import subprocess, sys
if 'google.colab' in sys.modules:
    pip = [sys.executable, '-m', 'pip', 'install', '-q']
    if subprocess.run(pip + ['{pkg}'], stderr=subprocess.DEVNULL).returncode:
        subprocess.run(pip + ['{pkg} @ git+{cfg.git_url}@{cfg.branch}'], check=True)"""

def badge_md(cfg, name):
    "The Open-in-Colab badge of notebook `name`: an HTML link, which stays an inline badge (Quarto makes a Markdown image alone in its paragraph a figure with a caption)"
    return (f'<a href="https://colab.research.google.com/github/{cfg.user}/{cfg.repo}/blob/{cfg.branch}/nbs/{name}">'
            f'<img src="https://colab.research.google.com/assets/colab-badge.svg" alt="Open In Colab"></a>')

def extra_of(first):
    "The extra (`[analysis]`) the install cell `first` installs l2pa with, or ''"
    m = re.search(r'l2pa(\[[\w,]+\])', first)
    return m.group(1) if m else ''

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
        if first != install_cell(cfg, extra_of(first)):
            out.append(f'the Colab install cell is not the one settings.ini gives (release, else git+{cfg.git_url}@{cfg.branch}): run tools/check_nbs.py --fix')
    md = '\n'.join(src('markdown'))
    if not re.search(r'^# \S', md, re.M): out.append('no "# Title" markdown cell')
    if not re.search(r'^> \S', md, re.M): out.append('no "> description" line')
    if badge_md(cfg, path.name) not in md: out.append(f'no Open-in-Colab badge linking to this notebook in {cfg.git_url} (run tools/check_nbs.py --fix)')
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

def fix(path):
    "Rewrite the install cell and the badge of notebook `path` from settings.ini; True if it changed"
    cfg = get_config()
    text = path.read_text(encoding='utf-8'); nb = json.loads(text)
    c0 = nb['cells'][0]; first = ''.join(c0['source'])
    if c0['cell_type'] == 'code' and 'google.colab' in first: c0['source'] = install_cell(cfg, extra_of(first)).splitlines(True)
    pat = re.compile(r'\[!\[Open In Colab\]\([^)]*\)\]\(https://colab\.research\.google\.com/github/[^)]*\)'    # Markdown
                     r'|<a href="https://colab\.research\.google\.com/github/[^"]*"><img [^>]*alt="Open In Colab"></a>')  # HTML
    for c in nb['cells']:
        if c['cell_type'] == 'markdown' and pat.search(''.join(c['source'])):
            c['source'] = pat.sub(badge_md(cfg, path.name).replace('\\', '\\\\'), ''.join(c['source'])).splitlines(True)
    new = json.dumps(nb, indent=1, ensure_ascii=False) + '\n'
    if new != text: path.write_text(new, encoding='utf-8')
    return new != text

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--fix', action='store_true', help="rewrite every numbered notebook's Colab install cell and badge from settings.ini")
    args = ap.parse_args()
    nbs = sorted(p for p in get_config().nbs_path.glob('[0-9]*.ipynb'))
    if args.fix: print('rewrote the install cell or badge of', ', '.join(p.name for p in nbs if fix(p)) or 'no notebook')
    bad = 0
    for p in sorted(get_config().lib_path.glob('*.py')):
        if ps := module_problems(p): print(f'{p.name}: ' + '; '.join(ps)); bad += 1
    for p in nbs:
        ps = problems(p)
        print(f'{p.name}: ' + ('ok' if not ps else '; '.join(ps)))
        bad += bool(ps)
    print(f'{len(nbs)} numbered notebooks, {bad} with problems')
    sys.exit(1 if bad else 0)
