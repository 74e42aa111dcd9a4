#!/usr/bin/env python
"""Is the built-in shapes dataset learnable, and does attention find the object? Trains (VGG-att3)-concat-pc at width
0.125 (no dropout) with fastai's one-cycle for a few epochs on 6,000 images and reports validation accuracy and, per
attention level, the pointing game and the energy on the object (l2pa.localize, at their default reading: the map brought to
the image's pixels with the peak-keeping upsampling).

    python bench/shapes_check.py [--epochs 4] [--lr 3e-3] [--seed 0]
"""
import argparse, json, time, warnings
import torch
from l2pa.data import shapes_dls
from l2pa.model import paper_model, level_names
from l2pa.localize import localization_table
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
t_ = localization_table(m, dls, level_names(m), thresholds=())  # one definition of each measure
print(json.dumps(dict(model='(VGG-att3)-concat-pc', width=0.125, epochs=a.epochs, lr=a.lr, seed=a.seed, train_seconds=round(secs, 1),
                      valid_accuracy=round(float(t_['accuracy'].iloc[0]), 4), pointing_game_per_level=[round(v, 3) for v in t_['pointing']],
                      energy_per_level=[round(v, 3) for v in t_['energy']])))
