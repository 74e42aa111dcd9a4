#!/usr/bin/env python
"""Run notebooks top to bottom in place, as `nbdev_test` runs them (cells flagged with a word of `tst_flags` are
skipped unless named in --flags), and save their outputs, so that the docs show the outputs of a real run.
Widgets displayed by the notebook are saved with their state in the notebook's metadata (as Jupyter's
"Save widget state" does), so that the docs site can render them without a kernel.

    python tools/run_nb.py nbs/09_visualize.ipynb --flags slow

With --keep, the cells that are skipped (flagged, or `eval: false`) keep the outputs saved by an earlier real run instead
of losing them: for a notebook whose slow cells did not change.

Prints each cell that took longer than --times seconds (default 30), to show where a notebook's time goes.

Stops at the first failing cell, names it, and saves the outputs so far."""
import argparse, sys, time, warnings
from pathlib import Path
from execnb.shell import CaptureShell
from execnb.nbio import read_nb, write_nb
from nbdev.process import extract_directives
from nbdev.config import get_config
from fastcore.xtras import working_directory

VIEW, STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'

def widget_state(nb):
    "The saved-state metadata of the widgets shown in `nb`'s outputs (and the widgets they contain), or None"
    try:
        from ipywidgets.widgets.widget import _instances
        from ipywidgets.embed import dependency_state
    except ImportError: return None
    ids = [o['data'][VIEW]['model_id'] for c in nb.cells for o in c.get('outputs', []) if VIEW in o.get('data', {})]
    ws = [_instances[i] for i in ids if i in _instances]
    if not ws: return None
    return {STATE: {'version_major': 2, 'version_minor': 0, 'state': dependency_state(ws, drop_defaults=True)}}

def run(fn, flags='', keep=False, times=30.):
    skip = set(get_config().tst_flags.split()) - set(flags.split())
    fn = Path(fn).resolve(); nb = read_nb(fn)
    def pre(cell):  # True: skip the cell
        if cell.cell_type != 'code': return True
        if 'nbdev_export' + '(' in cell.source: return True
        d = extract_directives(cell, remove=False)
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return bool(skip & d.keys())
    for c in nb.cells:
        if c.cell_type == 'code' and not (keep and pre(c)): c.outputs = []  # no stale outputs from an earlier run
    began = {}
    def start(cell):  # skip the cell, or note when it starts
        began['t'] = time.time(); return pre(cell)
    def done(cell):
        dt = time.time() - began['t']
        line = next((l for l in cell.source.splitlines() if l.strip() and not l.startswith('#|')), '')
        if dt >= times: print(f'  cell {cell.idx_}: {dt:.0f} s  {line[:70]}', flush=True)
    t = time.time(); k = CaptureShell(fn)
    with working_directory(fn.parent):
        try: k.run_all(nb, exc_stop=True, preproc=start, postproc=done)
        except BaseException:   # SystemExit too (a command's usage error in a cell): the outputs so far are saved
            for c in nb.cells:
                if c.cell_type == 'code' and any(o.get('output_type') == 'error' for o in c.get('outputs', [])): print(f'FAILED CELL of {fn.name}:\n' + c.source[:1500])
            write_nb(nb, fn); raise
    st = widget_state(nb)
    if st: nb.metadata['widgets'] = st
    else: nb.metadata.pop('widgets', None)
    write_nb(nb, fn)
    print(f'{fn.name}: {time.time() - t:.1f} s' + (f", {len(st[STATE]['state'])} widget models saved" if st else ''))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebooks', nargs='+'); p.add_argument('--flags', default='', help="flags whose cells run too, e.g. 'slow'")
    p.add_argument('--keep', action='store_true', help="skipped cells keep their saved outputs")
    p.add_argument('--times', type=float, default=30., help="print the cells slower than this, in seconds (default: 30)")
    a = p.parse_args()
    for f in a.notebooks: run(f, a.flags, a.keep, a.times)
