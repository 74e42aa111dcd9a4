#!/usr/bin/env python
"""Training-step and inference throughput of the paper's models, fp32 eager vs l2pa's fast mode, as one JSON line.

    python bench/throughput.py                      # (VGG-att3)-concat-pc and VGG, batch 64, 32×32, paper width
    python bench/throughput.py --compile            # also the fast mode under torch.compile
    python bench/throughput.py --names VGG --bs 128 --width 0.5 --device cuda

See `benchmark_throughput` in nbs/05_model.ipynb for what is measured and how.
"""
import argparse, json
from l2pa.model import paper_names
from l2pa.fast import benchmark_throughput

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--names', nargs='+', default=['(VGG-att3)-concat-pc', 'VGG'], choices=paper_names, metavar='NAME', help='models (default: %(default)s)')
p.add_argument('--bs', type=int, default=64, help='batch size (default: %(default)s)')
p.add_argument('--size', type=int, default=32, help='image size, a multiple of 32 (default: %(default)s)')
p.add_argument('--width', type=float, default=1., help='channel multiplier (default: %(default)s)')
p.add_argument('--device', default=None, help='cpu or cuda (default: cuda if available)')
p.add_argument('--reps', type=int, default=3, help='timed repetitions, the best is kept (default: %(default)s)')
p.add_argument('--compile', action='store_true', help='also measure the fast mode under torch.compile')
a = p.parse_args()
if a.bs < 1 or a.reps < 1 or a.width <= 0 or a.size < 32 or a.size % 32: p.error('bs and reps must be >= 1, width > 0, size a multiple of 32')
print(json.dumps(benchmark_throughput(a.names, bs=a.bs, size=a.size, width=a.width, device=a.device, reps=a.reps, compile=a.compile)))
