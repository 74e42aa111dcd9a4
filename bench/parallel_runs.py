#!/usr/bin/env python
"""Train several runs of notebook 13 (l2pa.reproduce) side by side, e.g. the key networks on one GPU.

    python bench/parallel_runs.py --budget CIFAR_GPU --path PATH/TO/cifar10.tgz [--models ...] [--seeds 0] [--jobs N] [--deadline 480]

Each run is the `l2pa_train` command that `train_run` prints, written into the folder that `train_run` reads back
(ROOT/BUDGET/NET/seedS, ROOT = --root, $L2PA_RUNS or runs/reproduce), with its output in `train.log` there. Runs
already in ROOT are skipped. Runs still going after --deadline seconds are stopped (their folders keep the epochs
done: `history.csv`, `last.pth`; no `metrics.json`, so `train_run` would train them again). Exit status 1 if any run
failed or was stopped."""
import argparse, json, shlex, subprocess, sys, time
from pathlib import Path

def main():
    from l2pa.reproduce import BUDGETS, KEY, run_command, run_dir
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--budget', default='CIFAR_GPU', choices=list(BUDGETS), help='budget of l2pa.reproduce.BUDGETS (default: %(default)s)')
    p.add_argument('--models', nargs='+', default=KEY, metavar='NET', help='networks (default: the key networks, %(default)s)')
    p.add_argument('--seeds', type=int, nargs='+', default=[0], help='seeds (default: %(default)s)')
    p.add_argument('--path', default=None, help='dataset folder or archive (default: $L2PA_DATA, else downloaded)')
    p.add_argument('--root', default=None, help='folder of the runs (default: $L2PA_RUNS or runs/reproduce)')
    p.add_argument('--jobs', type=int, default=None, help='at most this many runs at a time (default: all at once)')
    p.add_argument('--deadline', type=float, default=None, help='stop runs still going after this many seconds')
    a = p.parse_args()
    if a.deadline is not None and a.deadline <= 0: p.error(f'--deadline must be > 0, got {a.deadline}')
    if a.jobs is not None and a.jobs < 1: p.error(f'--jobs must be >= 1, got {a.jobs}')
    if a.path is not None and not Path(a.path).expanduser().exists(): p.error(f'--path {a.path}: no such file or folder')
    for m in a.models: run_command(m, a.budget)  # unknown names fail here, before anything starts
    if BUDGETS[a.budget]['data'] != 'synthetic':  # extract an archive once, before the runs (they would race)
        from l2pa.data import dataset_path
        folder = dataset_path(BUDGETS[a.budget]['data'], a.path)
        if a.path is not None: a.path = str(folder)
    t0, procs, todo = time.time(), {}, []
    for m in a.models:
        for s in a.seeds:
            out = run_dir(m, a.budget, s, a.root)
            if (out/'metrics.json').exists(): print(f'{m} seed {s}: already in {out}', flush=True)
            else: todo.append((m, s, out))
    def start(m, s, out):
        out.mkdir(parents=True, exist_ok=True)
        cmd = run_command(m, a.budget, s, a.path, out)
        if (out/'last.pth').is_file(): cmd += ['--resume', 'auto']  # an interrupted run continues where it stopped
        print(' '.join(shlex.quote(c) for c in cmd), flush=True)
        with open(out/'train.log', 'w') as log:
            procs[(m, s)] = (subprocess.Popen([sys.executable, '-c', 'import sys; from l2pa.cli import l2pa_train; l2pa_train(sys.argv[1:])',
                                               *cmd[1:]], stdout=log, stderr=subprocess.STDOUT), out)
    bad = 0
    while todo or procs:
        late = a.deadline is not None and time.time() - t0 > a.deadline
        while todo and not late and len(procs) < (a.jobs or len(todo) + len(procs)): start(*todo.pop(0))
        if late and todo:
            for m, s, _ in todo: print(f'{m} seed {s}: not started before the deadline', flush=True); bad += 1
            todo = []
        time.sleep(2)
        late = a.deadline is not None and time.time() - t0 > a.deadline
        for k, (pr, out) in list(procs.items()):
            if pr.poll() is None and not late: continue
            if pr.poll() is None: pr.kill(); pr.wait(); print(f'{k[0]} seed {k[1]}: stopped at the deadline', flush=True); bad += 1
            elif pr.returncode: print(f'{k[0]} seed {k[1]}: failed (exit {pr.returncode}), see {out}/train.log', flush=True); bad += 1
            else:
                m = json.loads((out/'metrics.json').read_text())
                print(f"{k[0]} seed {k[1]}: error {m.get('error_rate')}, {m['train_seconds']} s, {m['device']}", flush=True)
            del procs[k]
    print(f'{time.time() - t0:.0f} s in all', flush=True)
    sys.exit(1 if bad else 0)

if __name__ == '__main__': main()
