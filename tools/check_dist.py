#!/usr/bin/env python
"""What `python -m build` and `twine check` cannot know: that the built wheel says what settings.ini says.

    python -m build --outdir DIST && twine check DIST/* && python tools/check_dist.py DIST

`python -m build` makes the sdist, then the wheel from it (so the sdist builds on its own); `twine check` checks the
metadata a package index renders. This checks the wheel against settings.ini: name, version, summary, Python versions,
the README as the description, the requirements (without nbdev) and extras, and the console scripts."""
import configparser, email, sys, zipfile
from pathlib import Path

def main(dist):
    c = configparser.ConfigParser(); c.read('settings.ini'); c = c['DEFAULT']
    whl, = Path(dist).glob('l2pa-*.whl')
    z = zipfile.ZipFile(whl)
    info = next(n.split('/')[0] for n in z.namelist() if n.endswith('.dist-info/METADATA'))
    md, bad = email.message_from_bytes(z.read(f'{info}/METADATA')), []
    want = {'Name': c['lib_name'], 'Version': c['version'], 'Summary': c['description'],
            'Requires-Python': f">={c['min_python']}", 'Description-Content-Type': 'text/markdown'}
    bad += [f'{k} is {md.get(k)!r}, settings.ini says {v!r}' for k, v in want.items() if md.get(k) != v]
    if Path('README.md').read_text(encoding='utf-8').splitlines()[0] not in md.get_payload(): bad.append('the description is not the README')
    base = sorted(r for r in md.get_all('Requires-Dist') or [] if 'extra ==' not in r)
    if base != sorted(c['requirements'].split()): bad.append(f"requirements {base}, settings.ini says {c['requirements']}")
    if any('nbdev' in r for r in base): bad.append('nbdev is a requirement of the package: it belongs to the dev extra')
    extras = set(md.get_all('Provides-Extra') or [])
    bad += [f'no extra {e!r}' for e in ('dev', 'distributed', 'analysis') if e not in extras]
    ep = z.read(f'{info}/entry_points.txt').decode()
    bad += [f'no console script {s}' for s in c['console_scripts'].split() if s.split('=')[0] not in ep]
    if bad: sys.exit('check_dist: ' + '; '.join(bad))
    print(f"{whl.name} says what settings.ini says: version {c['version']}, {len(base)} requirements, "
          f"extras {', '.join(sorted(extras))}, {len(c['console_scripts'].split())} console scripts")

if __name__ == '__main__': main(sys.argv[1])
