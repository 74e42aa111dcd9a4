#!/usr/bin/env python
"""Check the docs site as far as it can be checked without Quarto, and fail on what a reader would see broken.

    python tools/check_docs.py --out DIR [--screenshot FILE]

Needs `npm ci --prefix tools/docs` (RequireJS, MathJax 2, the Jupyter widgets HTML manager, playwright-core)
and Chromium at /usr/bin/chromium (Debian's `chromium` package); `.ci/run` installs both.

1. nbdev's docs processing, as `nbdev_docs` does it before it calls Quarto (nbdev.yml, the module index, every
   notebook processed into `_proc/`): it must succeed. By nbdev's own rule of which cells the docs build runs,
   each such cell is listed and must be an exported definition, an import or a `show_doc`: the docs build must not
   train or plot anything.
2. Every processed notebook rendered to HTML with nbconvert, shaped as Quarto shapes the site: the page named by
   its front matter's `output-file`, title and description from the front matter, Quarto's cell options
   (`echo`, `output`, `include`) applied, pandoc's heading ids, the sidebar of `sidebar.yml`, links to the site
   and to notebooks made relative. RequireJS, MathJax and the widgets manager are served from
   `tools/docs/node_modules`, never a CDN.
3. Every page opened in headless Chromium (`tools/docs/check_pages.mjs`). A page fails on: a JavaScript error, a
   request that fails or leaves the machine, an internal link to a page or anchor that does not exist, an image
   that does not load, fewer visible figures or rendered widgets than the notebook saved, a math error, a
   missing title or description. A screenshot of the index page is kept."""
import argparse, ast, json, re, shutil, subprocess, sys, time, warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
IMG_MIMES = ('image/png', 'image/jpeg', 'image/svg+xml', 'image/gif')
LOCAL_PATH = re.compile(r'(?<![\w.:/])(/tmp/|/home/|/root/|/work/|/Users/|/private/var/|[A-Z]:\\Users\\)\S*')
VIEW, STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'

# ---------------------------------------------------------------- 1. nbdev's docs processing

def process():
    "What `nbdev_docs` does before Quarto, without installing Quarto; returns the `_proc` folder and the seconds it took"
    from nbdev.quarto import refresh_quarto_yml
    from nbdev.serve import proc_nbs
    import nbdev.doclinks
    t = time.time()
    refresh_quarto_yml()
    nbdev.doclinks._build_modidx()
    cache = proc_nbs(force=True)
    return Path(cache), time.time() - t

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

# ---------------------------------------------------------------- 2. HTML as the site shapes it

def front_matter(nb):
    "The YAML front matter nbdev puts in a raw cell at the top of a processed notebook, and that cell's index"
    import yaml
    for i, c in enumerate(nb.cells):
        s = c.source.strip()
        if c.cell_type == 'raw' and s.startswith('---') and s.endswith('---'):
            return yaml.safe_load(s.strip('-')) or {}, i
    return {}, None

