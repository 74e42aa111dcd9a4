#!/usr/bin/env python
"""Quarto post-render step (nbs/_quarto.yml): pin the one script Quarto loads from a CDN without a version.

Quarto writes `https://unpkg.com/@jupyter-widgets/html-manager@*/dist/embed-amd.js` into every page with a widget: `@*`
is whatever release the CDN has that day, which may not read the widget state the notebooks saved. This rewrites it to
the version in tools/docs/package.json (the one the docs check serves and tests), in every page of the rendered site."""
import json, os, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
version = json.loads((HERE/'package.json').read_text())['dependencies']['@jupyter-widgets/html-manager']
out = Path(os.environ.get('QUARTO_PROJECT_OUTPUT_DIR', sys.argv[1] if len(sys.argv) > 1 else '.'))
pat = re.compile(r'(@jupyter-widgets/html-manager)@\*/')
n = 0
for f in out.rglob('*.html'):
    s = f.read_text(encoding='utf-8')
    t, k = pat.subn(rf'\g<1>@{version}/', s)
    if k: f.write_text(t, encoding='utf-8'); n += k
print(f'pin_cdn: @jupyter-widgets/html-manager pinned to {version} in {n} script tags')
