#!/usr/bin/env python
"""Regenerate README.md from the readme notebook (nbs/index.ipynb) without Quarto.

`nbdev_readme` renders the notebook with Quarto, which is not always installed. This does the same job with
nbdev's own docs processing (the filters Quarto would receive: hidden cells dropped, front matter extracted,
show_doc cells run) followed by nbconvert's Markdown exporter. Images go to `index_files/`, as with Quarto.

    python tools/readme.py            # write README.md
    python tools/readme.py --check    # exit 1 if README.md differs from what index.ipynb generates
"""
import argparse, difflib, os, re, shutil, sys, tempfile
from pathlib import Path

import yaml
from execnb.nbio import read_nb, write_nb
from nbconvert import MarkdownExporter
from nbdev.config import get_config
from nbdev.processors import FilterDefaults


def _frontmatter(src):
    "The title and description of a raw front-matter cell as the Markdown heading Quarto writes"
    d = yaml.safe_load(src.strip().strip('-'))
    return f"# {d['title']}\n\n" + (f"> {d['description']}\n" if d.get('description') else '')


def render(nb_path):
    "Markdown text and {file name: bytes} of images for the notebook at `nb_path`, after nbdev's docs processing"
    nb = read_nb(nb_path)
    cwd = os.getcwd()
    os.environ['IN_TEST'] = '1'  # as nbdev does while it processes notebooks for the docs
    try:
        os.chdir(Path(nb_path).parent)
        FilterDefaults()(nb)
    finally:
        os.chdir(cwd)
        del os.environ['IN_TEST']
    cells = []
    for c in nb.cells:
        if c.get('source') is None: continue
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            c = dict(cell_type='markdown', id='frontmatter', metadata={}, source=_frontmatter(c.source))
        cells.append(c)
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)/'index.ipynb'
        nb.cells = cells
        nb.metadata['language_info'] = {'name': 'python'}  # so code blocks are fenced as ```python
        write_nb(nb, out)
        stem = Path(nb_path).stem
        body, res = MarkdownExporter().from_filename(str(out), resources={'output_files_dir': f'{stem}_files'})
    body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'  # nbconvert leaves runs of blank lines around outputs
    return body, res.get('outputs', {})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true', help='only compare with README.md; exit 1 if it is stale')
    args = p.parse_args()
    cfg = get_config()
    nb_path = cfg.nbs_path/cfg.readme_nb
    if not nb_path.exists(): sys.exit(f'readme notebook not found: {nb_path}')
    body, files = render(nb_path)
    readme, files_dir = cfg.config_path/'README.md', cfg.config_path/f'{nb_path.stem}_files'
    if args.check:
        old = readme.read_text(encoding='utf-8') if readme.exists() else ''
        stale = [n for n,b in files.items() if not (cfg.config_path/n).exists() or (cfg.config_path/n).read_bytes() != b]
        if old == body and not stale:
            print('README.md is up to date with', nb_path.relative_to(cfg.config_path))
            return
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), body.splitlines(True), 'README.md', 'generated'))
        for n in stale: print(f'stale or missing image: {n}')
        sys.exit('README.md is stale: run `python tools/readme.py` and commit the result')
    readme.write_text(body, encoding='utf-8')
    if files_dir.exists(): shutil.rmtree(files_dir)
    for n,b in files.items():
        (cfg.config_path/n).parent.mkdir(parents=True, exist_ok=True)
        (cfg.config_path/n).write_bytes(b)
    print(f'wrote README.md ({len(body.splitlines())} lines, {len(files)} images) from', nb_path.relative_to(cfg.config_path))


if __name__ == '__main__': main()
