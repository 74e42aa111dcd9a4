#!/usr/bin/env python
"""Time to accuracy: train networks of the paper on one dataset and print one JSON line per run, with the training
seconds at which validation accuracy first reached each target, the final accuracy with and without flip test-time
augmentation, training images/s, the precision, the device, and how much of each training epoch went to loading
batches (data) vs the rest of the step (compute).

    python bench/time_to_accuracy.py --data cifar10 --path PATH/cifar10.tgz --models '(VGG-att3)-concat-pc' VGG --width 0.125 --epochs 10
    python bench/time_to_accuracy.py --data synthetic --n-train 5000 --epochs 6 --width 0.125 --no-drop --bs 64 --seeds 0 1 2

Options not given take the recipe's values (`l2pa.train.RECIPES`). On a GPU the step boundaries are synchronised to
split data from compute time, which costs a little throughput."""
import argparse, json, time, warnings
warnings.simplefilter('ignore')
import torch
from fastai.callback.core import Callback
from fastai.torch_core import set_seed
from l2pa.data import get_dls, LOADERS
from l2pa.model import model_names
from l2pa.fast import cpu_name
from l2pa.resnet import resnet_names
from l2pa.train import paper_learner, training_precision, FlipTTA, EpochLines, RECIPES, OPTIMIZERS

class StepTimes(Callback):
    "Seconds of each training epoch spent waiting for batches (data) and in the rest of the step (compute)"
    order = 99
    def __init__(self): self.epochs = []
    def _now(self):
        if self.dls.device is not None and torch.device(self.dls.device).type == 'cuda': torch.cuda.synchronize()
        return time.perf_counter()
    def before_train(self): self.data = self.compute = 0.; self.t = self.t0 = self._now(); self.n = 0
    def before_batch(self):
        if self.training: t = self._now(); self.data += t - self.t; self.t = t
    def after_batch(self):
        if self.training: t = self._now(); self.compute += t - self.t; self.t = t; self.n += len(self.xb[0])
    def after_train(self): self.epochs.append(dict(data=self.data, compute=self.compute, seconds=self._now() - self.t0, images=self.n))

def run(a, model, seed):
    set_seed(seed)
    kw = dict(n_train=a.n_train, n_valid=a.n_valid, seed=seed) if a.data == 'synthetic' else {}
    dls = get_dls(a.data, a.path, bs=a.bs or RECIPES[a.recipe]['bs'], loader=a.loader, device=a.device, **kw)
    times = StepTimes()
    learn = paper_learner(dls, model, a.recipe, lr=a.lr, cbs=[times, EpochLines()] if a.lines else [times], width=a.width, drop=not a.no_drop,
                          **({'depth': a.depth} if a.depth and model in resnet_names else {}),
                          label_smoothing=a.label_smoothing, precision=a.precision, opt=a.opt, wd=a.wd, ema=a.ema)
    learn.fit_recipe(a.epochs)
    accs = [float(v[learn.recorder.metric_names[1:].index('accuracy')]) for v in learn.recorder.values]
    cum, reached, t = [], {}, 0.
    for e, acc in zip(times.epochs, accs):
        t += e['seconds']; cum.append(t)
        for x in a.targets:
            if acc >= x and str(x) not in reached: reached[str(x)] = round(t, 1)
    with learn.no_bar(): plain, tta = float(learn.validate()[1]), float(learn.validate(cbs=[FlipTTA()])[1])
    tr = sum(e['seconds'] for e in times.epochs); data = sum(e['data'] for e in times.epochs)
    dev = torch.device(dls.device)
    return dict(model=model, data=a.data, seed=seed, width=a.width, depth=(a.depth or 164) if model in resnet_names else None, epochs=a.epochs, recipe=a.recipe, bs=dls.train.bs, lr=learn.lr,
                opt=a.opt or RECIPES[a.recipe]['opt'], wd=learn.wd, ema=a.ema, label_smoothing=a.label_smoothing, loader=a.loader, precision=training_precision(learn),
                device=torch.cuda.get_device_name(dev) if dev.type == 'cuda' else cpu_name(), threads=torch.get_num_threads(), torch=torch.__version__,
                train_seconds=round(tr, 1), images_per_s=round(sum(e['images'] for e in times.epochs) / tr), data_share=round(data / tr, 3),
                seconds_to=reached, accuracy_per_epoch=[round(x, 4) for x in accs], accuracy=round(plain, 4), accuracy_tta=round(tta, 4))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default='synthetic'); p.add_argument('--path', default=None, help='dataset folder or archive')
    p.add_argument('--models', nargs='+', default=['(VGG-att3)-concat-pc'], choices=model_names, metavar='MODEL')
    p.add_argument('--seeds', nargs='+', type=int, default=[0]); p.add_argument('--recipe', default='fast', choices=list(RECIPES))
    p.add_argument('--epochs', type=int, default=None); p.add_argument('--bs', type=int, default=None); p.add_argument('--lr', type=float, default=None)
    p.add_argument('--width', type=float, default=1.); p.add_argument('--no-drop', action='store_true')
    p.add_argument('--depth', type=int, default=None, help='depth of the ResNets (RN rows; default 164)')
    p.add_argument('--label-smoothing', type=float, default=None); p.add_argument('--precision', default='auto')
    p.add_argument('--opt', default=None, choices=list(OPTIMIZERS)); p.add_argument('--wd', type=float, default=None)
    p.add_argument('--ema', type=float, default=None, help='decay of the weight average (WeightAverage)')
    p.add_argument('--loader', default='device', choices=LOADERS); p.add_argument('--device', default=None)
    p.add_argument('--n-train', type=int, default=5000); p.add_argument('--n-valid', type=int, default=1000)
    p.add_argument('--targets', nargs='+', type=float, default=[0.8, 0.85, 0.9, 0.94]); p.add_argument('--lines', action='store_true', help='print a line per epoch')
    a = p.parse_args()
    a.epochs = a.epochs or RECIPES[a.recipe]['epochs']
    for m in a.models:
        for s in a.seeds: print(json.dumps(run(a, m, s)), flush=True)
