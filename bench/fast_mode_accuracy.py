#!/usr/bin/env python
"""Does training in bf16 (autocast + channels-last) reach the accuracy of float32? One short run of each, same seed,
same data order, on a CIFAR-10 subset read straight from a local copy of fastai's CIFAR-10 archive. One JSON line.

    python bench/fast_mode_accuracy.py --data ../shared/data/cifar10.tgz
    python bench/fast_mode_accuracy.py --data cifar10.tgz --name '(VGG-att2)-concat-dp' --width 0.25 --epochs 5

bf16 is used whatever its speed on this machine: this measures numerics, `bench/throughput.py` measures speed.
"""
import argparse, io, json, tarfile, time
from pathlib import Path
import numpy as np, torch
import torch.nn.functional as F
from PIL import Image
from l2pa.model import paper_model, paper_names
from l2pa.fast import to_fast

CLASSES = 'airplane automobile bird cat deer dog frog horse ship truck'.split()

def load(tgz, n_train, n_test):
    "Up to n_train / n_test images per class from a fastai-layout CIFAR-10 .tgz (`*/{train,test}/<class>/*`)"
    if not Path(tgz).is_file(): raise SystemExit(f'--data: no such file: {tgz}')
    want = {'train': n_train, 'test': n_test}
    got = {s: {c: [] for c in CLASSES} for s in want}
    with tarfile.open(tgz) as tf:
        for m in tf:
            parts = m.name.split('/')
            if not m.isfile() or len(parts) < 4 or parts[-3] not in want or parts[-2] not in CLASSES: continue
            lst = got[parts[-3]][parts[-2]]
            if len(lst) < want[parts[-3]]:
                lst.append(np.asarray(Image.open(io.BytesIO(tf.extractfile(m).read())).convert('RGB')))
    out = {}
    for s in want:
        xs = [x for c in CLASSES for x in got[s][c]]; ys = [i for i,c in enumerate(CLASSES) for _ in got[s][c]]
        if not xs: raise SystemExit(f'--data: no {s} images found in {tgz}')
        out[s] = torch.tensor(np.stack(xs)).permute(0, 3, 1, 2).float().div(255), torch.tensor(ys)
    mean, std = out['train'][0].mean((0, 2, 3), keepdim=True), out['train'][0].std((0, 2, 3), keepdim=True)
    return {s: ((x - mean)/std, y) for s,(x,y) in out.items()}

def run(data, name, width, epochs, bs, lr, bf16, seed, drop):
    torch.manual_seed(seed)
    m = paper_model(name, 10, width=width, drop=drop)
    if bf16: to_fast(m)
    opt = torch.optim.SGD(m.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    (xtr, ytr), (xte, yte) = data['train'], data['test']
    steps = epochs * (len(xtr) // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps)
    g = torch.Generator().manual_seed(seed)
    t = time.time(); m.train()
    for ep in range(epochs):
        perm = torch.randperm(len(xtr), generator=g)
        for i in range(len(xtr) // bs):
            idx = perm[i*bs:(i+1)*bs]
            x, y = xtr[idx], ytr[idx]
            flip = torch.rand(len(x), generator=g) < 0.5
            x = torch.where(flip[:, None, None, None], x.flip(3), x)
            if bf16: x = x.contiguous(memory_format=torch.channels_last)
            with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
                loss = F.cross_entropy(m(x).float(), y)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    train_s = time.time() - t
    m.eval(); correct = 0
    with torch.no_grad(), torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
        for i in range(0, len(xte), 256):
            x = xte[i:i+256]
            if bf16: x = x.contiguous(memory_format=torch.channels_last)
            correct += (m(x).float().argmax(1) == yte[i:i+256]).sum().item()
    return dict(test_accuracy=round(correct/len(xte), 4), final_train_loss=round(loss.item(), 4), train_seconds=round(train_s, 1))

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--data', default='../shared/data/cifar10.tgz', help='fastai-layout CIFAR-10 .tgz (default: %(default)s)')
p.add_argument('--name', default='(VGG-att3)-concat-pc', choices=paper_names, metavar='NAME')
p.add_argument('--width', type=float, default=0.125)
p.add_argument('--epochs', type=int, default=3)
p.add_argument('--bs', type=int, default=64)
p.add_argument('--lr', type=float, default=0.05)
p.add_argument('--n-train', type=int, default=1000, help='train images per class (default: %(default)s)')
p.add_argument('--n-test', type=int, default=200, help='test images per class (default: %(default)s)')
p.add_argument('--seed', type=int, default=0)
p.add_argument('--drop', action='store_true', help="the authors' dropout (off by default: it cripples the narrow networks of a short run)")
a = p.parse_args()
if a.epochs < 1 or a.bs < 1 or a.width <= 0 or a.n_train < 1 or a.n_test < 1: p.error('epochs, bs, n-train, n-test must be >= 1 and width > 0')
data = load(a.data, a.n_train, a.n_test)
res = dict(model=a.name, width=a.width, dropout=a.drop, epochs=a.epochs, bs=a.bs, lr=a.lr, seed=a.seed, n_train=len(data['train'][1]), n_test=len(data['test'][1]),
           data='CIFAR-10 JPEG re-encoding (accuracies run a little below the original PNGs)')
for mode,bf16 in (('fp32', False), ('bf16', True)): res[mode] = run(data, a.name, a.width, a.epochs, a.bs, a.lr, bf16, a.seed, a.drop)
res['accuracy_gap'] = round(res['bf16']['test_accuracy'] - res['fp32']['test_accuracy'], 4)
print(json.dumps(res))
