#!/usr/bin/env bash
# Does l2pa work with the oldest fastai that settings.ini admits? Overlays that fastai (and the fastcore and
# fastprogress it was released with) on the development venv's PyTorch, then imports every l2pa module and
# trains a tiny model through the fastai API l2pa builds on. Run from the repo root, in the dev venv:
#
#   bash tools/oldest_fastai.sh            # the floor in settings.ini
#   bash tools/oldest_fastai.sh 2.7.11     # any other release
#
# fastai < 2.7.12 pins torch < 2 (2.7.11: torch<1.14), so with PyTorch 2 it is not installable at all.
set -euo pipefail
floor=$(grep '^requirements' settings.ini | grep -o 'fastai>=[0-9.]*' | cut -d= -f2)
v=${1:-$floor}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pip download -q --no-deps "fastai==$v" -d "$tmp/whl" 2>/dev/null
meta=$(unzip -p "$tmp"/whl/fastai-*.whl '*/METADATA' | grep '^Requires-Dist' | grep -v extra)
echo "fastai $v requires: $(echo "$meta" | grep -E 'torch|fastcore|fastprogress' | sed 's/Requires-Dist: //' | paste -sd, -)"
fastcore=$(echo "$meta" | grep 'Dist: fastcore' | grep -o '>=[0-9.]*' | cut -c3-)  # its oldest fastcore
pip install -q --no-deps --target "$tmp/site" "fastai==$v" "fastcore==$fastcore" "fastprogress==1.0.3" 2>&1 | grep -v -e WARNING -e Location || true
PYTHONPATH="$tmp/site" python - <<'PY'
import importlib, pkgutil, torch, fastai, fastcore
import l2pa
mods = sorted(m.name for m in pkgutil.walk_packages(l2pa.__path__, 'l2pa.'))
for m in mods: importlib.import_module(m)
from fastai.basics import Learner, DataLoaders, TfmdDL, accuracy, error_rate, set_seed
from fastai.callback.schedule import fit_one_cycle
from fastai.data.external import untar_data, URLs
from torch.utils.data import TensorDataset
set_seed(0)
x = torch.randn(64, 3, 8, 8); y = (x[:, 0].mean((1, 2)) > 0).long()
dls = DataLoaders.from_dsets(TensorDataset(x[:48], y[:48]), TensorDataset(x[48:], y[48:]), bs=16, num_workers=0)
m = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(4, 2))
learn = Learner(dls, m, loss_func=torch.nn.CrossEntropyLoss(), metrics=[accuracy, error_rate])
with learn.no_bar(), learn.no_logging():
    learn.fit_one_cycle(2, 1e-2)
    p, t = learn.get_preds()
assert p.shape == (16, 2)
for u in ('CIFAR', 'CIFAR_100', 'CUB_200_2011'): assert hasattr(URLs, u), u
# l2pa's own fastai code: the shapes DataLoaders and a paper model in a Learner, and the folder loader
from l2pa.data import shapes_dls, folder_dls
from l2pa.model import paper_model
import tempfile, numpy as np
from pathlib import Path
from PIL import Image
sd = shapes_dls(64, 32, bs=16)
learn = Learner(sd, paper_model('(VGG-att2)-concat-pc', 5, width=0.125), loss_func=torch.nn.CrossEntropyLoss(), metrics=accuracy)
with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-3)
sd.show_batch(max_n=2)
root = Path(tempfile.mkdtemp())
for split in ('train', 'test'):
    for c in ('a', 'b'):
        (root/split/c).mkdir(parents=True)
        for i in range(2): Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(root/split/c/f'{i}.png')
assert folder_dls(root, bs=2, num_workers=0).one_batch()[0].shape == (2, 3, 32, 32)
# l2pa.train, l2pa.checkpoint, l2pa.cli: both recipes, the callbacks, checkpoints and resume, the commands
from l2pa.train import paper_learner, AttentionHistory, EpochLines
from l2pa.checkpoint import Checkpoint, load_model, learner_from_checkpoint
from l2pa.cli import l2pa_demo, train_main, predict_main
import contextlib, io
out = Path(tempfile.mkdtemp())
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    for recipe in ('fast', 'paper'):
        l = paper_learner(sd, '(VGG-att3)-indep-pc', recipe, width=0.125, drop=False, path=out, cbs=[AttentionHistory(2), Checkpoint(out), EpochLines()])
        l.fit_recipe(1 if recipe == 'paper' else 2)
    l = paper_learner(sd, '(VGG-att3)-indep-pc', 'paper', width=0.125, drop=False, path=out, cbs=EpochLines())
    l.fit_recipe(2, resume=out/'last.pth')
    assert load_model(out/'last.pth').vocab == list(sd.vocab)
    l2pa_demo(['--out', str(out/'demo'), '--epochs', '1', '--n-train', '128', '--no-bar'])
    train_main(['--n-train', '128', '--n-valid', '32', '--width', '0.125', '--epochs', '1', '--bs', '32', '--out', str(out/'run'), '--no-bar'])
    assert learner_from_checkpoint(out/'demo'/'model.pth', device='cpu').predict_attention(np.zeros((40, 30, 3), np.uint8)).maps
    predict_main([str(out/'demo'/'attention.png'), '--model', str(out/'demo'/'model.pth'), '--out', str(out/'pred'), '--no-bar'])
assert (out/'demo'/'attention.png').exists() and (out/'run'/'metrics.json').exists() and (out/'pred'/'predictions.csv').exists()
print(f'OK: fastai {fastai.__version__} (fastcore {fastcore.__version__}) on torch {torch.__version__}: '
      f'imported {", ".join(mods)}; Learner.fit_one_cycle, get_preds, untar_data URLs, shapes_dls + paper_model training, show_batch, folder_dls, '
      f'l2pa.train/checkpoint/cli (both recipes, AttentionHistory, Checkpoint, resume, load_model, learner_from_checkpoint, l2pa_demo, l2pa_train, l2pa_predict) work')
PY
