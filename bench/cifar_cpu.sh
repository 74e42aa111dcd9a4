#!/usr/bin/env bash
# CIFAR-10 on a CPU: (VGG-att3)-concat-pc against the VGG baseline, same recipe and budget, trained side by side
# with one CPU thread each. Writes OUT/attn and OUT/vgg (history.csv, metrics.json, model.pth, pictures).
#
#   bash bench/cifar_cpu.sh PATH/TO/cifar10.tgz [OUT] [EPOCHS]
#
# The archive is fastai's CIFAR-10 layout (cifar10/{train,test}/<class>/*); leave PATH empty to download it.
set -euo pipefail
data=${1:?usage: bash bench/cifar_cpu.sh PATH/TO/cifar10.tgz [OUT] [EPOCHS]}
out=${2:-cifar_cpu}; epochs=${3:-6}
common=(--data cifar10 --path "$data" --width 0.125 --no-drop --recipe fast --epochs "$epochs" --seed 0 --no-bar)
python -c "from l2pa.data import cifar_dls; cifar_dls('cifar10', path='$data')" 2>/dev/null  # extract once, before both runs
OMP_NUM_THREADS=1 l2pa_train --model '(VGG-att3)-concat-pc' "${common[@]}" --out "$out/attn" > "$out.attn.log" 2>&1 &
OMP_NUM_THREADS=1 l2pa_train --model VGG "${common[@]}" --out "$out/vgg" > "$out.vgg.log" 2>&1 &
wait
for m in attn vgg; do tail -1 "$out.$m.log"; done
