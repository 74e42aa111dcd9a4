#!/usr/bin/env python
"""Is the built-in shapes dataset learnable, and does attention find the object? Trains (VGG-att3)-concat-pc at width
0.125 (no dropout) with fastai's one-cycle for a few epochs on 6,000 images and reports validation accuracy and, per
attention level, the pointing game (the map's argmax, upsampled to the image, falls inside the object's mask).

    python bench/shapes_check.py [--epochs 4] [--lr 3e-3] [--seed 0]
"""
import argparse, json, time, warnings
import torch, torch.nn.functional as F
from l2pa.data import shapes_dls
from l2pa.model import paper_model, attention_maps
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    from fastai.learner import Learner
    from fastai.metrics import accuracy
    from fastai.callback.schedule import fit_one_cycle  # noqa: F401 (patches Learner)

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--epochs', type=int, default=4); p.add_argument('--lr', type=float, default=3e-3); p.add_argument('--seed', type=int, default=0)
a = p.parse_args()
if a.epochs < 1 or a.lr <= 0: p.error('epochs must be >= 1 and lr > 0')
torch.manual_seed(a.seed)
dls = shapes_dls(6000, 1000, bs=64, seed=a.seed)
m = paper_model('(VGG-att3)-concat-pc', 5, width=0.125, drop=False)
learn = Learner(dls, m, loss_func=torch.nn.CrossEntropyLoss(), metrics=accuracy)
t = time.time()
with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(a.epochs, a.lr)
secs = time.time() - t
m.eval(); hits, n, correct = [0, 0, 0], 0, 0
with torch.no_grad():
    for xb, yb in dls.valid:
        logits, maps = attention_maps(m, xb)
        correct += (logits.argmax(1) == yb).sum().item()
        masks = dls.valid_ds.masks[n:n + len(xb)].flatten(1)
        for k, att in enumerate(maps):
            up = F.interpolate(att[:, None], size=xb.shape[-2:], mode='nearest')[:, 0]
            hits[k] += masks[torch.arange(len(xb)), up.flatten(1).argmax(1)].sum().item()
        n += len(xb)
print(json.dumps(dict(model='(VGG-att3)-concat-pc', width=0.125, epochs=a.epochs, lr=a.lr, seed=a.seed, train_seconds=round(secs, 1),
                      valid_accuracy=round(correct / n, 4), pointing_game_per_level=[round(h / n, 3) for h in hits])))
