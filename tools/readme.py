#!/usr/bin/env python
"""Write README.md the one way there is: nbdev's `nbdev_readme`, the step of `nbdev_docs` that makes it (Quarto renders
nbs/index.ipynb to GitHub Markdown), so that the README and the site come from the same build and cannot differ.

    python tools/readme.py            # write README.md (and its images in index_files/): the same as `nbdev_readme`
    python tools/readme.py --check    # exit 1, with the difference, if README.md is not what nbdev_readme writes; changes nothing

Needs Quarto on PATH (the README's contributor notes say where to get it)."""
import argparse, difflib, shutil, subprocess, sys
from pathlib import Path

from nbdev.config import get_config


def _files(root, names):
    "{relative path: bytes} of the files `names` (files or folders) under `root`"
    out = {}
    for n in names:
        p = root/n
        if p.is_file(): out[n] = p.read_bytes()
        elif p.is_dir(): out.update({str(f.relative_to(root)): f.read_bytes() for f in sorted(p.rglob('*')) if f.is_file()})
    return out


def nbdev_readme():
    "Run nbdev's `nbdev_readme` (always, not only when index.ipynb is newer)"
    if not shutil.which('quarto'): sys.exit('tools/readme.py needs Quarto on PATH (nbdev_readme renders the README with it)')
    r = subprocess.run(['nbdev_readme'], capture_output=True, text=True)
    if r.returncode: sys.exit(f'nbdev_readme failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}')


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true', help='only compare with README.md; exit 1 if it is stale')
    args = p.parse_args()
    cfg = get_config(); root = cfg.config_path
    names = ['README.md', f'{Path(cfg.readme_nb).stem}_files']
    if not args.check:
        nbdev_readme()
        print(f"wrote README.md ({len((root/'README.md').read_text(encoding='utf-8').splitlines())} lines) from {cfg.nbs_path.name}/{cfg.readme_nb} with nbdev_readme")
        return
    before = _files(root, names)   # the committed README and images, put back whatever happens
    try:
        nbdev_readme()
        after = _files(root, names)
    finally:
        for n in names:
            if (root/n).is_dir(): shutil.rmtree(root/n)
            elif (root/n).exists(): (root/n).unlink()
        for n, b in before.items(): (root/n).parent.mkdir(parents=True, exist_ok=True); (root/n).write_bytes(b)
    if before == after:
        print(f'README.md is what nbdev_readme makes of {cfg.nbs_path.name}/{cfg.readme_nb}')
        return
    old, new = before.get('README.md', b'').decode(), after.get('README.md', b'').decode()
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), 'README.md', 'nbdev_readme'))
    for n in sorted(set(before) ^ set(after) | {n for n in before if n in after and before[n] != after[n] and n != 'README.md'}):
        print(f'differs: {n}')
    sys.exit('README.md is stale: run `python tools/readme.py` (or nbdev_readme) and commit the result')


if __name__ == '__main__': main()
