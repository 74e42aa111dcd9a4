#!/usr/bin/env python
"""Cross-domain transfer (notebook 15): train networks on some classes of CIFAR-10, then use their attended features
(`attended_features`) with a linear probe (`linear_probe`) on data they never saw: CIFAR-10's other classes, the
built-in shapes dataset, and STL-10 and Caltech-101 where their folders are given. One JSON line per network, seed and
target, then a table of mean probe accuracy. For an attention network it also probes its last level alone, whose
features are as many as VGG's g: a control for the attention network's wider features.

    python bench/transfer.py --path PATH/cifar10.tgz --width 0.125 --epochs 4 --seeds 0 1 2
    python bench/transfer.py --path PATH/cifar10.tgz --stl10 PATH/stl10 --caltech101 PATH/caltech

The networks train with the fast-sgd recipe on 32×32 images; every target is resized to 32×32 and normalised with
CIFAR-10's statistics, as the networks saw their training data."""
import argparse, json, time, warnings
warnings.simplefilter('ignore')
import pandas as pd
import torch
from fastai.torch_core import set_seed
from l2pa.data import make_shapes, SHAPES, STATS
from l2pa.core import unwrap
from l2pa.model import model_names, AttnNet, level_names
from l2pa.fast import cpu_name
from l2pa.resnet import resnet_names  # registers the ResNets in model_names
from l2pa.train import paper_learner, training_precision
from l2pa.transfer import (class_subset_dls, attended_features, linear_probe, probe_loaders, stl10_tensors, caltech101_tensors,
                           SOURCE_CLASSES, HELD_OUT_CLASSES)

def targets(a):
    "name -> (train loader, test loader) of every target, normalised as CIFAR-10"
    st, out = STATS['cifar10'], {}
    held = class_subset_dls(HELD_OUT_CLASSES, path=a.path, aug=None)
    out['CIFAR-10, the other 5 classes'] = (held.train.new(shuffle=False, drop_last=False), held.valid)
    tr, te = make_shapes(a.n_shapes, 32, 100), make_shapes(1000, 32, 101)
    out['built-in shapes'] = probe_loaders(tr['x'], tr['y'], te['x'], te['y'], SHAPES, st)
    if a.stl10:
        (x, y, c), (xt, yt, _) = stl10_tensors(a.stl10, 'train'), stl10_tensors(a.stl10, 'test')
        out['STL-10'] = probe_loaders(x, y, xt, yt, c, st)
    if a.caltech101:
        d = caltech101_tensors(a.caltech101)
        out['Caltech-101'] = probe_loaders(*d['train'], *d['test'], d['classes'], st)
    return out

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--path', default=None, help='CIFAR-10: folder or archive (default: fastai\'s copy, or $L2PA_DATA)')
    p.add_argument('--models', nargs='+', default=['(VGG-att3)-concat-pc', 'VGG'], choices=model_names, metavar='MODEL')
    p.add_argument('--seeds', nargs='+', type=int, default=[0]); p.add_argument('--epochs', type=int, default=4)
    p.add_argument('--width', type=float, default=0.125); p.add_argument('--depth', type=int, default=None, help='ResNets only')
    p.add_argument('--n-shapes', type=int, default=2000, help='training images of the built-in dataset for the probe')
    p.add_argument('--stl10', default=None, help='folder holding stl10_binary/'); p.add_argument('--caltech101', default=None, help='folder holding caltech101/')
    a = p.parse_args()
    tg, rows = targets(a), []
    for seed in a.seeds:
        for m in a.models:
            set_seed(seed)
            dls = class_subset_dls(SOURCE_CLASSES, path=a.path)
            learn = paper_learner(dls, m, 'fast-sgd', width=a.width, drop=False, **({'depth': a.depth} if a.depth and m.startswith(('RN', '(RN')) else {}))
            t = time.time()
            with learn.no_bar(), learn.no_logging(): learn.fit_recipe(a.epochs)
            secs = time.time() - t
            with learn.no_bar(): src = float(learn.validate()[1])
            net = unwrap(learn.model)
            for name, (trl, tel) in tg.items():
                tr, te = attended_features(learn, trl), attended_features(learn, tel)
                # an attention network's features are wider than VGG's g: its last level alone is as wide, a control for the width
                views = {m: slice(None)} | ({f'{m}, {level_names(net)[-1]} only': slice(-net.attn[-1].c_out, None)} if isinstance(net, AttnNet) else {})
                for label, cols in views.items():
                    r = linear_probe((tr[0][:, cols], tr[1]), (te[0][:, cols], te[1]))
                    row = dict(model=label, seed=seed, target=name, probe_accuracy=round(r['accuracy'], 4), features=r['dim'], n_train=r['n_train'], n_test=r['n_test'],
                               source_accuracy=round(src, 4), epochs=a.epochs, width=a.width, train_seconds=round(secs, 1), precision=training_precision(learn),
                               machine=cpu_name(), threads=torch.get_num_threads(), torch=torch.__version__)
                    rows.append(row); print(json.dumps(row), flush=True)
    df = pd.DataFrame(rows)
    print(df.groupby(['target', 'model'])['probe_accuracy'].agg(['mean', 'std', 'count']).round(4).to_string())
