#!/usr/bin/env python
"""Build the docs site as its readers get it (nbdev_docs, so Quarto) and fail on what a reader would see broken.

    python tools/check_docs.py --shots DIR [--no-build]

Needs Quarto on PATH (`.ci/run` installs it), `npm ci --prefix tools/docs` (playwright-core and local copies of the
scripts the pages load from CDNs) and Chromium at /usr/bin/chromium (Debian's `chromium`; or set L2PA_CHROMIUM).

1. By nbdev's own rule of which cells the docs build runs, each such cell is listed and must be an exported
   definition, an import or a `show_doc`: the docs build must not train or plot anything. Checked before building.
2. `nbdev_docs`: nbdev's processing into `_proc/`, then Quarto renders the site into `_docs/` (and the README). `_proc/` is
   deleted first: nbdev reprocesses only the notebooks that changed, so a change to the API renderer would leave pages stale.
3. What every page must show, from the processed notebooks: its saved figures and widgets (with their state),
   formulas where it has math, a title and a description; no output shows a path of the machine it ran on; every
   notebook is in the sidebar.
4. Every page served on 127.0.0.1 and opened in headless Chromium at 1280 and 390 px (`tools/docs/check_site.mjs`,
   whose header lists what fails a page: elements wider than the column, cut or shrunk images, outputs that hide or
   run long, untypeset formulas, raw Markdown, broken links and anchors, JavaScript errors, unpinned outside
   scripts). The scripts pages load from CDNs are answered from local copies; every outside URL is listed.
   A full-page screenshot of every page at both widths goes to DIR.
5. Every public name has its `show_doc` entry at the anchor nbdev's doc links use."""
import argparse, ast, json, re, shutil, subprocess, sys, tempfile, time, warnings
from urllib.parse import urlsplit
from pathlib import Path

HERE = Path(__file__).resolve().parent
IMG_MIMES = ('image/png', 'image/jpeg', 'image/svg+xml', 'image/gif')
LOCAL_PATH = re.compile(r'(?<![\w.:/])(/tmp/|/home/|/root/|/work/|/Users/|/private/var/|[A-Z]:\\Users\\)\S*')
VIEW, STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'

# ---------------------------------------------------------------- 1. what the docs build runs; 2. the build

def build():
    "`nbdev_docs` as a contributor runs it: nbdev's processing into `_proc/`, then Quarto; the seconds it took"
    from nbdev.config import get_config
    # nbdev reprocesses only the notebooks that changed since the last build: a change to the API renderer or to a
    # module that show_doc reads would leave other pages stale, so the check builds from nothing
    shutil.rmtree(get_config().config_path/'_proc', ignore_errors=True)
    t = time.time()
    r = subprocess.run(['nbdev_docs'], capture_output=True, text=True)
    if r.returncode: sys.exit(f'nbdev_docs failed (exit {r.returncode}):\n{(r.stdout + r.stderr)[-3000:]}')
    return time.time() - t

def _only_imports(nodes):
    "Are `nodes` imports, possibly guarded (try/except ImportError with a fallback name, `if` on the environment)?"
    for n in nodes:
        if isinstance(n, (ast.Import, ast.ImportFrom, ast.Pass)): continue
        if isinstance(n, ast.Try) and _only_imports(n.body) and all(_only_imports(h.body) or all(isinstance(b, ast.Assign) and isinstance(b.value, (ast.Name, ast.Constant)) for b in h.body) for h in n.handlers): continue
        if isinstance(n, ast.If) and _only_imports(n.body) and _only_imports(n.orelse): continue
        return False
    return True

def _is_show_doc(n): return isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) and getattr(n.value.func, 'id', None) == 'show_doc'

def docs_cells(nb_path):
    "The cells nbdev's docs processing executes in `nb_path` (its own rule), each as (kind, source); kind 'other' is a failure"
    from nbdev.process import NBProcessor
    from nbdev.processors import _do_eval
    found = []
    def rec(cell):
        if not _do_eval(cell): return
        d = set(cell.directives_)
        if d & {'export', 'exports', 'exporti'}: found.append(('export', cell.source)); return
        trees = ast.parse(cell.source).body
        if all(_is_show_doc(n) for n in trees): kind = 'show_doc'
        elif _only_imports([n for n in trees if not _is_show_doc(n)]): kind = 'import'
        else: kind = 'other'
        found.append((kind, cell.source))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        NBProcessor(nb_path, rec).process()
    return found

# ---------------------------------------------------------------- 3. what each page must show

def front_matter(nb):
    "The YAML front matter nbdev puts in a raw cell at the top of a processed notebook"
    import yaml
    for c in nb.cells:
        s = c.source.strip()
        if c.cell_type == 'raw' and s.startswith('---') and s.endswith('---'): return yaml.safe_load(s.strip('-')) or {}
    return {}

