#!/usr/bin/env python
"""Training-step speed of the demo network in float32 and in bf16 autocast, on the kernels this process may use
(notebook 05a's figure for a CPU without oneDNN bf16 kernels). Cap the kernels to see another CPU's:

    python bench/step_precision.py
    ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 python bench/step_precision.py

Prints one JSON line per batch size."""
import argparse, contextlib, json, os, warnings
warnings.simplefilter('ignore')
import torch
import torch.nn.functional as F
from l2pa.model import paper_model
from l2pa.fast import to_fast, time_call, cpu_name, cpu_bf16_kernels
from l2pa.train import DEMO

def step_seconds(bs, bf16, reps, width):
    torch.manual_seed(0)
    m = to_fast(paper_model(DEMO['model'], 5, width=width, drop=False)).train()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    x = torch.randn(bs, 3, 32, 32); y = torch.randint(0, 5, (bs,))
    if next(m.parameters()).is_contiguous(memory_format=torch.channels_last):   # to_fast chose channels-last
        x = x.contiguous(memory_format=torch.channels_last)
    def step():
        with (torch.autocast('cpu', dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()):
            loss = F.cross_entropy(m(x).float(), y)
        opt.zero_grad(); loss.backward(); opt.step()
    return time_call(step, reps, warmup=2)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--bs', type=int, nargs='+', default=[DEMO['bs']]); p.add_argument('--reps', type=int, default=10)
    p.add_argument('--width', type=float, default=DEMO['width'])
    a = p.parse_args()
    for bs in a.bs:
        t32, t16 = step_seconds(bs, False, a.reps, a.width), step_seconds(bs, True, a.reps, a.width)
        print(json.dumps(dict(machine=cpu_name(), threads=torch.get_num_threads(),
                              kernels=torch.backends.cpu.get_cpu_capability(),
                              onednn_cap=os.environ.get('ONEDNN_MAX_CPU_ISA'), bf16_kernels=cpu_bf16_kernels(), bs=bs,
                              float32_img_s=round(bs / t32, 1), bfloat16_img_s=round(bs / t16, 1))), flush=True)
