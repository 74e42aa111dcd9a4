#!/usr/bin/env python
"""l2pa's training step against the popular PyTorch port's `AttnVGG_before` (SaoYan/LearnToPayAttention, GPL-3.0:
it is imported from your own clone, never copied into l2pa), in the same precision and memory layout, interleaved
(A B A B …) so that a machine whose speed drifts treats both alike. Prints one JSON line.

    git clone https://github.com/SaoYan/LearnToPayAttention /tmp/peer
    python bench/peer_step.py --peer /tmp/peer [--bs 64] [--rounds 5] [--device cpu]

Both networks: full width, 32×32 inputs, 10 classes, cross-entropy, SGD with momentum; a step is forward, loss,
backward and the optimizer step. Modes: fp32 (contiguous), and bf16 autocast + channels-last (16-bit where the device
has it). l2pa's network is `(VGG-att3)-concat-pc` without dropout; the port's has none either."""
import argparse, json, sys, time, warnings
warnings.simplefilter('ignore')
import torch, torch.nn.functional as F
from l2pa.model import paper_model
from l2pa.fast import to_fast, cpu_name, time_call

def step_fn(m, x, y, dt, device):
    opt = torch.optim.SGD(m.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
    out = lambda o: o[0] if isinstance(o, (list, tuple)) else o  # the port returns [logits, c1, c2, c3]
    def step():
        with torch.autocast(device.type, dtype=dt, enabled=dt is not None): loss = F.cross_entropy(out(m(x)).float(), y)
        opt.zero_grad(); loss.backward(); opt.step()
    return step

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--peer', required=True, help='a clone of SaoYan/LearnToPayAttention'); p.add_argument('--bs', type=int, default=64)
    p.add_argument('--rounds', type=int, default=5); p.add_argument('--steps', type=int, default=2, help='timed steps per round and network')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu'); p.add_argument('--width', type=float, default=1.)
    a = p.parse_args()
    sys.path.insert(0, a.peer)
    from model1 import AttnVGG_before
    device = torch.device(a.device)
    d16 = torch.bfloat16 if device.type == 'cpu' or torch.cuda.is_bf16_supported() else torch.float16
    g = torch.Generator().manual_seed(0)
    x0, y = torch.randn(a.bs, 3, 32, 32, generator=g).to(device), torch.randint(0, 10, (a.bs,), generator=g).to(device)
    res = dict(device=torch.cuda.get_device_name(device) if device.type == 'cuda' else cpu_name(), threads=torch.get_num_threads(),
               torch=torch.__version__, bs=a.bs, rounds=a.rounds, modes={})
    for mode, dt, cl in (('fp32', None, False), (f'{str(d16)[6:]}+channels_last', d16, True)):
        nets = {'l2pa': paper_model('(VGG-att3)-concat-pc', 10, width=a.width, drop=False), 'peer': AttnVGG_before(32, 10)}
        steps, times = {}, {k: [] for k in nets}
        for k, m in nets.items():
            m = m.to(device).train()
            x = x0
            if cl: m, x = to_fast(m), x0.contiguous(memory_format=torch.channels_last)
            steps[k] = step_fn(m, x, y, dt, device)
        for r in range(a.rounds):
            for k in (('l2pa', 'peer') if r % 2 == 0 else ('peer', 'l2pa')): times[k].append(time_call(steps[k], a.steps))  # torch.utils.benchmark.Timer
        best = {k: min(v) for k, v in times.items()}
        res['modes'][mode] = dict(l2pa_img_s=round(a.bs / best['l2pa'], 1), peer_img_s=round(a.bs / best['peer'], 1),
                                  l2pa_over_peer=round(best['peer'] / best['l2pa'], 3),
                                  params=dict(l2pa=sum(p.numel() for p in nets['l2pa'].parameters()), peer=sum(p.numel() for p in nets['peer'].parameters())))
    print(json.dumps(res))
