#!/usr/bin/env python
"""Run every notebook top to bottom as a Colab user would, with l2pa installed as a package (from the wheel, not the
source tree), each from a scratch directory outside the repository, and report the first failing cell of each.

    python tools/colab_check.py nbs --work /tmp/colab-check [--repo .]

What is emulated: `google.colab` is importable-as-loaded (so Colab-only branches run), `nbdev` cannot be imported
(Colab does not have it), the working directory holds nothing but the notebook. What is skipped, as on a machine
without a GPU and without time for long runs: cells flagged with a word of `tst_flags` (`notest slow gpu`) and
cells marked `#| eval: false` (the Colab install cell among them: l2pa is already installed here).

The install cells themselves are run first, with pip stood in for: each must ask for the release, and when the package
index has none (pip fails), for the repository's branch that settings.ini names."""
import argparse, importlib.abc, importlib.machinery, json, os, shutil, sys, time, traceback, types
from pathlib import Path

SKIP = {'notest', 'slow', 'gpu'}

class NotOnColab(importlib.abc.MetaPathFinder):
    "Refuse to import packages that Colab does not have"
    def __init__(self, names): self.names = set(names)
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in self.names: raise ModuleNotFoundError(f"No module named {name!r} (Colab does not have it)", name=name)
        return None

def directives(src):
    "nbdev directives (`#| word value`) at the top of a cell"
    d = {}
    for line in src.splitlines():
        s = line.strip()
        if not s: continue
        if not s.startswith('#|'): break
        parts = s[2:].strip().split()
        if parts: d[parts[0].rstrip(':')] = [p.lower() for p in parts[1:]]
    return d

def skipped(cell):
    if cell.cell_type != 'code': return True
    d = directives(cell.source)
    return bool(SKIP & set(d)) or d.get('eval', [''])[0] == 'false'

def run_one(fn, work):
    try: from execnb.nbio import read_nb      # execnb < 0.3
    except ImportError: from fastcore.nbio import read_nb  # execnb 0.3 reads notebooks with fastcore's
    from execnb.shell import CaptureShell
    d = work/fn.stem; shutil.rmtree(d, ignore_errors=True); d.mkdir(parents=True)
    shutil.copy(fn, d/fn.name)
    nb = read_nb(d/fn.name); n_run = sum(not skipped(c) for c in nb.cells)
    t = time.time(); cwd = os.getcwd(); os.chdir(d)
    try:
        sh = CaptureShell(d/fn.name)
        sh.run_all(nb, exc_stop=True, preproc=skipped)
        return True, n_run, time.time() - t, ''
    except Exception as e:
        bad = next((c for c in nb.cells if any(o.get('output_type') == 'error' for o in c.get('outputs', []))), None)
        msg = (f'failing cell:\n{bad.source[:800]}\n' if bad is not None else '') + ''.join(traceback.format_exception_only(type(e), e))
        return False, n_run, time.time() - t, msg
    finally: os.chdir(cwd)

def check_install_cells(nbs, git_url, branch):
    "Run each notebook's Colab install cell with `subprocess.run` recording the pip calls: the release first, the branch when that fails"
    import subprocess
    fails = []
    for fn in nbs:
        src = json.loads(fn.read_text(encoding='utf-8'))['cells'][0]['source']
        src = ''.join(src)
        if 'google.colab' not in src: continue
        for release in (True, False):
            calls = []
            def fake_run(cmd, *a, **k):
                calls.append(cmd)
                ok = release or not any(str(c).startswith('l2pa') and '@' not in str(c) for c in cmd)
                if not ok and k.get('check'): raise subprocess.CalledProcessError(1, cmd)
                return subprocess.CompletedProcess(cmd, 0 if ok else 1)
            real = subprocess.run; subprocess.run = fake_run
            try: exec(compile(src, fn.name, 'exec'), {'__name__': '__main__'})
            finally: subprocess.run = real
            pkgs = [c[-1] for c in calls]
            want = [pkgs[0]] if release else [pkgs[0], f'{pkgs[0]} @ git+{git_url}@{branch}']
            if not pkgs or not pkgs[0].startswith('l2pa') or pkgs != want or any(c[:4] != [sys.executable, '-m', 'pip', 'install'] for c in calls):
                fails.append(f"{fn.name}: with{'' if release else 'out'} a release the install cell runs {pkgs}, expected {want}")
    return fails

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('nbs', help='folder of the notebooks'); p.add_argument('--work', required=True, help='scratch folder, outside the repository')
    p.add_argument('--repo', help='the repository: l2pa must not be imported from it')
    a = p.parse_args()
    nbs = sorted(Path(a.nbs).resolve().glob('[0-9]*.ipynb')) + [Path(a.nbs).resolve()/'index.ipynb']
    work = Path(a.work).resolve(); work.mkdir(parents=True, exist_ok=True)
    import matplotlib; matplotlib.use('Agg')
    import l2pa
    if a.repo and Path(l2pa.__file__).resolve().is_relative_to(Path(a.repo).resolve()):
        sys.exit(f'l2pa is imported from the repository ({l2pa.__file__}), not from an installed package')
    print(f'l2pa {l2pa.__version__} from {Path(l2pa.__file__).parent}; notebooks run in {work}/<name>/')
    import execnb.shell  # the harness itself may need what the notebooks may not
    sys.meta_path.insert(0, NotOnColab(['nbdev']))
    for m in [m for m in sys.modules if m == 'nbdev' or m.startswith('nbdev.')]: del sys.modules[m]
    colab = types.ModuleType('google.colab')
    colab.__spec__ = importlib.machinery.ModuleSpec('google.colab', None)  # as a real module has: libraries ask find_spec('google.colab') (Accelerate does)
    sys.modules['google.colab'] = colab
    import configparser
    cfg = configparser.ConfigParser(); cfg.read(Path(a.nbs).resolve().parent/'settings.ini')
    inst = check_install_cells(nbs, cfg['DEFAULT']['git_url'], cfg['DEFAULT']['branch'])
    print(f"install cells: {'; '.join(inst) if inst else 'each installs the release, or else the ' + cfg['DEFAULT']['branch'] + ' branch of ' + cfg['DEFAULT']['git_url']}")
    fails = len(inst)
    for fn in nbs:
        ok, n, s, msg = run_one(fn, work)
        print(f"{'PASS' if ok else 'FAIL'}  {fn.name}: {n} cells run, {s:.0f} s" + ('' if ok else '\n' + msg))
        fails += not ok
    print(f'{len(nbs) - fails} of {len(nbs)} notebooks ran top to bottom')
    sys.exit(1 if fails else 0)

if __name__ == '__main__': main()
