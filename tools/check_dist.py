#!/usr/bin/env python
"""Check the built distributions as a package index and a user would see them:

    python tools/check_dist.py DIST_DIR

The wheel's metadata (name, version, summary, license and its file, classifiers, Python versions, project URLs,
the README as a Markdown description, the requirements and extras of settings.ini, both console scripts); the sdist
holds what a build needs and builds, on its own and offline, a wheel with the same files. Exit 1 and say what is wrong."""
import configparser, email, subprocess, sys, tarfile, tempfile, zipfile
from pathlib import Path

def fail(msg): sys.exit(f'check_dist: {msg}')

def main(dist):
    dist = Path(dist); cfg = configparser.ConfigParser(); cfg.read('settings.ini'); c = cfg['DEFAULT']
    whl, = dist.glob('l2pa-*.whl'); sd, = dist.glob('l2pa-*.tar.gz')
    z = zipfile.ZipFile(whl); names = z.namelist()
    info = next(n.split('/')[0] for n in names if n.endswith('.dist-info/METADATA'))
    md = email.message_from_bytes(z.read(f'{info}/METADATA'))
    want = {'Name': c['lib_name'], 'Version': c['version'], 'Summary': c['description'], 'License': 'Apache-2.0',
            'Requires-Python': f">={c['min_python']}", 'Description-Content-Type': 'text/markdown'}
    for k, v in want.items():
        if md.get(k) != v: fail(f'METADATA {k} is {md.get(k)!r}, expected {v!r}')
    if not any(n.endswith('LICENSE') for n in names): fail('the wheel carries no LICENSE file')
    cls = md.get_all('Classifier') or []
    for need in ('Development Status', 'Intended Audience', f"Programming Language :: Python :: {c['min_python']}"):
        if not any(need in x for x in cls): fail(f'no classifier with {need!r}: {cls}')
    urls = dict(u.split(', ', 1) for u in md.get_all('Project-URL') or [])
    for k in ('Documentation', 'Source', 'Issues'):
        if not urls.get(k, '').startswith('https://'): fail(f'no {k} project URL: {urls}')
    body = md.get_payload()
    title = Path('README.md').read_text(encoding='utf-8').splitlines()[0]
    if title not in body: fail(f'the description is not the README (its first line {title!r} is missing)')
    reqs = md.get_all('Requires-Dist') or []
    base = [r for r in reqs if 'extra ==' not in r]
    if sorted(base) != sorted(c['requirements'].split()): fail(f'requirements {base} differ from settings.ini: {c["requirements"]}')
    if any('nbdev' in r for r in base): fail('nbdev is a requirement of the package: it belongs to the dev extra only')
    extras = set(md.get_all('Provides-Extra') or [])
    for e in ('dev', 'distributed', 'analysis'):
        if e not in extras: fail(f'extra {e!r} missing: {extras}')
    ep = z.read(f'{info}/entry_points.txt').decode()
    for s in c['console_scripts'].split(' '):
        if s.split('=')[0] not in ep: fail(f'console script {s} missing from entry_points.txt')
    # the sdist: builds a wheel on its own, offline, with the same files
    with tempfile.TemporaryDirectory() as t:
        tarfile.open(sd).extractall(t, filter='data')
        root, = Path(t).iterdir()
        for need in ('setup.py', 'settings.ini', 'README.md', 'LICENSE', 'l2pa/__init__.py'):
            if not (root/need).exists(): fail(f'the sdist lacks {need}')
        r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '--no-index', '-w', f'{t}/w', str(root)],
                           capture_output=True, text=True, cwd=t)
        if r.returncode: fail(f'the sdist does not build a wheel:\n{r.stdout[-2000:]}{r.stderr[-2000:]}')
        w2, = Path(f'{t}/w').glob('*.whl')
        strip = lambda ns: sorted(n for n in ns if not n.endswith('RECORD'))
        if strip(zipfile.ZipFile(w2).namelist()) != strip(names): fail('the wheel built from the sdist holds other files than the wheel')
    mods = sorted(n for n in names if n.startswith('l2pa/') and n.endswith('.py'))
    print(f'{whl.name}: metadata ok ({len(cls)} classifiers, URLs {", ".join(urls)}, {len(base)} requirements, extras {", ".join(sorted(extras))}, '
          f'console scripts ok); {sd.name} builds the same wheel on its own ({len(mods)} modules)')

if __name__ == '__main__': main(sys.argv[1])