_opt_re = re.compile(r'^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def cell_options(src):
    "Quarto's cell options (`#| key: value` lines at the top of a code cell) and the source without them"
    opts, lines = {}, src.splitlines()
    while lines and (m := _opt_re.match(lines[0])):
        opts[m.group(1)] = m.group(2).strip('"\'').lower(); lines.pop(0)
    return opts, '\n'.join(lines)

def pandoc_id(text):
    "The identifier pandoc (so Quarto) gives a heading with this text"
    s = re.sub(r'[^\w\s.-]', '', text.strip().lower().replace('¶', ''))
    s = re.sub(r'\s+', '-', s.strip())
    s = re.sub(r'^[^a-z]+', '', s)
    return s or 'section'

def sidebar_entries(nbs_path):
    "The sidebar of sidebar.yml as (section or None, notebook file name) in order"
    import yaml
    y = yaml.safe_load((nbs_path/'sidebar.yml').read_text())
    out = []
    def walk(items, sec):
        for it in items:
            if isinstance(it, str): out.append((sec, it))
            elif isinstance(it, dict) and 'contents' in it: walk(it['contents'], it.get('section'))
            elif isinstance(it, dict) and 'href' in it: out.append((sec, it['href']))
    walk(y['website']['sidebar']['contents'], None)
    return out

def render(proc, out, cfg):
    "Render every processed notebook to `out`; returns {page: expectations} for the browser check"
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    site = f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/'
    nbs = sorted(proc.glob('*.ipynb'))
    read = {p.name: nbformat.read(p, as_version=4) for p in nbs}
    fms = {n: front_matter(nb)[0] for n, nb in read.items()}
    page_of = {n: fm.get('output-file') or Path(n).with_suffix('.html').name for n, fm in fms.items()}
    problems, expect = [], {}
    # assets: served locally, as the site serves its own
    nm = HERE/'docs'/'node_modules'
    assets = out/'_assets'
    shutil.copy(nm/'requirejs'/'require.js', assets/'require.js')
    shutil.copytree(nm/'@jupyter-widgets'/'html-manager'/'dist', assets/'html-manager', dirs_exist_ok=True)
    if not (assets/'mathjax').exists(): shutil.copytree(nm/'mathjax', assets/'mathjax', ignore=shutil.ignore_patterns('unpacked', '*.md'))
    for f in proc.iterdir():  # files Quarto would publish beside the pages (styles.css, images)
        if f.is_file() and f.suffix not in ('.ipynb', '.yml', '.yaml'): shutil.copy(f, out/f.name)
        elif f.is_dir() and not f.name.startswith(('.', '_')): shutil.copytree(f, out/f.name, dirs_exist_ok=True)
    side = sidebar_entries(proc)
    for _, n in side:
        if n not in page_of: problems.append(f'sidebar.yml names {n}, which is not a notebook in nbs/')
    for n in page_of:
        if n not in {e[1] for e in side}: problems.append(f'{n} is not in sidebar.yml: no reader can reach it from the sidebar')
    c = Config()
    c.HTMLExporter.require_js_url = '_assets/require.js'
    c.HTMLExporter.mathjax_url = '_assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe'
    c.HTMLExporter.widget_renderer_url = '_assets/html-manager/embed-amd.js'
    c.HTMLExporter.exclude_anchor_links = True
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {'quarto-include-false'}
    c.TagRemovePreprocessor.remove_input_tags = {'quarto-echo-false'}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {'quarto-output-false'}
    exporter = HTMLExporter(config=c, template_name='lab')
    for n, nb in read.items():
        fm, fi = front_matter(nb)
        page = page_of[n]
        if not fm.get('title'): problems.append(f'{n}: no title in its front matter (a "# Title" cell)')
        if not fm.get('description'): problems.append(f'{n}: no description in its front matter (a "> description" line)')
        if fi is not None: nb.cells.pop(fi)
        figs = widgets = 0
        math = any(c.cell_type == 'markdown' and re.search(r'\$[^$\s][^$]*\$', c.source) for c in nb.cells)
        state = nb.metadata.get('widgets', {}).get(STATE, {}).get('state', {})
        for cell in nb.cells:
            if cell.cell_type != 'code':
                # images of the page's own (a badge or other outside image is not a figure of the notebook)
                figs += len(re.findall(r'!\[[^\]]*\]\((?!https?:)|<img\s+[^>]*src="(?!https?:)', cell.source)); continue
            opts, cell.source = cell_options(cell.source)
            tags = set(cell.metadata.get('tags', []))
            for k in ('include', 'echo', 'output'):
                if opts.get(k) == 'false': tags.add(f'quarto-{k}-false')
            cell.metadata['tags'] = sorted(tags)
            if {'quarto-include-false', 'quarto-output-false'} & tags: continue
            for o in cell.get('outputs', []):
                d = o.get('data', {})
                txt = ''.join(o.get('text', '')) + ''.join(''.join(v) for k, v in d.items() if k.startswith('text/'))
                if (lp := LOCAL_PATH.search(txt)): problems.append(f'{n}: an output shows a path of the machine it ran on ({lp.group(0)[:60]}): print paths relative to the working folder')
                if VIEW in d:
                    widgets += 1
                    if d[VIEW]['model_id'] not in state: problems.append(f'{n}: a widget output has no saved state: the site cannot show it (run the notebook with tools/run_nb.py)')
                elif any(m in d for m in IMG_MIMES): figs += 1
                elif 'text/html' in d: figs += len(re.findall(r'<img\s', ''.join(d['text/html'])))
        body, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': fm.get('title', n)}})
        soup = BeautifulSoup(body, 'html.parser')
        if soup.title: soup.title.string = f"{fm.get('title', n)} – {cfg.title}"
        meta = soup.new_tag('meta', attrs={'name': 'description', 'content': fm.get('description', '')}); soup.head.append(meta)
        # Quarto's title block and sidebar
        main = soup.find('main') or soup.body
        hdr = soup.new_tag('header', id='title-block-header')
        h = soup.new_tag('h1', attrs={'class': 'title'}); h.string = fm.get('title', ''); hdr.append(h)
        p = soup.new_tag('p', attrs={'class': 'description'}); p.string = fm.get('description', ''); hdr.append(p)
        main.insert(0, hdr)
        nav = soup.new_tag('nav', id='quarto-sidebar'); ul = soup.new_tag('ul'); nav.append(ul); last = None
        for sec, e in side:
            if sec != last and sec: li = soup.new_tag('li', attrs={'class': 'sidebar-section'}); li.string = sec; ul.append(li)
            last = sec
            li = soup.new_tag('li'); a = soup.new_tag('a', href=page_of.get(e, e)); a.string = fms.get(e, {}).get('title', e); li.append(a); ul.append(li)
        soup.body.insert(0, nav)
        # pandoc's heading ids, unique as Quarto makes them
        seen = {}
        for hd in soup.find_all(re.compile('^h[1-6]$')):
            i = pandoc_id(hd.get_text())
            k = seen.get(i, 0); seen[i] = k + 1
            hd['id'] = i if k == 0 else f'{i}-{k}'
        # links to the site and to notebooks, relative as on the site
        for a in soup.find_all('a', href=True):
            href = a['href']
            if href.startswith(site): href = href[len(site):] or 'index.html'
            path, _, frag = href.partition('#')
            if path and not re.match(r'^[a-z]+:', path) and path.endswith('.ipynb'):
                path = page_of.get(Path(path).name, path)  # a missing notebook stays .ipynb: the browser check reports it
            a['href'] = path + ('#' + frag if frag else '')
        (out/page).write_text(str(soup), encoding='utf-8')
        expect[page] = dict(notebook=n, figures=figs, widgets=widgets, math=bool(math), title=fm.get('title', ''))
    return expect, problems

# ---------------------------------------------------------------- 4. every public name documented

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
    print(f'4. public API: {n_fn} functions, classes and patched methods checked for a show_doc at their doc-link anchor; {n_const} constants named in their page')
    return probs

# ---------------------------------------------------------------- 3. the browser

def browse(out, expect, screenshot):
    spec = out/'_expect.json'; spec.write_text(json.dumps(expect))
    report = out/'_report.json'
    r = subprocess.run(['node', str(HERE/'docs'/'check_pages.mjs'), str(out), str(spec), str(report), str(screenshot or '')])
    if not report.exists(): sys.exit(f'the browser check did not finish (exit {r.returncode})')
    return json.loads(report.read_text())

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', required=True, help='folder for the rendered pages (emptied first)')
    p.add_argument('--screenshot', help='where to save a PNG screenshot of the index page')
    a = p.parse_args()
    from nbdev.config import get_config
    cfg = get_config()
    out = Path(a.out).resolve(); shutil.rmtree(out, ignore_errors=True); (out/'_assets').mkdir(parents=True)
    fails = []

    print('1. the cells nbdev\'s docs build runs (its rule: exported cells, cells with an import anywhere, show_doc):')
    for nb in sorted(cfg.nbs_path.glob('*.ipynb')):
        cells = docs_cells(nb)
        kinds = {k: sum(1 for kk, _ in cells if kk == k) for k in ('export', 'import', 'show_doc', 'other')}
        print(f"   {nb.name:24} {len(cells):3} cells: {kinds['export']} exported definitions, {kinds['import']} imports, {kinds['show_doc']} show_doc")
        for k, s in cells:
            if k == 'other': fails.append(f'{nb.name}: the docs build would run this cell, which is not only imports, definitions or show_doc '
                                          f'(move its imports into an import cell):\n{s[:400]}')
    if fails:  # processing would run them (train networks, say): stop here
        print(f'\n{len(fails)} problems:'); print('\n'.join('- ' + f for f in fails)); sys.exit(1)
    proc, secs = process()
    print(f'   nbdev docs processing: {len(list(proc.glob("*.ipynb")))} notebooks into {proc.name}/ in {secs:.0f} s')

    expect, problems = render(proc, out, cfg)
    fails += problems
    print(f'2. rendered {len(expect)} pages to {out} (nbconvert, Quarto\'s cell options, pandoc ids, sidebar of sidebar.yml)')

    rep = browse(out, expect, a.screenshot)
    print(f"3. headless Chromium {rep.get('browser', '?')}:")
    for page, r in rep['pages'].items():
        e = expect[page]
        print(f"   {page:20} {r['images_ok']}/{r['images']} images loaded, {r['figures_shown']} figures shown (notebook saved {e['figures']}), "
              f"widgets {r['widgets_rendered']}/{e['widgets']}, {r['links_internal']} internal links, {r['math']} formulas, {r['load_ms']} ms")
        for prob in r['problems']: fails.append(f'{page} ({e["notebook"]}): {prob}')
    for prob in rep.get('problems', []): fails.append(prob)
    fails += api_documented(rep['pages'])
    if a.screenshot: print(f'   screenshot of the index page: {a.screenshot}')
    if fails:
        print(f'\n{len(fails)} problems:'); print('\n'.join('- ' + f for f in fails))
        sys.exit(1)
    print(f'docs check passed: {len(expect)} pages')

if __name__ == '__main__': main()
