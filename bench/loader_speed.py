#!/usr/bin/env python
"""One epoch of CIFAR-10 training batches (common augmentation: pad-4 crop + flip), from fastai's per-item pipeline and
from l2pa's `DeviceDL`; and the first decode of the folder into one tensor against reading it back from the cache.
The loader alone: no network runs. Prints one JSON line.

    python bench/loader_speed.py --path PATH/cifar10.tgz [--bs 128] [--device cpu]"""
import argparse, json, os, shutil, tempfile, time, warnings
warnings.simplefilter('ignore')
import torch
from l2pa.data import cifar_dls, dataset_path
from l2pa.fast import cpu_name

def epoch_seconds(dl):
    t = time.perf_counter(); n = 0
    for xb, yb in dl: n += len(xb)
    if xb.device.type == 'cuda': torch.cuda.synchronize()
    return time.perf_counter() - t, n

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--path', required=True, help='cifar10 folder or archive'); p.add_argument('--bs', type=int, default=128)
p.add_argument('--device', default=None); p.add_argument('--workers', type=int, default=None, help="per-item loader processes (default: fastai's, min(4, cores))")
a = p.parse_args()
os.environ['L2PA_CACHE'] = tempfile.mkdtemp()  # the archive is extracted, and its tensors cached, in a fresh place
root = dataset_path('cifar10', a.path)
shutil.rmtree(root/'.l2pa-cache', ignore_errors=True)
rows = []
t = time.perf_counter(); dd = cifar_dls(path=root, bs=a.bs, device=a.device); first = time.perf_counter() - t
t = time.perf_counter(); dd = cifar_dls(path=root, bs=a.bs, device=a.device); cached = time.perf_counter() - t
rows.append(dict(step='make the DataLoaders, first time (decode 60,000 files)', loader='device', seconds=round(first, 1)))
rows.append(dict(step='make the DataLoaders, again (read the cache)', loader='device', seconds=round(cached, 1)))
di = cifar_dls(path=root, bs=a.bs, device=a.device, loader='items', num_workers=a.workers)
for name, dl in (('items', di.train), ('device', dd.train)):
    s, n = epoch_seconds(dl)
    rows.append(dict(step=f'one training epoch of batches ({n:,} images)', loader=name, seconds=round(s, 1), images_per_s=round(n/s)))
print(json.dumps(dict(machine=cpu_name(), cores=os.cpu_count(), torch=torch.__version__, device=str(dd.device), bs=a.bs, rows=rows)))