_opt_re = re.compile(r'^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def cell_options(src):
    "Quarto's cell options (`#| key: value` lines at the top of a code cell)"
    opts = {}
    for line in src.splitlines():
        if not (m := _opt_re.match(line)): break
        opts[m.group(1)] = m.group(2).strip('"\'').lower()
    return opts

def sidebar_entries(path):
    "The notebooks sidebar.yml lists, in order"
    import yaml
    y = yaml.safe_load((path/'sidebar.yml').read_text())
    out = []
    def walk(items):
        for it in items:
            if isinstance(it, str): out.append(it)
            elif isinstance(it, dict) and 'contents' in it: walk(it['contents'])
            elif isinstance(it, dict) and 'href' in it: out.append(it['href'])
    walk(y['website']['sidebar']['contents'])
    return out

def expectations(proc):
    "{page: what it must show} from the processed notebooks in `proc`, and the problems found in them"
    import nbformat
    problems, expect = [], {}
    side = sidebar_entries(proc)
    for p in sorted(proc.glob('*.ipynb')):
        n, nb = p.name, nbformat.read(p, as_version=4)
        fm = front_matter(nb)
        page = fm.get('output-file') or p.with_suffix('.html').name
        if n not in side: problems.append(f'{n} is not in sidebar.yml: no reader can reach it from the sidebar')
        if not fm.get('title'): problems.append(f'{n}: no title in its front matter (a "# Title" cell)')
        if not fm.get('description'): problems.append(f'{n}: no description in its front matter (a "> description" line)')
        figs = widgets = 0
        math = any(c.cell_type == 'markdown' and re.search(r'\$[^$\s][^$]*\$', c.source) for c in nb.cells)
        state = nb.metadata.get('widgets', {}).get(STATE, {}).get('state', {})
        for cell in nb.cells:
            if cell.cell_type != 'code':
                # images of the page's own (a badge or other outside image is not a figure of the notebook)
                if cell.cell_type == 'markdown': figs += len(re.findall(r'!\[[^\]]*\]\((?!https?:)|<img\s+[^>]*src="(?!https?:)', cell.source))
                continue
            opts = cell_options(cell.source)
            if opts.get('include') == 'false' or opts.get('output') == 'false': continue
            for o in cell.get('outputs', []):
                d = o.get('data', {})
                txt = ''.join(o.get('text', '')) + ''.join(''.join(v) for k, v in d.items() if k.startswith('text/'))
                if (lp := LOCAL_PATH.search(txt)): problems.append(f'{n}: an output shows a path of the machine it ran on ({lp.group(0)[:60]}): print paths relative to the working folder')
                if VIEW in d:
                    widgets += 1
                    if d[VIEW]['model_id'] not in state: problems.append(f'{n}: a widget output has no saved state: the site cannot show it (run the notebook with tools/run_nb.py)')
                elif any(m in d for m in IMG_MIMES): figs += 1
                elif 'text/html' in d: figs += len(re.findall(r'<img\s', ''.join(d['text/html'])))
        expect[page] = dict(notebook=n, figures=figs, widgets=widgets, math=bool(math), title=fm.get('title', ''))
    for n in side:
        if not (proc/n).exists(): problems.append(f'sidebar.yml names {n}, which is not a notebook in nbs/')
    return expect, problems

# ---------------------------------------------------------------- 5. every public name documented

def api_documented(pages):
    """Every function and class a module exports has a `show_doc` heading on its page, at the anchor nbdev's doc links
    use (so cross-references resolve); every other exported name (a constant) is at least named in its page's text"""
    import importlib, inspect
    from l2pa._modidx import d
    probs, n_fn, n_const = [], 0, 0
    for mod, syms in d['syms'].items():
        m = importlib.import_module(mod)
        pub = {k[len(mod)+1:]: v[0] for k, v in syms.items() if not k[len(mod)+1:].startswith('_')}
        page = next(iter(syms.values()))[0].split('#')[0]
        for name in getattr(m, '__all__', []):
            obj = getattr(m, name)
            if name in pub:
                n_fn += 1
                pg, _, anchor = pub[name].partition('#')
                if anchor not in pages.get(pg, {}).get('ids', []): probs.append(f'{mod}.{name} has no show_doc on {pg} (no #{anchor})')
            elif inspect.isclass(obj) or inspect.isfunction(obj):
                n_fn += 1; probs.append(f'{mod}.{name} is exported but not in nbdev\'s index: no show_doc, no doc links to it')
            else:
                n_const += 1
                if not any(name in c for c in pages.get(page, {}).get('code', [])): probs.append(f'{mod}.{name} (a constant) is not named in the text of {page}')
        for name, url in pub.items():  # methods patched onto other libraries' classes (Learner.show_attention) are public API too
            owner = name.split('.')[0]
            if '.' in name and owner not in pub and not name.split('.')[-1].startswith('_'):
                n_fn += 1
                pg, _, anchor = url.partition('#')
                if anchor not in pages.get(pg, {}).get('ids', []): probs.append(f'{mod}.{name} (patched method) has no show_doc on {pg} (no #{anchor})')
    print(f'5. public API: {n_fn} functions, classes and patched methods checked for a show_doc at their doc-link anchor; {n_const} constants named in their page')
    return probs

# ---------------------------------------------------------------- 4. the browser

def browse(site, expect, shots, work):
    "check_site.mjs on every page of `site`; its report"
    spec, report = work/'expect.json', work/'report.json'
    spec.write_text(json.dumps(expect)); report.unlink(missing_ok=True)
    r = subprocess.run(['node', str(HERE/'docs'/'check_site.mjs'), str(site), str(spec), str(report), str(shots)])
    if not report.exists(): sys.exit(f'the browser check did not finish (exit {r.returncode})')
    return json.loads(report.read_text())

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--shots', required=True, help='folder for the screenshots of every page at 1280 and 390 px (emptied first)')
    p.add_argument('--no-build', action='store_true', help='check the site already in _docs (and _proc) instead of building it')
    a = p.parse_args()
    from nbdev.config import get_config
    cfg = get_config()
    shots = Path(a.shots).resolve(); shutil.rmtree(shots, ignore_errors=True); shots.mkdir(parents=True)
    fails = []

    print('1. the cells nbdev\'s docs build runs (its rule: exported cells, cells with an import anywhere, show_doc):')
    for nb in sorted(cfg.nbs_path.glob('*.ipynb')):
        cells = docs_cells(nb)
        kinds = {k: sum(1 for kk, _ in cells if kk == k) for k in ('export', 'import', 'show_doc', 'other')}
        print(f"   {nb.name:24} {len(cells):3} cells: {kinds['export']} exported definitions, {kinds['import']} imports, {kinds['show_doc']} show_doc")
        for k, s in cells:
            if k == 'other': fails.append(f'{nb.name}: the docs build would run this cell, which is not only imports, definitions or show_doc '
                                          f'(move its imports into an import cell):\n{s[:400]}')
    if fails:  # the build would run them (train networks, say): stop here
        print(f'\n{len(fails)} problems:'); print('\n'.join('- ' + f for f in fails)); sys.exit(1)
    site, proc = cfg.config_path/cfg.doc_path, cfg.config_path/'_proc'
    if a.no_build: print(f'2. the site already built in {site.name}/')
    else:
        secs = build()  # before counting the pages it wrote
        print(f'2. nbdev_docs (quarto {subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()}): '
              f'{len(list(site.glob("*.html")))} pages into {site.name}/ in {secs:.0f} s')

    expect, problems = expectations(proc)
    fails += problems
    missing = [pg for pg in expect if not (site/pg).exists()]
    fails += [f'{expect[pg]["notebook"]}: Quarto made no {pg}' for pg in missing]
    for pg in missing: expect.pop(pg)
    extra = sorted(f.name for f in site.glob('*.html') if f.name not in expect)
    print(f'3. {len(expect)} pages to check, from the notebooks in {proc.name}/' + (f' (and pages of no notebook: {", ".join(extra)})' if extra else ''))

    with tempfile.TemporaryDirectory() as work: rep = browse(site, expect, shots, Path(work))
    print(f"4. headless Chromium {rep.get('browser', '?')} at 1280 and 390 px:")
    for page, r in rep['pages'].items():
        e, d, m = expect[page], r['1280'], r['390']
        print(f"   {page:22} {d['figures_shown']:2} figures (saved {e['figures']}), {d['widgets_rendered']}/{e['widgets']} widgets, {d['math']:3} formulas, "
              f"{d['text_outputs']:2} text outputs, {d['links_internal']:3} internal links, {d['load_ms']:5} ms | problems: {len(d['problems'])} at 1280, {len(m['problems'])} at 390")
        for w in ('1280', '390'):
            for prob in r[w]['problems']: fails.append(f'{page} ({e["notebook"]}) at {w} px: {prob}')
    hosts = {}
    for u, n in rep.get('outside', {}).items(): hosts.setdefault(urlsplit(u).netloc, set()).add(re.sub(r'/[^/]*$', '/…', u) if 'fonts' in u else u.split('?')[0])
    print('   what the pages load from outside the site (answered here from tools/docs/node_modules):')
    for h, us in sorted(hosts.items()): print(f'     {h}: ' + ', '.join(sorted(us)).replace(f'https://{h}', ''))
    fails += rep.get('problems', [])
    fails += api_documented(rep['pages'])
    print(f'   screenshots: {len(list(shots.glob("*.png")))} in {shots}')
    if fails:
        print(f'\n{len(fails)} problems:'); print('\n'.join('- ' + f for f in fails))
        sys.exit(1)
    print(f'docs check passed: {len(expect)} pages, each at 1280 and 390 px')

if __name__ == '__main__': main()
