#!/usr/bin/env python
"""Weakly supervised segmentation (notebook 16) by networks trained on CIFAR-10, as the paper ran it: train each network
with the fast-sgd recipe, save it, then score its binarised maps against object masks with `l2pa_segment`, per class.

Object Discovery (the paper's images) needs a download: give its folder with --od (add --download to fetch it). Without
it, the script makes masked images from CIFAR-10's test set, which need none: each image is a 32×32 test photo of an
airplane, an automobile or a horse pasted at a random place into a larger scene, another test photo (of none of those
classes) enlarged to --canvas pixels; the mask is the pasted square. A box, not an outline: the photo's own background
counts as object, so the scores are lower bounds of what an outline would give.

    python bench/segment_cifar.py --path PATH/cifar10.tgz --width 0.125 --epochs 6
    python bench/segment_cifar.py --path PATH/cifar10.tgz --od PATH/objectdiscovery --download
    python bench/segment_cifar.py --path PATH/cifar10.tgz --reuse      # score the networks saved by an earlier run again

Prints one JSON line per network (accuracy, training time, precision, machine), the table of `l2pa_segment`, the
score of a map that keeps the whole image (a uniform map), the baseline any map must beat, and for each map the share
of its brightest tenth (`('top', 0.1)`) that lies inside the mask."""
import argparse, json, time, warnings
warnings.simplefilter('ignore')
from pathlib import Path
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from fastai.torch_core import set_seed
from l2pa.data import cifar_dls
from l2pa.model import model_names
from l2pa.fast import cpu_name
from l2pa.resnet import resnet_names  # registers the ResNets in model_names
from l2pa.train import paper_learner, training_precision
from l2pa.checkpoint import save_checkpoint, learner_from_checkpoint
from l2pa.localize import map_sources, binarize, pair_maps
from l2pa.segment import l2pa_segment, masked_folder, object_discovery, MASKS

OBJECTS = ('airplane', 'automobile', 'horse')   # CIFAR-10's classes of Object Discovery's three

def pasted_folder(dls, out:Path, n:int, canvas:int, seed:int=0):
    "Write `n` pasted images per class of OBJECTS into `out` (class folders with GroundTruth masks), from the test set of `dls`"
    x, y, vocab = dls.valid.x.cpu(), dls.valid.y.cpu(), list(dls.vocab)
    g = torch.Generator().manual_seed(seed)
    scenes = torch.cat([(y == i).nonzero()[:, 0] for i, c in enumerate(vocab) if c not in OBJECTS])
    for c in OBJECTS:
        (out/c/MASKS).mkdir(parents=True)
        idx = (y == vocab.index(c)).nonzero()[:, 0]
        for k, i in enumerate(idx[torch.randperm(len(idx), generator=g)[:n]].tolist()):
            s = scenes[int(torch.randint(len(scenes), (1,), generator=g))]
            im = F.interpolate(x[s][None].float(), size=(canvas, canvas), mode='bilinear', align_corners=False)[0].round().clamp(0, 255).to(torch.uint8)
            r0, c0 = (int(torch.randint(canvas - 31, (1,), generator=g)) for _ in range(2))
            im[:, r0:r0 + 32, c0:c0 + 32] = x[i]
            m = np.zeros((canvas, canvas), np.uint8); m[r0:r0 + 32, c0:c0 + 32] = 255
            Image.fromarray(im.permute(1, 2, 0).numpy()).save(out/c/f'{k:04d}.png'); Image.fromarray(m).save(out/c/MASKS/f'{k:04d}.png')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--path', default=None, help="CIFAR-10: folder or archive (default: fastai's copy, or $L2PA_DATA)")
    p.add_argument('--models', nargs='+', default=['(VGG-att2)-concat-pc', 'VGG-GAP', 'VGG'], choices=model_names, metavar='MODEL')
    p.add_argument('--epochs', type=int, default=6); p.add_argument('--width', type=float, default=0.125); p.add_argument('--seed', type=int, default=0)
    p.add_argument('--n', type=int, default=300, help='pasted images per class'); p.add_argument('--canvas', type=int, default=48, help='size of a pasted image (> 32)')
    p.add_argument('--od', default=None, help='score Object Discovery from this folder instead of pasted images'); p.add_argument('--download', action='store_true')
    p.add_argument('--out', default='runs/segment_cifar', help='checkpoints, images and scores go here (must not exist, unless --reuse)')
    p.add_argument('--reuse', action='store_true', help='use the networks and images an earlier run left in --out, and score them again')
    a = p.parse_args()
    if a.canvas <= 32: p.error('--canvas must be larger than 32')
    out = Path(a.out)
    if out.exists() and not a.reuse: p.error(f'--out {out} exists: give a new folder, or --reuse')
    dls = cifar_dls(path=a.path)
    ckpts = []
    for m in a.models:
        if a.reuse and (out/'models'/f"{m.replace('(', '').replace(')', '')}.pth").is_file():
            ckpts.append(out/'models'/f"{m.replace('(', '').replace(')', '')}.pth"); continue
        set_seed(a.seed)
        learn = paper_learner(cifar_dls(path=a.path), m, 'fast-sgd', width=a.width, drop=False)
        t = time.time()
        with learn.no_bar(), learn.no_logging(): learn.fit_recipe(a.epochs)
        secs = time.time() - t
        with learn.no_bar(): acc = float(learn.validate()[1])
        ckpts.append(out/'models'/f"{m.replace('(', '').replace(')', '')}.pth"); ckpts[-1].parent.mkdir(parents=True, exist_ok=True)
        save_checkpoint(learn, ckpts[-1], with_opt=False)
        print(json.dumps(dict(model=m, test_accuracy=round(acc, 4), epochs=a.epochs, width=a.width, seed=a.seed, train_seconds=round(secs, 1),
                              precision=training_precision(learn), machine=cpu_name(), threads=torch.get_num_threads(), torch=torch.__version__)), flush=True)
    if a.od: folder = a.od
    else:
        folder = out/'pasted'
        if not (a.reuse and folder.is_dir()): pasted_folder(dls, folder, a.n, a.canvas, a.seed)
    l2pa_segment([str(folder), '--model', *map(str, ckpts), '--out', str(out/'segment')] + (['--download'] if a.download else []) + (['--overwrite'] if a.reuse else []))
    # the score of a map that selects the whole image (a uniform map binarised at any threshold keeps every pixel): the mask's share of the image
    data = masked_folder(folder) if not a.od else object_discovery(folder)
    share = {c: float(np.mean([(np.array(Image.open(mk)) > 127).mean() for _, mk in pairs if (np.array(Image.open(mk)) > 127).any()])) for c, pairs in data.items()}
    print('whole image (a uniform map): ' + ', '.join(f'{c} {v:.3f}' for c, v in share.items()) + f', mean {np.mean(list(share.values())):.3f}')
    # how much of each map's brightest tenth lies inside the mask: where the map points, whatever the size of its set
    for f in ckpts:
        learn = learner_from_checkpoint(f, device='cpu'); srcs = map_sources(learn.model); inside = {s: [] for s in srcs}
        for c, pairs in data.items():
            for _, mk, maps, _ in pair_maps(learn, [p for p in pairs if (np.array(Image.open(p[1])) > 127).any()], srcs):
                for s in srcs: b = binarize(maps[s], 'top', 0.1)[0]; inside[s].append(float((b & mk).sum() / b.sum()))
        print(f'{f.stem}: share of the brightest tenth inside the mask: ' + ', '.join(f'{s} {np.mean(v):.3f}' for s, v in inside.items()), flush=True)
