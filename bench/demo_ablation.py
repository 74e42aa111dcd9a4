#!/usr/bin/env python
"""Recipe ablation on the demo's task (the demo of notebook 12; the tables are in notebook 13): the demo network on the built-in dataset, varied one setting at a
time from the demo's recipe, scored by accuracy and by the pointing game and attention energy of every level (at pixels,
as `l2pa_demo` scores them). One JSON line per run.

    python bench/demo_ablation.py --seeds 0 1 --variants base epochs=12 lr=6e-3 ls=0.1 'epochs=12,lr=6e-3'

A variant is `base` or comma-separated settings: epochs=, lr=, ls= (label smoothing), bs=, n_train=, width=, tta=1,
opt= (adam, sgd, sgd-nesterov), wd=, ema= (decay of the weight average), aug= (flip, cropflip: batch augmentation)."""
import argparse, json, time, warnings
warnings.simplefilter('ignore')
import torch
from fastai.torch_core import set_seed
from l2pa.data import make_shapes, tensor_dls, SHAPES, FlipBatch, PadCropBatch
from l2pa.train import paper_learner, training_precision, FlipTTA, DEMO
from l2pa.model import level_names
from l2pa.fast import cpu_name
from l2pa.localize import localization_table

def parse(v):
    if v == 'base': return {}
    kv = dict(s.split('=') for s in v.split(','))
    return {k: (x if k in ('opt', 'aug') else int(x) if k in ('epochs', 'bs', 'n_train', 'tta') else float(x)) for k, x in kv.items()}

def run(v, seed):
    o = dict(epochs=DEMO['epochs'], lr=DEMO['lr'], ls=0., bs=DEMO['bs'], n_train=DEMO['n_train'], width=DEMO['width'], tta=0, opt='adam', wd=None, ema=0., aug='') | parse(v)
    set_seed(seed)
    tr, va = make_shapes(o['n_train'], 32, seed), make_shapes(DEMO['n_valid'], 32, seed + 1)  # shapes_dls, with augmentation before normalisation
    aug = ([PadCropBatch(4)] if 'crop' in o['aug'] else []) + ([FlipBatch()] if 'flip' in o['aug'] else [])
    dls = tensor_dls(tr['x'], tr['y'], va['x'], va['y'], SHAPES, o['bs'], batch_tfms=aug)
    dls.valid_ds.masks = va['mask']
    learn = paper_learner(dls, DEMO['model'], 'fast', lr=o['lr'], width=o['width'], drop=False, label_smoothing=o['ls'], tta=bool(o['tta']),
                          opt=o['opt'], wd=o['wd'], ema=o['ema'] or None)
    t = time.time()
    with learn.no_bar(): learn.fit_recipe(o['epochs'])
    secs = time.time() - t
    names = level_names(learn.model)
    s = localization_table(learn.model, dls, sources=names, thresholds=())
    c = localization_table(learn.model, dls, sources=names, thresholds=(), at='cell')
    return dict(variant=v, seed=seed, **o, accuracy=round(float(s['accuracy'].iloc[0]), 4),
                pointing=[round(float(s.loc[n, 'pointing']), 3) for n in names], energy=[round(float(s.loc[n, 'energy']), 3) for n in names],
                best_pointing=round(max(float(s.loc[n, 'pointing']) for n in names), 3),
                pointing_cell=[round(float(c.loc[n, 'pointing']), 3) for n in names], best_pointing_cell=round(max(float(c.loc[n, 'pointing']) for n in names), 3), train_seconds=round(secs, 1),
                precision=training_precision(learn), machine=cpu_name(), threads=torch.get_num_threads())

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--variants', nargs='+', default=['base']); p.add_argument('--seeds', nargs='+', type=int, default=[0])
    a = p.parse_args()
    for s in a.seeds:
        for v in a.variants: print(json.dumps(run(v, s)), flush=True)
