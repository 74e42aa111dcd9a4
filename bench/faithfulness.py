#!/usr/bin/env python
"""Faithfulness and stability of the maps of CIFAR-10 networks (notebook 17, l2pa.faithfulness), as its CIFAR-10 table.

    python bench/faithfulness.py --path PATH/TO/cifar10.tgz [--budget CIFAR_CPU] [--models ...] [--seeds 0 1 2]
                                 [--images 200] [--out runs/faithfulness]

Scores the runs of notebook 13 (trained by `python bench/parallel_runs.py --budget B --jobs 1 --models ...` into
ROOT/BUDGET/NET/seedS, ROOT = --root, $L2PA_RUNS or runs/reproduce) with `l2pa_faithfulness` on the first
--images/10 test images of each class, one seed at a time: OUT/seedS holds the command's files. Any further options
after `--` go to l2pa_faithfulness (e.g. `-- --samples 5`)."""
import argparse, sys, time
from pathlib import Path
from l2pa.data import dataset_path
from l2pa.reproduce import BUDGETS, run_dir
from l2pa.faithfulness import l2pa_faithfulness

NETS = ['(VGG-att2)-concat-pc', '(VGG-att3)-concat-pc', '(VGG-att3)-concat-dp', 'VGG', 'VGG-GAP']

def main():
    argv, extra = (sys.argv[1:], []) if '--' not in sys.argv else (sys.argv[1:sys.argv.index('--')],
                                                                 sys.argv[sys.argv.index('--') + 1:])
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--path', default=None, help='CIFAR-10 folder or archive (default: $L2PA_DATA, else downloaded)')
    p.add_argument('--budget', default='CIFAR_CPU', choices=[b for b, v in BUDGETS.items() if v['data'] == 'cifar10'],
                   help='budget of the runs (default: %(default)s)')
    p.add_argument('--models', nargs='+', default=NETS, metavar='NET', help='networks (default: %(default)s)')
    p.add_argument('--seeds', type=int, nargs='+', default=[0], help='seeds of the runs (default: %(default)s)')
    p.add_argument('--images', type=int, default=200, help='test images, the same number of each class (default: %(default)s)')
    p.add_argument('--root', default=None, help='folder of the runs (default: $L2PA_RUNS or runs/reproduce)')
    p.add_argument('--out', default='runs/faithfulness', help='output folder, one per seed inside (default: %(default)s)')
    a = p.parse_args(argv)
    if a.images < 10 or a.images % 10: p.error(f'--images must be a multiple of 10 (the classes), got {a.images}')
    ckpts = {s: [run_dir(m, a.budget, s, a.root)/'model.pth' for m in a.models] for s in a.seeds}
    missing = [str(c) for cs in ckpts.values() for c in cs if not c.is_file()]
    if missing: p.error(f"no trained run at {', '.join(missing)}: train them first with "
                        f"python bench/parallel_runs.py --budget {a.budget} --jobs 1 --models ... --seeds ...")
    test = dataset_path('cifar10', a.path)/'test'
    images = [str(f) for c in sorted(test.iterdir()) if c.is_dir() for f in sorted(c.iterdir())[:a.images // 10]]
    for s in a.seeds:
        t0 = time.time()
        l2pa_faithfulness(images + ['--model'] + [str(c) for c in ckpts[s]] + ['--out', str(Path(a.out)/f'seed{s}')]
                          + extra)
        print(f'seed {s}: {time.time() - t0:.0f} s', flush=True)

if __name__ == '__main__': main()
