#!/usr/bin/env python
"""Regenerate the tables of notebook 13 (l2pa.reproduce): train every run that is missing, evaluate it, print the tables.

    python bench/reproduce.py [--root runs/reproduce] [--seeds 0 1 2]

Every network of the paper at the SHAPES budget (notebook 07's study budget, STUDY, on the built-in dataset) with the first seed, the
key networks (l2pa.reproduce.KEY) with every seed; each run is one `l2pa_train` command, printed. Runs already in ROOT
are read back, not trained again (delete a run's folder to redo it). On 2 CPU cores a full regeneration takes about
half an hour. CIFAR-10 runs found in ROOT (trained with bench/parallel_runs.py) are tabulated too: the finished runs of
the CIFAR_CPU budget with `error_table`, the key networks of the CIFAR_GPU budget with `progress_table` (finished or
stopped at a deadline)."""
import argparse, json, time
import pandas as pd

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--root', default=None, help='folder of the runs (default: $L2PA_RUNS or runs/reproduce)')
    p.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2], help='seeds; the first one for every network (default: 0 1 2)')
    a = p.parse_args()
    from l2pa.reproduce import (shapes_runs, evaluate_runs, error_table, pc_dp_table, localization_summary, fgsm_table, seed_table,
                                runs_root, progress_table, KEY, BUDGETS)
    pd.set_option('display.width', 250); pd.set_option('display.max_columns', 20)
    t = time.time()
    print(f'runs in {runs_root(a.root)}')
    runs = shapes_runs(a.seeds, root=a.root)
    ev = evaluate_runs(runs)
    first = {m: e for (m, s), e in ev.items() if s == a.seeds[0]}
    for title, tab in [('Test error (%), built-in dataset', error_table(runs)),
                       ('pc against dp', pc_dp_table(runs, first)),
                       ('Where the attention looks', localization_summary(first)),
                       ('FGSM accuracy (ε in grey levels)', fgsm_table(first).round(3)),
                       (f'The key networks over seeds {a.seeds}', seed_table(runs, ev))]:
        print(f'\n## {title}\n'); print(tab.to_string())
    cpu = [json.loads(f.read_text()) | dict(budget='CIFAR_CPU') for f in sorted((runs_root(a.root)/'CIFAR_CPU').glob('*/seed*/metrics.json'))]
    if cpu: print('\n## Test error (%), CIFAR-10, CIFAR_CPU budget\n'); print(error_table(cpu).to_string())
    try: gpu = progress_table('CIFAR_GPU', KEY, root=a.root)
    except FileNotFoundError: gpu = None
    if gpu is not None: print(f"\n## CIFAR-10, CIFAR_GPU budget ({BUDGETS['CIFAR_GPU']['epochs']} epochs planned), seed 0\n"); print(gpu.to_string())
    print(f'\n{time.time() - t:.0f} s in all')

if __name__ == '__main__': main()
